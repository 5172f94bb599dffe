#include "workspace/selection.hpp"

#include <algorithm>
#include <string>

namespace mlmon::workspace {

namespace {

Selection select_kind(FileKind kind, bool found_in_directory, std::initializer_list<FileKind> wanted) {
  if (std::find(wanted.begin(), wanted.end(), kind) != wanted.end() || kind == FileKind::Unparsable) {
    return {Take::Check, kind};
  }
  if (found_in_directory) return {Take::Skip, kind};
  return {kind == FileKind::Other ? Take::Check : Take::WrongKind, kind};
}

}  // namespace

Selection select_file(const SourceFilePtr& source, bool found_in_directory, std::initializer_list<FileKind> wanted) {
  return select_kind(classify(source).kind, found_in_directory, wanted);
}

Selection select_streamed(const SourceFilePtr& source, bool found_in_directory, std::initializer_list<FileKind> wanted,
                          const yaml::Document* skeleton, const StreamedGroups& groups) {
  return select_kind(classify_streamed(source, skeleton, groups).kind, found_in_directory, wanted);
}

Diagnostic wrong_kind(const SourceFile& source, FileKind is, std::string_view wanted_noun, std::string_view rule_id) {
  std::string message = "this is " + std::string(describe(is)) + ", not " + std::string(wanted_noun);
  if (const std::string_view command = command_for(is); !command.empty()) {
    message += ": check it with `mlmon " + std::string(command) + "`";
  }
  return make_diagnostic(Severity::Error, rule_id, source.path(), Position{}, std::move(message));
}

}  // namespace mlmon::workspace
