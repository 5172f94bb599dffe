#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/undefined-input",
                          "every ${DS_X} / ${VAR_X} placeholder is declared in __inputs (or is a variable)",
                          Severity::Error};

class UndefinedInputCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const VariableUse& use : ctx.references.uses) {
      if (!looks_like_input(use.ref.name) || resolve(ctx.dashboard, use.ref) != Resolution::Undefined) continue;
      const std::string placeholder = "${" + use.ref.name + "}";
      std::string hint =
          use.ref.name.starts_with("DS_")
              ? fmt::format(
                    "declare it in __inputs ({{\"name\": \"{}\", \"type\": \"datasource\", ...}}) or define a "
                    "datasource variable named {}; otherwise Grafana shows \"Datasource named {} was not found\"",
                    use.ref.name, use.ref.name, placeholder)
              : fmt::format(
                    "declare it in __inputs ({{\"name\": \"{}\", \"type\": \"constant\", ...}}) or define a "
                    "variable named {}",
                    use.ref.name, use.ref.name);
      ctx.report_at(kInfo, ctx.dashboard.document->position_in_string(use.pointer, use.ref.begin),
                    fmt::format("{} is not declared in __inputs", placeholder), std::move(hint));
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_undefined_input() { return std::make_unique<UndefinedInputCheck>(); }

}  // namespace mlmon::dashboards
