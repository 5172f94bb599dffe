#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"
#include "dashboards/json_util.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/panel-unit", "stat, gauge and time series panels set a unit", Severity::Warning};

bool non_empty_array(const Json* v) { return v && v->is_array() && !v->empty(); }

/// An override that sets a unit on some fields counts: the panel has thought about units.
bool override_sets_unit(const Json* overrides) {
  if (!overrides || !overrides->is_array()) return false;
  for (const Json& o : *overrides) {
    const Json* properties = member(o, "properties");
    if (!properties || !properties->is_array()) continue;
    for (const Json& p : *properties) {
      if (string_member(p, "id") == "unit") return true;
    }
  }
  return false;
}

class PanelUnitCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Panel& panel : ctx.dashboard.panels) {
      if (panel.library_panel) continue;
      if (panel.type != "stat" && panel.type != "gauge" && panel.type != "timeseries") continue;
      const Json* field_config = member(*panel.json, "fieldConfig");
      const Json* defaults = member(field_config, "defaults");
      const Json* unit = member(defaults, "unit");
      if (unit && unit->is_string() && !unit->get_ref<const std::string&>().empty()) continue;
      // Value mappings turn numbers into text, and a stat showing series names has no number.
      if (non_empty_array(member(defaults, "mappings")) || override_sets_unit(member(field_config, "overrides")))
        continue;
      const std::string text_mode = string_member(member(*panel.json, "options"), "textMode");
      if (text_mode == "name" || text_mode == "none") continue;
      std::string at = panel.pointer;
      if (unit) at += "/fieldConfig/defaults/unit";
      else if (defaults) at += "/fieldConfig/defaults";
      ctx.report(kInfo, at, fmt::format("{} has no unit", panel.describe()),
                 "set fieldConfig.defaults.unit (\"s\", \"bytes\", \"percentunit\", \"reqps\"; \"short\" or \"none\" "
                 "for plain numbers)",
                 &panel);
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_panel_unit() { return std::make_unique<PanelUnitCheck>(); }

}  // namespace mlmon::dashboards
