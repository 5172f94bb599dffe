#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/datasource-variable",
                          "a datasource given as $var names a variable of type \"datasource\"", Severity::Error};

class DatasourceVariableCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    const Dashboard& d = ctx.dashboard;
    for (const VariableUse& use : ctx.references.uses) {
      if (!use.in_datasource) continue;
      const std::string& name = use.ref.name;
      const Position pos = d.document->position_in_string(use.pointer, use.ref.begin);
      const std::string hint = fmt::format("define a variable of type \"datasource\" named {}", name);
      switch (resolve(d, use.ref)) {
        case Resolution::Undefined:
          if (looks_like_input(name)) break;  // dashboards/undefined-input
          ctx.report_at(kInfo, pos, fmt::format("unknown datasource variable \"{}\"", name), hint);
          break;
        case Resolution::Variable: {
          const Variable* v = d.variable(name);
          if (v->type == "datasource") break;
          ctx.report_at(kInfo, pos,
                        fmt::format("variable \"{}\" is a {} variable, not a datasource variable", name,
                                    v->type.empty() ? "untyped" : v->type),
                        hint);
          break;
        }
        case Resolution::Input: {
          const Input* in = d.input(name);
          if (in->type == "datasource") break;
          ctx.report_at(
              kInfo, pos,
              fmt::format("input {} is a {} input, not a datasource", name, in->type.empty() ? "untyped" : in->type),
              "declare it in __inputs with \"type\": \"datasource\"");
          break;
        }
        case Resolution::Builtin: break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_datasource_variable() { return std::make_unique<DatasourceVariableCheck>(); }

}  // namespace mlmon::dashboards
