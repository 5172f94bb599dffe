#pragma once
// A config template (`*.tmpl` with `${VAR}` references) checked without writing anything: rendered
// in memory, loaded as Alertmanager would load the rendered file, and every finding moved back to
// its place in the template. mlmon check, check-alertmanager, routes and render-alertmanager share it.
#include <optional>
#include <string>
#include <string_view>

#include "alertmanager/env_render.hpp"
#include "alertmanager/loader.hpp"
#include "core/diagnostic.hpp"
#include "core/source_file.hpp"

namespace mlmon::alertmanager {

/// Where the variables of a template get their values when it is checked.
enum class TemplateValues {
  Environment,   ///< as render-alertmanager would render it here and now
  Placeholders,  ///< no environment: defaults, and a placeholder for every required variable
};

/// The value of a required variable under TemplateValues::Placeholders: shaped like a URL (the
/// usual kind of secret) and never a real one.
inline constexpr std::string_view kPlaceholderValue = "https://placeholder.invalid/mlmon";

struct TemplateCheck {
  SourceFilePtr source;  ///< the template as written
  TemplateValues values = TemplateValues::Environment;
  RenderedTemplate rendered;
  /// The rendered config, loaded under the template's path (with the expanded values sensitive);
  /// nullopt when the template did not render (see rendered.problems and rendered.missing).
  std::optional<LoadedConfig> loaded;

  /// `d` moved from the rendered text to the template when it points into it (same file name);
  /// anything else unchanged.
  Diagnostic to_template(Diagnostic d) const;
  /// The template for quoting lines: the secret values `config` found written in it are masked
  /// with '*' (same lines and columns); `${VAR}` references stay readable.
  SourceFilePtr redacted_template(const LoadedConfig& config) const;
  /// "2 values from the environment, 1 default" or "2 placeholder values, 1 default".
  std::string values_summary() const;
};

/// Renders `source` with `values` (the environment through `env`) and loads the result.
TemplateCheck render_template_for_check(SourceFilePtr source, TemplateValues values,
                                        const EnvLookup& env = process_environment());

/// "required variable X is not set", "required variables X, Y are not set or empty", ...: what
/// keeps the template from rendering with the environment ("" when nothing is missing).
std::string missing_variables_message(const RenderedTemplate& rendered);

}  // namespace mlmon::alertmanager
