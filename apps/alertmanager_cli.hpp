#pragma once
// What the Alertmanager subcommands share: reading a config (or a config template) and turning
// findings into a report.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/loader.hpp"
#include "alertmanager/template_check.hpp"
#include "context.hpp"
#include "core/report.hpp"
#include "workspace/selection.hpp"

namespace mlmon::cli {

/// The rule id of a file given as an Alertmanager config that plainly holds something else.
inline constexpr std::string_view kRuleNotAConfig = alertmanager::ids::kNotAConfig;

/// An Alertmanager config read for checking: a file as written, or a `*.tmpl` config template
/// rendered in memory, whose findings are reported at their place in the template.
struct AlertmanagerInput {
  /// The config; nullopt only when a template did not render (see from_template->rendered).
  std::optional<alertmanager::LoadedConfig> loaded;
  /// Set for a template (its `loaded` moved to the field above).
  std::optional<alertmanager::TemplateCheck> from_template;
  /// Set (and nothing loaded) when the file plainly holds something else: a rule file, a
  /// dashboard, a notification template.
  std::optional<Diagnostic> wrong_kind;

  /// True when the config does not load (or the template does not render, or it is no config).
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

/// workspace::select_file for the commands that take Alertmanager configs and config templates.
workspace::Selection select_config(const SourceFilePtr& source, bool found_in_directory);

/// Loads `source` as select_config() selected it (to check, or of another kind); a `*.tmpl` is
/// rendered in memory first and a line on stderr says how. Returns nullopt, said on stderr
/// (`mlmon <command>: ...`), when a template's required variables are not set (and not
/// --placeholders): the file cannot be checked.
std::optional<AlertmanagerInput> load_alertmanager_input(const SourceFilePtr& source,
                                                         const workspace::Selection& selection,
                                                         std::string_view command, const InputOptions& options,
                                                         Context& ctx);

/// Reads a file named on the command line and loads it as above; nullopt also when it cannot be
/// read (said on stderr).
std::optional<AlertmanagerInput> read_alertmanager_input(const std::string& path, std::string_view command,
                                                         const InputOptions& options, Context& ctx);

/// The directory relative paths in the config are resolved against.
std::string config_directory(const alertmanager::LoadedConfig& loaded);

/// Adds the config's findings, the template files' errors (as Alertmanager parses them when it
/// loads) and, when `lint`, mlmon's own warnings to `report`, with the
/// source registered in its redacted form so quoted lines never show a secret.
void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report);

}  // namespace mlmon::cli
