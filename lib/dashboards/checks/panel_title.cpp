#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/panel-title", "panels (other than rows and text panels) have a title",
                          Severity::Warning};

class PanelTitleCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Panel& panel : ctx.dashboard.panels) {
      if (panel.is_row || panel.type == "text" || panel.library_panel) continue;
      if (panel.title && panel.title->find_first_not_of(" \t") != std::string::npos) continue;
      ctx.report(kInfo, panel.title ? panel.pointer + "/title" : panel.pointer,
                 fmt::format("{} has no title", panel.describe()), "say what the panel shows", &panel);
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_panel_title() { return std::make_unique<PanelTitleCheck>(); }

}  // namespace mlmon::dashboards
