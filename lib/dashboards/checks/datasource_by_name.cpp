#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"
#include "dashboards/datasources.hpp"
#include "dashboards/json_util.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/datasource-by-name",
                          "datasources are referenced as {\"type\", \"uid\"} objects, not by name (Grafana 8.3+)",
                          Severity::Warning};

class DatasourceByNameCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const DatasourceSite& site : ctx.references.datasources) {
      if (!site.value->is_string()) continue;
      const std::string& name = site.value->get_ref<const std::string&>();
      if (name.empty()) continue;
      DatasourceRef ref;
      ref.form = DatasourceRef::Form::Name;
      ref.name = name;
      std::string type = datasource_type(ctx.dashboard, ref);
      std::string uid = name;
      if (type == "grafana") type = "datasource", uid = "grafana";
      else if (type == "mixed" || type == "dashboard") type = "datasource";
      else if (type.empty()) type = "<type>", uid = datasource_variable_name(name).empty() ? "<uid>" : name;
      const bool variable = !datasource_variable_name(name).empty();
      ctx.report(kInfo, site.pointer,
                 fmt::format("datasource referenced by {} \"{}\"", variable ? "the string" : "name", name),
                 fmt::format("write {{\"type\": \"{}\", \"uid\": \"{}\"}}: Grafana 8.3+ rewrites name references "
                             "on load, so they churn in every diff",
                             type, uid));
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_datasource_by_name() { return std::make_unique<DatasourceByNameCheck>(); }

}  // namespace mlmon::dashboards
