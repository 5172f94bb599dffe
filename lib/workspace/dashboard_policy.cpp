#include "workspace/dashboard_policy.hpp"

namespace mlmon::workspace {

dashboards::LintOptions dashboard_lint_options(const project::Config& config) {
  dashboards::LintOptions options;
  options.enabled = [&config](std::string_view id) { return config.enabled(id); };
  options.severity = [&config](std::string_view id, Severity s) { return config.severity(id, s); };
  options.excluded = [&config](std::string_view id, std::string_view file, std::string_view dashboard,
                               std::string_view panel) { return config.excluded(id, file, dashboard, panel); };
  return options;
}

}  // namespace mlmon::workspace
