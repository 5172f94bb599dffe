#include "dashboards/queries.hpp"

#include "dashboards/datasources.hpp"
#include "promql/parser.hpp"

namespace mlmon::dashboards {

Position Query::position(const Dashboard& dashboard, std::size_t offset) const {
  return dashboard.document->position_in_string(expr_pointer, substitution.original_offset(offset));
}

std::string query_context(const Query& query) {
  const Target& t = *query.target;
  std::string which = (t.ref_id && !t.ref_id->empty()) ? *t.ref_id : "#" + std::to_string(t.index + 1);
  return query.panel->describe() + ", query " + which;
}

std::vector<Query> prometheus_queries(const Dashboard& dashboard) {
  std::vector<Query> queries;
  const std::string fallback = default_datasource_type(dashboard);
  // Grafana sends whatever the user wrote; the newest syntax must not count as an error.
  const promql::Features features = promql::Features::all();
  for (const Panel& panel : dashboard.panels) {
    for (const Target& target : panel.targets) {
      if (!target.expr || target.expr->empty()) continue;
      if (target_datasource_type(dashboard, panel, target, fallback) != "prometheus") continue;
      Query q;
      q.panel = &panel;
      q.target = &target;
      q.expr_pointer = target.pointer + "/expr";
      q.substitution = substitute_for_promql(*target.expr, dashboard);
      q.parsed = std::make_shared<const promql::ParseResult>(promql::parse(q.substitution.text, features));
      queries.push_back(std::move(q));
    }
  }
  return queries;
}

}  // namespace mlmon::dashboards
