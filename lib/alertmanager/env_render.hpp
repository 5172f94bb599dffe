#pragma once
#include <cstddef>
#include <functional>
#include <map>
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

/// Where the value written for a variable came from.
enum class ValueSource { Environment, Default, Placeholder };

/// A required variable that had no value: unset, or set to "".
struct MissingVariable {
  std::string name;
  bool empty = false;
};

/// One piece of the template replaced in the output: a `${...}` reference by its value, or the
/// first '$' of a `$${` escape by nothing.
struct Replacement {
  std::size_t template_begin = 0, template_end = 0;
  std::size_t rendered_begin = 0, rendered_end = 0;
};

struct RenderedTemplate {
  std::string text;
  /// Byte ranges of `text` that hold values from the environment (never shown, never linted as
  /// plain-text secrets: they are meant to be there).
  std::vector<std::pair<std::size_t, std::size_t>> expanded;
  /// Byte ranges of `text` that hold defaults and placeholders: the template's own text, not
  /// secrets, but not plain-text secrets written in the config either.
  std::vector<std::pair<std::size_t, std::size_t>> template_values;
  /// Problems in the template (positions in it); the text is not usable when any is an error.
  std::vector<Diagnostic> problems;
  /// Every replacement made, in order: maps positions in `text` back to the template.
  std::vector<Replacement> replacements;
  /// Each variable whose value was written, by where the value came from.
  std::map<std::string, ValueSource> sources;
  /// Required variables without a value, each once, in order of first use.
  std::vector<MissingVariable> missing;

  bool ok() const;
  /// The number of variables whose value came from `source`.
  std::size_t count(ValueSource source) const;
  /// The byte offset in the template of a byte offset in `text` (inside an expanded value: the
  /// start of its reference).
  std::size_t template_offset(std::size_t rendered_offset) const;
};

/// Expands `${NAME}` (required: unset or empty is an error) and `${NAME:-default}` (default when
/// unset or empty) inside the YAML values of an Alertmanager config template; `$${` stays a
/// literal `${`. Comments are left alone. Each value is written in the quoting of the YAML scalar
/// around it (escaped in double quotes, `''` in single quotes); a value that would change the
/// YAML structure in an unquoted scalar is refused. Every missing variable is reported, each at
/// its reference; values never appear in a message.
RenderedTemplate render_env_template(const SourceFile& source, const EnvLookup& env);

/// The same expansion without the environment, for checking a template where its secrets are
/// not at hand: every `${NAME:-default}` takes its default and every required `${NAME}` takes
/// `placeholder` (ValueSource::Placeholder).
RenderedTemplate render_with_placeholders(const SourceFile& source, const std::string& placeholder);

/// The first line render-alertmanager writes into a rendered config; `template_path` with control
/// characters shown as '?'.
std::string rendered_header(std::string_view template_path);
/// True when `text` starts with rendered_header(): the output of render-alertmanager, whose
/// secrets are there by design.
bool is_rendered_output(std::string_view text);

}  // namespace mlmon::alertmanager
