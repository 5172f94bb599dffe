#pragma once
#include <initializer_list>
#include <optional>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "workspace/file_kind.hpp"

namespace mlmon::workspace {

/// What a command that checks one kind of file does with a file.
enum class Take {
  Check,      ///< of its kind, or not plainly anything else: checked (strictly, when named)
  Skip,       ///< found in a directory and of another kind: left out, and counted as skipped
  WrongKind,  ///< named by the user and plainly another kind: one error says so
};

struct Selection {
  Take take = Take::Check;
  FileKind kind = FileKind::Other;  ///< what the file is
};

/// Decides for a command that checks `wanted` files. A file that does not parse is checked (its
/// own checks say where it breaks); a file of no known kind is checked when named, skipped when
/// found in a directory.
Selection select_file(const SourceFilePtr& source, bool found_in_directory, std::initializer_list<FileKind> wanted);
/// The same for a file already read with yaml::load_streaming() (see classify_streamed()).
Selection select_streamed(const SourceFilePtr& source, bool found_in_directory, std::initializer_list<FileKind> wanted,
                          const yaml::Document* skeleton, const StreamedGroups& groups);

/// The error for a file named to a command of another kind: "this is a Grafana dashboard, not a
/// rule file: check it with `mlmon check-dashboards`", on the whole file.
Diagnostic wrong_kind(const SourceFile& source, FileKind is, std::string_view wanted_noun, std::string_view rule_id);

}  // namespace mlmon::workspace
