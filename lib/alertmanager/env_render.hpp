#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"

namespace mlmon::alertmanager {

/// Looks a variable up; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment.
EnvLookup process_environment();

struct RenderedTemplate {
  std::string text;
  /// Byte ranges of `text` that hold expanded values and defaults (never shown, never linted as
  /// plain-text secrets: they are meant to be there).
  std::vector<std::pair<std::size_t, std::size_t>> expanded;
  /// Problems in the template (positions in it); the text is not usable when any is an error.
  std::vector<Diagnostic> problems;
  bool ok() const;
};

/// Expands `${NAME}` (required: unset or empty is an error) and `${NAME:-default}` (default when
/// unset or empty) inside the YAML values of an Alertmanager config template; `$${` stays a
/// literal `${`. Comments are left alone. Each value is written in the quoting of the YAML scalar
/// around it (escaped in double quotes, `''` in single quotes); a value that would change the
/// YAML structure in an unquoted scalar is refused. Every missing variable is reported, each at
/// its reference; values never appear in a message.
RenderedTemplate render_env_template(const SourceFile& source, const EnvLookup& env);

}  // namespace mlmon::alertmanager
