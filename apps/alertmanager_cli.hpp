#pragma once
// What the Alertmanager subcommands share: reading a config (or a config template) and turning
// findings into a report.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/loader.hpp"
#include "alertmanager/template_check.hpp"
#include "context.hpp"
#include "core/report.hpp"

namespace mlmon::cli {

/// An Alertmanager config read for checking: a file as written, or a `*.tmpl` config template
/// rendered in memory, whose findings are reported at their place in the template.
struct AlertmanagerInput {
  /// The config; nullopt only when a template did not render (see from_template->rendered).
  std::optional<alertmanager::LoadedConfig> loaded;
  /// Set for a template (its `loaded` moved to the field above).
  std::optional<alertmanager::TemplateCheck> from_template;

  /// True when the config does not load (or the template does not render).
  bool has_errors() const;
  /// Adds every finding (the template's own problems, Alertmanager's validations, the template
  /// files' errors and, when `lint`, mlmon's warnings) to `report`, with the file as written
  /// registered for quoting (secrets masked).
  void report(bool lint, Report& report) const;
  /// Renders only the errors to stderr (routes refuse a config that does not load).
  void print_errors(Context& ctx) const;
};

struct InputOptions {
  /// Render a template with placeholders instead of the environment (--placeholders).
  bool placeholders = false;
  /// Say on stderr that a template was rendered, and how.
  bool announce = true;
};

/// Reads `path` as an Alertmanager config; a `*.tmpl` is rendered in memory first. When the file
/// cannot be checked, says why on stderr (`mlmon <command>: ...`) and returns nullopt: it cannot
/// be read, it holds something else (a rule file, a dashboard, a notification template), or a
/// template's required variables are not set (without --placeholders).
std::optional<AlertmanagerInput> read_alertmanager_input(const std::string& path, std::string_view command,
                                                         const InputOptions& options, Context& ctx);

/// What a file given as an Alertmanager config (or config template) holds instead, by its content,
/// to follow its path in a message ("is a Prometheus rule file; use mlmon check-rules"); "" when it
/// may be one (then its problems are Alertmanager's to report).
std::string other_kind(const std::string& path, const std::string& text);

/// The directory relative paths in the config are resolved against.
std::string config_directory(const alertmanager::LoadedConfig& loaded);

/// Adds the config's findings, the template files' errors (as Alertmanager parses them when it
/// loads) and, when `lint`, mlmon's own warnings to `report`, with the
/// source registered in its redacted form so quoted lines never show a secret.
void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report);

}  // namespace mlmon::cli
