#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/variable-undefined",
                          "every $var, ${var}, ${var:fmt} and [[var]] names a variable of templating.list",
                          Severity::Error};

class VariableUndefinedCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    const Dashboard& d = ctx.dashboard;
    for (const VariableUse& use : ctx.references.uses) {
      // Datasource references and export placeholders have their own checks.
      if (use.in_datasource || looks_like_input(use.ref.name)) continue;
      if (resolve(d, use.ref) != Resolution::Undefined) continue;
      const bool repeat = use.pointer.ends_with("/repeat");
      ctx.report_at(kInfo, d.document->position_in_string(use.pointer, use.ref.begin),
                    repeat ? fmt::format("panel repeats over variable \"{}\", which is not defined", use.ref.name)
                           : fmt::format("variable \"{}\" is not defined", use.ref.name),
                    "define it in templating.list, or remove the reference: Grafana leaves an undefined reference "
                    "as written");
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_variable_undefined() { return std::make_unique<VariableUndefinedCheck>(); }

}  // namespace mlmon::dashboards
