#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/panel-no-targets", "panels that show data have at least one query",
                          Severity::Warning};

/// Panel types that show no query results.
constexpr std::array<std::string_view, 9> kNoQueryTypes{
    "row", "text", "news", "dashlist", "alertlist", "annolist", "welcome", "gettingstarted", "pluginlist"};

class PanelNoTargetsCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Panel& panel : ctx.dashboard.panels) {
      if (panel.is_row || panel.library_panel || panel.type.empty()) continue;
      if (std::find(kNoQueryTypes.begin(), kNoQueryTypes.end(), panel.type) != kNoQueryTypes.end()) continue;
      if (!panel.targets.empty()) continue;
      ctx.report(kInfo, panel.has_targets ? panel.pointer + "/targets" : panel.pointer,
                 fmt::format("{} has no targets", panel.describe()), "add a query, or remove the panel", &panel);
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_panel_no_targets() { return std::make_unique<PanelNoTargetsCheck>(); }

}  // namespace mlmon::dashboards
