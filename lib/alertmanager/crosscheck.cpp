#include "alertmanager/crosscheck.hpp"

#include <algorithm>
#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/router.hpp"
#include "yaml/document.hpp"

namespace mlmon::alertmanager {

namespace {

void route_label_names(const Route& r, std::set<std::string, std::less<>>& out, int depth) {
  for (const Matcher& m : r.matchers) out.insert(m.name);
  if (depth > kMaxRouteDepth) return;
  for (const Route& c : r.routes) route_label_names(c, out, depth + 1);
}

// A route below the root whose matchers select on `label` and accept `value`.
const Route* route_for_value(const Route& r, const std::string& label, const std::string& value, int depth) {
  if (depth > 0) {
    for (const Matcher& m : r.matchers) {
      if (m.name == label && m.matches(value)) return &r;
    }
  }
  if (depth > kMaxRouteDepth) return nullptr;
  for (const Route& c : r.routes) {
    if (const Route* found = route_for_value(c, label, value, depth + 1)) return found;
  }
  return nullptr;
}

Diagnostic warning(const AlertRuleRef& alert, std::string_view rule, std::string message, std::string hint) {
  return make_diagnostic(Severity::Warning, rule, alert.file, alert.pos, std::move(message), std::move(hint));
}

}  // namespace

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
    std::vector<std::string> receivers;
    bool all_blackholes = true;
    for (const Route* r : routes) {
      receivers.push_back(r->effective_receiver);
      const Receiver* receiver = config.find_receiver(r->effective_receiver);
      if (receiver == nullptr || !receiver->is_blackhole()) all_blackholes = false;
    }
    if (all_blackholes) {
      out.push_back(warning(alert, ids::kUnroutedAlert,
                            "alert " + alert.name +
                                " reaches no receiver that notifies anyone: " + join_receivers(receivers) +
                                (receivers.size() == 1 ? " has" : " have") + " no integrations",
                            "route it to a receiver with an integration, or drop the rule if nobody needs it"));
      continue;
    }
    const auto severity = labels.find("severity");
    if (routes.size() == 1 && routes.front() == &config.route && severity != labels.end()) {
      if (const Route* r = route_for_value(config.route, "severity", severity->second, 0)) {
        out.push_back(
            warning(alert, ids::kDefaultRouteOnly,
                    "alert " + alert.name + " (severity=" + severity->second + ") only reaches the root receiver " +
                        config.route.effective_receiver + ", although routes exist for this severity",
                    "the route " + to_string(r->matchers) +
                        (r->node ? " (Alertmanager config line " + std::to_string(r->node->pos.line) + ")" : "") +
                        " (or its parent) does not match the alert's other labels"));
      }
    }
  }
  return out;
}

}  // namespace mlmon::alertmanager
