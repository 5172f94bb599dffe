#pragma once
#include <string>
#include <vector>

#include "alertmanager/config.hpp"
#include "alertmanager/labels.hpp"
#include "core/diagnostic.hpp"
#include "core/position.hpp"

namespace mlmon::alertmanager {

/// An alerting rule as routing sees it: its name and static labels (values with `{{` templates
/// are dynamic and may be left out or kept as written), and where it is defined.
struct AlertRuleRef {
  std::string name;
  LabelSet labels;
  std::vector<std::string> templated_labels;  ///< label names whose value is a template
  std::string file;
  Position pos;
};

/// Routes each rule's labels (plus alertname) through the config and runs the rules cross-checks
/// of lint/registry.cpp on it (rule_crosschecks(), one per file under lint/ named after its id):
/// warnings about alerts that reach only receivers without integrations
/// (alertmanager/unrouted-alert), or only the root route's default receiver while the config has
/// routes for the alert's severity (alertmanager/default-route-only). Positions point at the
/// rules. Alerts whose route depends on a templated label are skipped: their route is not known
/// before they fire.
std::vector<Diagnostic> crosscheck_alert_routing(const Config& config, const std::vector<AlertRuleRef>& alerts);

}  // namespace mlmon::alertmanager
