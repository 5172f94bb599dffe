#pragma once
#include <memory>

#include "grafana/dashboard_checks.hpp"

namespace mlmon::cli {

/// check-dashboards' lint and `diff`'s semantic comparison, adapted to what import-dashboard needs.
/// The linter is null while the dashboards module offers none.
std::unique_ptr<grafana::DashboardLinter> make_dashboard_linter();
std::unique_ptr<grafana::DashboardComparer> make_dashboard_comparer();

}  // namespace mlmon::cli
