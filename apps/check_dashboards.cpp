#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/inputs.hpp"
#include "dashboards/lint.hpp"
#include "linter_configs.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "read_input.hpp"

namespace mlmon::cli {

namespace {

struct CheckDashboardsArgs {
  std::vector<std::string> paths;
  OutputOptions output;
  std::string config_path;
  bool quiet = false;
};

int run_check_dashboards(const CheckDashboardsArgs& args, Context& ctx) {
  auto files = expand_inputs(args.paths, {".json"});
  if (!files) {
    ctx.err << "mlmon check-dashboards: " << files.error().message << "\n";
    return kExitUsage;
  }
  auto config = load_project_config("check-dashboards", args.config_path, args.paths.front(), args.output, ctx);
  if (!config) return kExitUsage;
  dashboards::LintOptions options = dashboard_lint_options(*config);

  Report report;
  bool io_failed = false;
  LinterConfigs linter_configs;
  for (const std::string& path : *files) {
    auto text = read_input(path, ctx);
    if (!text) {
      ctx.err << "mlmon check-dashboards: " << text.error().message << "\n";
      io_failed = true;
      continue;
    }
    options.linter_config = linter_configs.for_file(path, report);
    if (std::string error = linter_configs.take_error(); !error.empty()) {
      ctx.err << "mlmon check-dashboards: " << error << "\n";
      return kExitUsage;
    }
    dashboards::lint_file(std::make_shared<const SourceFile>(path, std::move(*text)), options, report);
  }
  const int code = finish_report(report, args.output, ctx);
  if (!args.quiet && args.output.format == "text") {
    const std::size_t errors = report.count(Severity::Error);
    const std::size_t warnings = report.count(Severity::Warning) - errors;
    ctx.err << plural(files->size(), "dashboard") << " checked: " << plural(errors, "error") << ", "
            << plural(warnings, "warning") << "\n";
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check_dashboards(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckDashboardsArgs>();
  auto* sub = app.add_subcommand("check-dashboards", "Lint Grafana dashboards: structure, datasources, variables, PromQL");
  sub->add_option("paths", args->paths, "Dashboard files, directories (recursive *.json), globs, or - for stdin")
      ->required();
  add_output_options(*sub, args->output);
  sub->add_option("--config", args->config_path, "Project config (default: .mlmon.yml found walking up from the first path)");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->footer(
      "A dashboard-linter .lint file beside the dashboards applies too (its exclusions and warnings).\n"
      "Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check_dashboards(*args, ctx); });
}

}  // namespace mlmon::cli
