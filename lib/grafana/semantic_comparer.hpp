#pragma once
#include "grafana/dashboard_checks.hpp"

namespace mlmon::grafana {

/// `mlmon diff`'s comparison of two dashboards (dashboards::diff_dashboard_json): what it ignores
/// (ids, versions, pluginVersion, a datasource's name against its uid...) is no difference. A reply
/// too odd for the dashboard model is compared structurally instead.
class SemanticComparer final : public DashboardComparer {
 public:
  std::vector<std::string> differences(const nlohmann::json& live, const nlohmann::json& local) const override;
};

}  // namespace mlmon::grafana
