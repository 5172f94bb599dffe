#include <fmt/format.h>

#include <set>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/variable-unused",
                          "every variable is used by a query, title, link, repeat or another variable",
                          Severity::Warning};

class VariableUnusedCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    if (ctx.references.passes_all_variables) return;  // links hand every variable on
    std::set<std::string, std::less<>> used;
    for (const VariableUse& use : ctx.references.uses) {
      if (!use.in_definition_of_self) used.insert(use.ref.name);
    }
    for (const Variable& v : ctx.dashboard.variables) {
      // Ad hoc filters and group-by variables apply to every query without being named.
      if (v.name.empty() || v.type == "adhoc" || v.type == "groupby" || v.type == "system") continue;
      if (used.contains(v.name)) continue;
      ctx.report(kInfo, v.pointer + "/name", fmt::format("variable \"{}\" is defined but never used", v.name),
                 fmt::format("remove it, or use ${} in a query, title or link", v.name));
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_variable_unused() { return std::make_unique<VariableUnusedCheck>(); }

}  // namespace mlmon::dashboards
