#pragma once
#include <cstddef>
#include <expected>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "dashboards/model.hpp"

namespace mlmon::dashboards {

/// Dashboards are at most a few MB; bigger files are refused rather than parsed.
inline constexpr std::size_t kMaxDashboardBytes = std::size_t{20} << 20;
/// Real dashboards nest about 12 levels deep; deeper JSON is refused (nothing recurses unbounded).
inline constexpr int kMaxJsonDepth = 128;

/// Rule ids of load failures (always errors; they stop the checks of that file).
inline constexpr std::string_view kRuleJson = "dashboards/json";
inline constexpr std::string_view kRuleNotADashboard = "dashboards/not-a-dashboard";

/// Parses a dashboard file in any of the shapes of DashboardShape, with old `rows[]` and panels
/// nested in rows. A file that is not JSON, too large, too deep or not a dashboard gives one
/// error Diagnostic (positioned where possible) instead of a Dashboard. Never throws.
std::expected<Dashboard, Diagnostic> load_dashboard(SourceFilePtr file);

/// The model of a dashboard object already in memory (a Grafana API response): no document, so
/// no positions (`document` is null). `object` must outlive the result.
Dashboard dashboard_model(const Json& object);

}  // namespace mlmon::dashboards
