#pragma once
#include <string>
#include <vector>

#include "alertmanager/crosscheck.hpp"
#include "thresholds/inventory.hpp"

namespace mlmon::workspace {

/// The static labels of every alerting rule of a file (group labels, then the rule's own, which
/// win), for routing them through an Alertmanager config. A label whose value is a template is
/// listed as templated (its route is not known before the alert fires); entries that are not
/// scalars (reported by the rule checks) are left out.
std::vector<alertmanager::AlertRuleRef> alert_refs(const rules::RuleFile& file, const std::string& path);
/// The same for every rule file of an inventory.
std::vector<alertmanager::AlertRuleRef> alert_refs(const thresholds::Inventory& inventory);

}  // namespace mlmon::workspace
