#include "grafana/semantic_comparer.hpp"

#include "dashboards/dashboard_diff.hpp"

namespace mlmon::grafana {

std::vector<std::string> SemanticComparer::differences(const nlohmann::json& live, const nlohmann::json& local) const {
  auto changes = dashboards::diff_dashboard_json(live, local);
  if (changes) return change_lines(*changes);
  return StructuralComparer().differences(live, local);
}

}  // namespace mlmon::grafana
