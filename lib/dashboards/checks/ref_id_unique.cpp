#include <fmt/format.h>

#include <map>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/ref-id-unique", "the queries of a panel have distinct refIds", Severity::Error};

class RefIdUniqueCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Panel& panel : ctx.dashboard.panels) {
      std::map<std::string, const Target*> seen;
      for (const Target& target : panel.targets) {
        if (!target.ref_id || target.ref_id->empty()) continue;  // Grafana assigns one
        if (seen.emplace(*target.ref_id, &target).second) continue;
        ctx.report(kInfo, target.pointer + "/refId",
                   fmt::format("duplicate refId \"{}\" in {}", *target.ref_id, panel.describe()),
                   "Grafana keys query results and expressions by refId; give each query its own (A, B, C, ...)",
                   &panel);
      }
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_ref_id_unique() { return std::make_unique<RefIdUniqueCheck>(); }

}  // namespace mlmon::dashboards
