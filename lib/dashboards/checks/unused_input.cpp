#include <fmt/format.h>

#include <set>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/unused-input", "every __inputs entry is used somewhere in the dashboard",
                          Severity::Warning};

class UnusedInputCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    std::set<std::string, std::less<>> used;
    // Import replaces every exact `${NAME}`, even where a variable has the same name.
    for (const VariableUse& use : ctx.references.uses) {
      const VariableRef& ref = use.ref;
      if (ref.syntax == RefSyntax::Braces && ref.field.empty() && ref.format.empty()) used.insert(ref.name);
    }
    for (const Input& input : ctx.dashboard.inputs) {
      if (input.name.empty() || used.contains(input.name)) continue;
      ctx.report(
          kInfo, input.pointer + "/name", fmt::format("input {} is declared in __inputs but never used", input.name),
          fmt::format("remove it, or refer to it as ${{{}}}: importing asks for a value nothing uses", input.name));
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_unused_input() { return std::make_unique<UnusedInputCheck>(); }

}  // namespace mlmon::dashboards
