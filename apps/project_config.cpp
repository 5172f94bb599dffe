#include "project_config.hpp"

#include <vector>

namespace mlmon::cli {

std::optional<project::Config> load_project_config(std::string_view command, const std::string& config_path,
                                                   const std::string& start, const OutputOptions& output,
                                                   Context& ctx) {
  std::vector<Diagnostic> problems;
  auto config = project::load_config(config_path, start, problems);
  if (!config) {
    ctx.err << "mlmon " << command << ": " << config.error().message << "\n";
    return std::nullopt;
  }
  if (!problems.empty()) {
    Report report;
    for (Diagnostic& d : problems) report.add(std::move(d));
    finish_report(report, output, ctx);
    ctx.err << "mlmon " << command << ": fix " << config->path << " first\n";
    return std::nullopt;
  }
  return std::move(*config);
}

dashboards::LintOptions dashboard_lint_options(const project::Config& config) {
  dashboards::LintOptions options;
  options.enabled = [&config](std::string_view id) { return config.enabled(id); };
  options.severity = [&config](std::string_view id, Severity s) { return config.severity(id, s); };
  options.excluded = [&config](std::string_view id, std::string_view file, std::string_view dashboard,
                               std::string_view panel) { return config.excluded(id, file, dashboard, panel); };
  return options;
}

}  // namespace mlmon::cli
