#include <fmt/format.h>

#include <map>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/panel-id-unique",
                          "panel ids are unique across the dashboard, including panels inside collapsed rows",
                          Severity::Error};

class PanelIdUniqueCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    std::map<std::int64_t, const Panel*> first;
    for (const Panel& panel : ctx.dashboard.panels) {
      if (!panel.id || panel.legacy) continue;
      const auto [it, inserted] = first.emplace(*panel.id, &panel);
      if (inserted) continue;
      const Position other = ctx.dashboard.position(it->second->pointer);
      ctx.report(
          kInfo, panel.pointer + "/id",
          fmt::format("panel id {} is already used by {} (line {})", *panel.id, it->second->describe(), other.line),
          "give every panel its own id: Grafana renumbers duplicates on load, which breaks links and "
          "\"-- Dashboard --\" queries that name a panel by id",
          &panel);
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_panel_id_unique() { return std::make_unique<PanelIdUniqueCheck>(); }

}  // namespace mlmon::dashboards
