#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/inputs.hpp"
#include "dashboards/lint.hpp"
#include "dashboards/linter_config_cache.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "read_input.hpp"
#include "workspace/dashboard_policy.hpp"
#include "workspace/project_check.hpp"
#include "workspace/selection.hpp"

namespace mlmon::cli {

namespace {

struct CheckDashboardsArgs {
  std::vector<std::string> paths;
  OutputOptions output;
  std::string config_path;
  bool quiet = false;
  bool verbose = false;
  bool skip_other_kinds = false;
};

int run_check_dashboards(const CheckDashboardsArgs& args, Context& ctx) {
  auto config = load_project_config("check-dashboards", args.config_path, args.paths.front(), args.output, ctx);
  if (!config) return kExitUsage;
  auto files = workspace::project_inputs(args.paths, {".json"}, *config, ".", args.skip_other_kinds);
  if (!files) {
    ctx.err << "mlmon check-dashboards: " << files.error().message << "\n";
    return kExitUsage;
  }
  dashboards::LintOptions options = workspace::dashboard_lint_options(*config);

  Report report;
  bool io_failed = false;
  dashboards::LinterConfigCache linter_configs;
  std::size_t checked = 0;
  std::vector<workspace::SkippedFile> skipped;
  for (const InputFile& file : *files) {
    const std::string& path = file.path;
    auto text = read_input(path, ctx);
    if (!text) {
      ctx.err << "mlmon check-dashboards: " << text.error().message << "\n";
      io_failed = true;
      continue;
    }
    auto source = std::make_shared<const SourceFile>(path, std::move(*text));
    const workspace::Selection selection =
        workspace::select_file(source, file.found_in_directory, {workspace::FileKind::Dashboard});
    if (selection.take == workspace::Take::Skip) {
      skipped.push_back({path, selection.kind});
      continue;
    }
    ++checked;
    if (selection.take == workspace::Take::WrongKind) {
      report.add_source(source);
      report.add(workspace::wrong_kind(*source, selection.kind, "a Grafana dashboard", "dashboards/not-a-dashboard"));
      continue;
    }
    auto linter_config = linter_configs.for_file(path, report);
    if (!linter_config) {
      ctx.err << "mlmon check-dashboards: " << linter_config.error().message << "\n";
      return kExitUsage;
    }
    options.linter_config = *linter_config;
    dashboards::lint_file(source, options, report);
  }
  const int code = finish_report(report, args.output, ctx);
  if (!args.quiet && args.output.format == "text") {
    if (args.verbose) {
      for (const auto& s : skipped) ctx.err << "skipped " << s.path << ": " << workspace::describe(s.kind) << "\n";
    }
    print_summary(report, plural(checked, "dashboard"), skipped.size(), args.verbose, ctx);
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check_dashboards(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckDashboardsArgs>();
  auto* sub =
      app.add_subcommand("check-dashboards", "Lint Grafana dashboards: structure, datasources, variables, PromQL");
  sub->add_option("paths", args->paths, "Dashboard files, directories (recursive *.json), globs, or - for stdin")
      ->required();
  add_output_options(*sub, args->output);
  sub->add_option("--config", args->config_path,
                  "Project config (default: .mlmon.yml found walking up from the first path)");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->add_flag("--skip-other-kinds", args->skip_other_kinds,
                "Skip named files of another kind (and ignore: ones) as if found in a directory: for pre-commit");
  sub->add_flag("-v,--verbose", args->verbose, "List the JSON files found in directories that are not dashboards");
  sub->footer(
      "A dashboard-linter .lint file beside the dashboards applies too (its exclusions and warnings).\n"
      "Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check_dashboards(*args, ctx); });
}

}  // namespace mlmon::cli
