#include "alertmanager/crosscheck.hpp"

#include <algorithm>
#include <set>

#include "alertmanager/lint/check.hpp"
#include "alertmanager/router.hpp"

namespace mlmon::alertmanager {

namespace {

void route_label_names(const Route& r, std::set<std::string, std::less<>>& out, int depth) {
  for (const Matcher& m : r.matchers) out.insert(m.name);
  if (depth > kMaxRouteDepth) return;
  for (const Route& c : r.routes) route_label_names(c, out, depth + 1);
}

}  // namespace

// The checks themselves are in lint/, one per file named after its id; this routes each rule once
// and runs them on it in the order of their list.
std::vector<Diagnostic> crosscheck_alert_routing(const Config& config, const std::vector<AlertRuleRef>& alerts) {
  std::vector<Diagnostic> out;
  if (!config.has_route) return out;
  std::set<std::string, std::less<>> routed_on;
  route_label_names(config.route, routed_on, 0);
  for (const AlertRuleRef& alert : alerts) {
    if (std::any_of(alert.templated_labels.begin(), alert.templated_labels.end(),
                    [&](const std::string& name) { return routed_on.contains(name); })) {
      continue;
    }
    LabelSet labels = alert.labels;
    labels["alertname"] = alert.name;
    for (const std::string& name : alert.templated_labels) labels.erase(name);
    const std::vector<const Route*> routes = match_routes(config.route, labels);
    if (routes.empty()) continue;
    for (const auto& check : rule_crosschecks()) {
      check->run(CrossCheckContext{config, alert, labels, routes, check->id(), out});
    }
  }
  return out;
}

}  // namespace mlmon::alertmanager
