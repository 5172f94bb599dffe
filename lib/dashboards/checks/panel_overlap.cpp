#include <fmt/format.h>

#include <map>
#include <optional>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/panel-overlap", "no two panels cover the same grid cells", Severity::Warning};

struct Rect {
  double x, y, w, h;
  bool intersects(const Rect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

std::optional<Rect> rect_of(const Panel& panel) {
  if (!panel.grid_pos) return std::nullopt;
  const GridPos& g = *panel.grid_pos;
  if (!g.x || !g.y || !g.w || !g.h || *g.w <= 0 || *g.h <= 0) return std::nullopt;
  return Rect{*g.x, *g.y, *g.w, *g.h};
}

class PanelOverlapCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    // Top-level panels (rows included) share one grid; a collapsed row's children are laid out
    // among themselves when the row opens.
    std::map<std::optional<std::size_t>, std::vector<std::pair<const Panel*, Rect>>> layers;
    for (const Panel& panel : ctx.dashboard.panels) {
      if (panel.legacy) continue;
      const auto rect = rect_of(panel);
      if (!rect) continue;
      auto& placed = layers[panel.row];
      for (const auto& [other, other_rect] : placed) {
        if (!rect->intersects(other_rect)) continue;
        ctx.report(kInfo, panel.grid_pos->pointer,
                   fmt::format("{} overlaps {} (line {})", panel.describe(), other->describe(),
                               ctx.dashboard.position(other->pointer).line),
                   "Grafana moves overlapping panels when it loads the dashboard; fix gridPos x and y", &panel);
        break;
      }
      placed.emplace_back(&panel, *rect);
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_panel_overlap() { return std::make_unique<PanelOverlapCheck>(); }

}  // namespace mlmon::dashboards
