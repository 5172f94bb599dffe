// mlmon check-alertmanager: every validation Alertmanager makes, all at once with positions, plus
// mlmon's warnings (missing files, unused receivers, shadowed routes, inhibit rules that never
// fire, plain-text secrets, unexpanded ${VARS}). A `*.tmpl` config template is checked as rendered
// in memory; a directory is searched for configs and config templates.
#include <memory>

#include "alertmanager/crosscheck.hpp"
#include "alertmanager/templates.hpp"
#include "alertmanager_cli.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "rules/loader.hpp"
#include "workspace/alert_refs.hpp"
#include "workspace/project_check.hpp"

namespace mlmon::cli {

namespace {

struct CheckAlertmanagerArgs {
  std::vector<std::string> configs;
  std::vector<std::string> rules;
  OutputOptions output;
  bool no_lint = false;
  bool amtool = false;
  bool placeholders = false;
  bool quiet = false;
  bool verbose = false;
  bool skip_other_kinds = false;
};

// A file to check, as select_config() took it: a config, a config template, or a file of another
// kind named on the command line (reported as such).
struct ConfigFile {
  SourceFilePtr source;
  workspace::Selection selection;
};

struct Found {
  std::vector<ConfigFile> files;
  std::vector<workspace::SkippedFile> skipped;  ///< found in a directory, of another kind
  std::size_t unreadable = 0;
};

// The files named, and in each directory (searched as check-rules searches one, less what
// `.mlmon.yml` ignores) the configs and config templates; the other files found there are
// skipped. Nothing to check at all is a usage error: a green run must have checked something.
std::optional<Found> find_configs(const CheckAlertmanagerArgs& args, Context& ctx) {
  auto config = load_project_config("check-alertmanager", "", args.configs.front(), args.output, ctx);
  if (!config) return std::nullopt;
  auto files = workspace::project_inputs(args.configs, {".yml", ".yaml", ".tmpl"}, *config, ".", args.skip_other_kinds);
  if (!files) {
    ctx.err << "mlmon check-alertmanager: " << files.error().message << "\n";
    return std::nullopt;
  }
  Found found;
  for (const InputFile& file : *files) {
    auto text = read_file(file.path);
    if (!text) {
      ctx.err << "mlmon check-alertmanager: " << text.error().message << "\n";
      ++found.unreadable;
      continue;
    }
    auto source = std::make_shared<SourceFile>(file.path, std::move(*text));
    const workspace::Selection selection = select_config(source, file.found_in_directory);
    if (selection.take == workspace::Take::Skip) {
      found.skipped.push_back({file.path, selection.kind});
      continue;
    }
    found.files.push_back({source, selection});
  }
  if (args.verbose) {
    for (const auto& s : found.skipped) ctx.err << "skipped " << s.path << ": " << workspace::describe(s.kind) << "\n";
  }
  if (found.files.empty() && !found.skipped.empty() && !args.skip_other_kinds) {
    ctx.err << "mlmon check-alertmanager: no Alertmanager config (a YAML file with route: and receivers:, or such a "
               "*.tmpl template) among the files found; "
            << plural(found.skipped.size(), "other file") << " skipped"
            << (args.verbose ? "" : " (--verbose lists them)") << "\n";
    return std::nullopt;
  }
  return found;
}

// `amtool check-config`'s own output: "Checking 'f'  SUCCESS" with the Found: summary, or
// "  FAILED: <the one error Alertmanager reports>".
int run_amtool_style(const CheckAlertmanagerArgs& args, const Found& found, Context& ctx) {
  int failed = 0;
  bool io_failed = found.unreadable > 0;
  InputOptions options;
  options.placeholders = args.placeholders;
  options.announce = !args.quiet;
  for (const ConfigFile& file : found.files) {
    auto input = load_alertmanager_input(file.source, file.selection, "check-alertmanager", options, ctx);
    if (!input) {
      io_failed = true;
      continue;
    }
    ctx.out << "Checking '" << file.source->path() << "'";
    if (input->wrong_kind) {
      ctx.out << "  FAILED: " << input->wrong_kind->message << "\n\n";
      ++failed;
      continue;
    }
    if (!input->loaded) {
      // A template that does not render: its first problem, as Alertmanager reports a YAML error.
      const Diagnostic& first = input->from_template->rendered.problems.front();
      ctx.out << "  FAILED: line " << first.pos.line << ": " << first.message << "\n\n";
      ++failed;
      continue;
    }
    const alertmanager::LoadedConfig* loaded = &*input->loaded;
    const std::string error = loaded->amtool_error();
    if (!error.empty()) {
      ctx.out << "  FAILED: " << error << "\n\n";
      ++failed;
      continue;
    }
    const alertmanager::Config& c = loaded->config;
    ctx.out << "  SUCCESS\nFound:\n - global config\n - route\n - " << c.inhibit_rules.size() << " inhibit rules\n - "
            << c.receivers.size() << " receivers\n - " << c.templates.size() << " templates\n";
    if (!c.templates.empty()) {
      const std::vector<Diagnostic> errors = alertmanager::check_template_files(*loaded, config_directory(*loaded));
      if (errors.empty()) {
        ctx.out << "  SUCCESS\n";
      } else {
        ctx.out << "  FAILED: " << errors.front().message << "\n";
        ++failed;
      }
    }
    ctx.out << "\n";
  }
  if (failed > 0) ctx.err << "mlmon check-alertmanager: failed to validate " << failed << " file(s)\n";
  return io_failed ? kExitUsage : failed > 0 ? kExitFindings : kExitOk;
}

// The alerting rules of rule files, as routing sees them: name, static labels (group labels
// first, the rule's own win), templated labels set aside, position of `alert:`.
// The alerting rules of --rules, for routing them through the config: rule files are read as
// every command reads them (directories give their rule files; tests and routing cases beside
// them are skipped and counted); their own problems are check-rules' business.
bool read_alert_rules(const CheckAlertmanagerArgs& args, std::vector<alertmanager::AlertRuleRef>& alerts,
                      Context& ctx) {
  auto files = expand_input_files(args.rules, {".yml", ".yaml"});
  if (!files) {
    ctx.err << "mlmon check-alertmanager: --rules: " << files.error().message << "\n";
    return false;
  }
  bool ok = true;
  std::size_t read = 0;
  std::vector<workspace::SkippedFile> skipped;
  for (const InputFile& file : *files) {
    auto text = read_file(file.path);
    if (!text) {
      ctx.err << "mlmon check-alertmanager: " << text.error().message << "\n";
      ok = false;
      continue;
    }
    auto source = std::make_shared<SourceFile>(file.path, std::move(*text));
    const workspace::Selection selection =
        workspace::select_file(source, file.found_in_directory, {workspace::FileKind::RuleFile});
    if (selection.take != workspace::Take::Check) {
      skipped.push_back({file.path, selection.kind});
      continue;
    }
    ++read;
    std::vector<Diagnostic> problems;
    const rules::RuleFile rule_file =
        rules::decode_rule_file(rules::load_rule_documents(source), rules::LoadOptions{}, problems);
    for (auto& ref : workspace::alert_refs(rule_file, file.path)) alerts.push_back(std::move(ref));
  }
  if (!args.quiet && !skipped.empty()) {
    if (args.verbose) {
      for (const auto& s : skipped) {
        ctx.err << "mlmon check-alertmanager: --rules: skipped " << s.path << ": " << workspace::describe(s.kind)
                << "\n";
      }
    }
    ctx.err << "mlmon check-alertmanager: --rules: " << plural(read, "rule file") << " read ("
            << plural(skipped.size(), "other file") << " skipped" << (args.verbose ? ")" : "; --verbose lists them)")
            << "\n";
  }
  return ok;
}

int run_check_alertmanager(const CheckAlertmanagerArgs& args, Context& ctx) {
  const auto found = find_configs(args, ctx);
  if (!found) return kExitUsage;
  if (args.amtool) return run_amtool_style(args, *found, ctx);
  Report report;
  bool io_failed = found->unreadable > 0;
  std::vector<alertmanager::AlertRuleRef> alerts;
  if (!args.rules.empty() && !read_alert_rules(args, alerts, ctx)) io_failed = true;
  InputOptions options;
  options.placeholders = args.placeholders;
  options.announce = !args.quiet;
  std::size_t checked = 0;
  for (const ConfigFile& file : found->files) {
    auto input = load_alertmanager_input(file.source, file.selection, "check-alertmanager", options, ctx);
    if (!input) {
      io_failed = true;
      continue;
    }
    ++checked;
    input->report(!args.no_lint, report);
    if (!args.rules.empty() && !input->has_errors()) {
      for (Diagnostic& d : alertmanager::crosscheck_alert_routing(input->loaded->config, alerts)) {
        report.add(std::move(d));
      }
    }
  }
  const int code = finish_report(report, args.output, ctx);
  if (!args.quiet && args.output.format == "text") {
    const std::size_t errors = report.count(Severity::Error);
    const std::size_t warnings = report.count(Severity::Warning) - errors;
    // Files that could not be checked are counted: a summary never looks cleaner than the run was.
    const std::size_t not_checked = found->files.size() - checked + found->unreadable;
    ctx.err << plural(checked, "file") << " checked";
    if (not_checked > 0) ctx.err << ", " << not_checked << " not checked (see above)";
    if (!found->skipped.empty()) {
      ctx.err << " (" << plural(found->skipped.size(), "other file") << " skipped"
              << (args.verbose ? ")" : "; --verbose lists them)");
    }
    ctx.err << ": " << plural(errors, "error") << ", " << plural(warnings, "warning") << "\n";
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check_alertmanager(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckAlertmanagerArgs>();
  auto* sub = app.add_subcommand(
      "check-alertmanager", "Validate Alertmanager configs as Alertmanager does (every problem at once), plus lints");
  sub->add_option("configs", args->configs,
                  "Alertmanager config files, *.tmpl config templates (rendered in memory), or directories (searched "
                  "for both)")
      ->required();
  add_output_options(*sub, args->output);
  sub->add_option("--rules", args->rules,
                  "Rule files or directories: route each alerting rule's static labels and warn about alerts that "
                  "reach no notifying receiver, or only the root default");
  sub->add_flag("--no-lint", args->no_lint, "Only Alertmanager's own validations, no mlmon warnings");
  sub->add_flag("--amtool", args->amtool, "Print what `amtool check-config` prints (one error per file)");
  sub->add_flag("--placeholders", args->placeholders,
                "Render *.tmpl templates with placeholder values (and their defaults) instead of the environment");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->add_flag("--skip-other-kinds", args->skip_other_kinds,
                "Skip named files of another kind (and ignore: ones) as if found in a directory: for pre-commit");
  sub->add_flag("-v,--verbose", args->verbose,
                "List the files found in directories and skipped (not Alertmanager configs), and what each is");
  sub->footer(
      "A *.tmpl template is rendered in memory with the environment, as render-alertmanager would render it (a "
      "required variable that is not set is a usage error), or with --placeholders; findings are reported in the "
      "template.\n"
      "Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on; also a file named that is of another "
      "kind), 2 usage or I/O error (also: no config among the files found, a template's required variable not set).");
  sub->callback([args, &ctx] { ctx.exit_code = run_check_alertmanager(*args, ctx); });
}

}  // namespace mlmon::cli
