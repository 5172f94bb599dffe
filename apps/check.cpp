// mlmon check [DIR]: the main job. Every candidate file under DIR is accounted for (checked as
// what it holds, reported when it does not parse, or counted as skipped), the findings are
// printed as one report, then the thresholds table. The work itself is workspace::check_project.
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "thresholds/listing.hpp"
#include "workspace/parallel.hpp"
#include "workspace/project_check.hpp"

namespace mlmon::cli {

namespace {

namespace fs = std::filesystem;
using workspace::FileKind;

struct CheckArgs {
  std::string dir = ".";
  OutputOptions output;
  std::string config_path;
  bool no_thresholds = false;
  bool verbose = false;
  unsigned jobs = workspace::default_jobs();
};

// "rule file" and its plural, as the summary counts them.
std::pair<std::string_view, std::string_view> noun(FileKind kind) {
  switch (kind) {
    case FileKind::RuleFile: return {"rule file", "rule files"};
    case FileKind::AlertmanagerConfig:
    case FileKind::AlertmanagerTemplate: return {"Alertmanager config", "Alertmanager configs"};
    case FileKind::Dashboard: return {"dashboard", "dashboards"};
    case FileKind::RouteCases: return {"routing-cases file", "routing-cases files"};
    case FileKind::RuleTests: return {"rule test file", "rule test files"};
    default: return {"other file", "other files"};
  }
}

std::string count_of(std::size_t n, FileKind kind) {
  const auto [one, many] = noun(kind);
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::size_t checked(const workspace::ProjectCheck& result, FileKind kind) {
  auto it = result.checked.find(kind);
  return it == result.checked.end() ? std::size_t{0} : it->second;
}

FileAccount file_account(const workspace::ProjectCheck& result) {
  FileAccount account;
  for (const auto& [kind, n] : result.checked) account.checked.emplace_back(workspace::kind_id(kind), n);
  for (const auto& skipped : result.skipped) {
    account.skipped.emplace_back(skipped.path, std::string(workspace::kind_id(skipped.kind)));
  }
  return account;
}

std::string summary_line(const workspace::ProjectCheck& result, bool verbose) {
  auto checked = [&](FileKind kind) { return cli::checked(result, kind); };
  std::string line = "checked " + count_of(checked(FileKind::RuleFile), FileKind::RuleFile) + ", " +
                     count_of(checked(FileKind::AlertmanagerConfig) + checked(FileKind::AlertmanagerTemplate),
                              FileKind::AlertmanagerConfig) +
                     ", " + count_of(checked(FileKind::Dashboard), FileKind::Dashboard);
  if (const std::size_t cases = checked(FileKind::RouteCases); cases > 0) {
    line += ", " + count_of(cases, FileKind::RouteCases);
  }
  if (const std::size_t tests = checked(FileKind::RuleTests); tests > 0) {
    line += ", " + count_of(tests, FileKind::RuleTests);
  }
  if (!result.skipped.empty()) {
    line += " (" + plural(result.skipped.size(), "other file") +
            (verbose ? " skipped)" : " skipped; --verbose lists them)");
  }
  const std::size_t errors = result.report.count(Severity::Error);
  const std::size_t warnings = result.report.count(Severity::Warning) - errors;
  return line + ": " + plural(errors, "error") + ", " + plural(warnings, "warning");
}

int run_check(const CheckArgs& args, Context& ctx) {
  std::error_code ec;
  if (!fs::is_directory(args.dir, ec)) {
    ctx.err << "mlmon check: " << args.dir << ": not a directory (give the folder that holds the config)\n";
    return kExitUsage;
  }
  auto config = load_project_config("check", args.config_path, args.dir, args.output, ctx);
  if (!config) return kExitUsage;
  auto files = workspace::project_inputs({args.dir}, {".yml", ".yaml", ".json", ".tmpl"}, *config, args.dir);
  if (!files) {
    ctx.err << "mlmon check: " << files.error().message << "\n";
    return kExitUsage;
  }
  workspace::ProjectCheckOptions options;
  options.jobs = args.jobs;
  options.rules.pipeline = args.jobs > 1;
  workspace::ProjectCheck result = workspace::check_project(*files, *config, options);
  for (const std::string& error : result.io_errors) ctx.err << "mlmon check: " << error << "\n";
  result.report.set_files(file_account(result));

  const int code = finish_report(result.report, args.output, ctx);
  if (args.output.format == "text") {
    if (!args.no_thresholds && !result.inventory.alerts.empty()) {
      ctx.out << (result.report.empty() ? "" : "\n") << "Thresholds:\n";
      thresholds::render_table(result.inventory, ctx.out);
    }
    if (args.verbose) {
      for (const auto& skipped : result.skipped) {
        ctx.err << "skipped " << skipped.path << ": " << workspace::describe(skipped.kind) << "\n";
      }
    }
    ctx.err << summary_line(result, args.verbose) << "\n";
  }
  return result.io_errors.empty() ? code : kExitUsage;
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckArgs>();
  auto* sub = app.add_subcommand(
      "check", "The main job: every check on the rule files, Alertmanager configs and dashboards under DIR");
  sub->add_option("dir", args->dir, "Directory to search (recursively; files recognised by content)")
      ->capture_default_str();
  add_output_options(*sub, args->output);
  sub->add_option("--config", args->config_path, "Project config (default: .mlmon.yml found walking up from DIR)");
  sub->add_flag("--no-thresholds", args->no_thresholds, "Do not print the thresholds table");
  sub->add_flag("-v,--verbose", args->verbose, "List the files skipped (not a kind mlmon checks), and what each is");
  sub->add_option("-j,--jobs", args->jobs,
                  "Files read and checked at once (default: the number of cores); the output is the same")
      ->check(CLI::Range(1, 1024));
  sub->footer("Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check(*args, ctx); });
}

}  // namespace mlmon::cli
