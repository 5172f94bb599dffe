#pragma once
#include <memory>
#include <string>

#include "context.hpp"
#include "core/result.hpp"
#include "grafana/dashboard_checks.hpp"

namespace mlmon::cli {

/// check-dashboards' lint, configured by the project's .mlmon.yml (`config_path`, else found walking
/// up from `start`) as check-dashboards configures it. A config with problems is an error (they are
/// printed to ctx.err).
Result<std::unique_ptr<grafana::DashboardLinter>> make_dashboard_linter(const std::string& config_path,
                                                                        const std::string& start, Context& ctx);

/// The comparison deciding "unchanged" for import-dashboard and the diff --dry-run prints.
std::unique_ptr<grafana::DashboardComparer> make_dashboard_comparer();

}  // namespace mlmon::cli
