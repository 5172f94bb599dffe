#include <filesystem>
#include <map>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "dashboards/lint.hpp"
#include "output_options.hpp"
#include "project/config.hpp"
#include "read_input.hpp"

namespace mlmon::cli {

namespace {

struct CheckDashboardsArgs {
  std::vector<std::string> paths;
  OutputOptions output;
  std::string config_path;
  bool quiet = false;
};

/// dashboard-linter's `.lint` beside a dashboard, read once per directory; nullptr when none.
class LinterConfigs {
 public:
  const dashboards::LinterConfig* for_file(const std::string& path, Report& report) {
    if (path == "-") return nullptr;
    const std::string dir = std::filesystem::path(path).parent_path().string();
    auto [it, inserted] = configs_.try_emplace(dir);
    if (!inserted) return it->second.get();
    const std::string lint_path = (dir.empty() ? std::string() : dir + "/") + ".lint";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(lint_path, ec)) return nullptr;
    auto text = read_file(lint_path);
    if (!text) {
      error_ = text.error().message;
      return nullptr;
    }
    auto source = std::make_shared<const SourceFile>(lint_path, std::move(*text));
    report.add_source(source);
    std::vector<Diagnostic> problems;
    it->second = std::make_unique<dashboards::LinterConfig>(dashboards::parse_linter_config(source, problems));
    for (Diagnostic& d : problems) report.add(std::move(d));
    return it->second.get();
  }
  /// The first .lint that could not be read.
  const std::string& error() const { return error_; }

 private:
  std::map<std::string, std::unique_ptr<dashboards::LinterConfig>> configs_;
  std::string error_;
};

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

int run_check_dashboards(const CheckDashboardsArgs& args, Context& ctx) {
  auto files = expand_inputs(args.paths, {".json"});
  if (!files) {
    ctx.err << "mlmon check-dashboards: " << files.error().message << "\n";
    return kExitUsage;
  }
  Report report;
  std::vector<Diagnostic> config_problems;
  auto config = project::load_config(args.config_path, args.paths.front(), config_problems);
  if (!config) {
    ctx.err << "mlmon check-dashboards: " << config.error().message << "\n";
    return kExitUsage;
  }
  if (!config_problems.empty()) {
    for (Diagnostic& d : config_problems) report.add(std::move(d));
    finish_report(report, args.output, ctx);
    ctx.err << "mlmon check-dashboards: fix " << config->path << " first\n";
    return kExitUsage;
  }
  dashboards::LintOptions options;
  options.enabled = [&](std::string_view id) { return config->enabled(id); };
  options.severity = [&](std::string_view id, Severity s) { return config->severity(id, s); };
  options.excluded = [&](std::string_view id, std::string_view file, std::string_view dashboard,
                         std::string_view panel) { return config->excluded(id, file, dashboard, panel); };

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
    if (!linter_configs.error().empty()) {
      ctx.err << "mlmon check-dashboards: " << linter_configs.error() << "\n";
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
