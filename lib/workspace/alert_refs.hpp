#pragma once
#include <vector>

#include "alertmanager/crosscheck.hpp"
#include "thresholds/inventory.hpp"

namespace mlmon::workspace {

/// The static labels of every alerting rule (group labels, then the rule's own), for routing them
/// through an Alertmanager config. A label whose value is a template is listed as templated.
std::vector<alertmanager::AlertRuleRef> alert_refs(const thresholds::Inventory& inventory);

}  // namespace mlmon::workspace
