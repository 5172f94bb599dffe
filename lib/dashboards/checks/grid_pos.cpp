#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{
    "dashboards/grid-pos",
    "gridPos fits the 24-column grid: w and h at least 1, x from 0 to 23, y not negative, x + w at most 24",
    Severity::Warning};

class GridPosCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Panel& panel : ctx.dashboard.panels) {
      if (!panel.grid_pos) continue;
      const GridPos& g = *panel.grid_pos;
      bool ok = true;
      auto fail = [&](std::string_view field, std::string message) {
        ctx.report(kInfo, g.pointer + "/" + std::string(field), std::move(message), {}, &panel);
        ok = false;
      };
      if (g.w && *g.w < 1) fail("w", fmt::format("gridPos.w is {}, must be at least 1", *g.w));
      if (g.w && *g.w > 24) fail("w", fmt::format("gridPos.w is {}, wider than the 24 grid columns", *g.w));
      if (g.h && *g.h < 1) fail("h", fmt::format("gridPos.h is {}, must be at least 1", *g.h));
      if (g.x && (*g.x < 0 || *g.x > 23)) fail("x", fmt::format("gridPos.x is {}, must be from 0 to 23", *g.x));
      if (g.y && *g.y < 0) fail("y", fmt::format("gridPos.y is {}, must not be negative", *g.y));
      if (ok && g.x && g.w && *g.x + *g.w > 24) {
        ctx.report(kInfo, g.pointer, fmt::format("gridPos x + w is {}, beyond the 24 grid columns", *g.x + *g.w),
                   "Grafana squeezes the panel back into the grid when it loads the dashboard", &panel);
      }
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_grid_pos() { return std::make_unique<GridPosCheck>(); }

}  // namespace mlmon::dashboards
