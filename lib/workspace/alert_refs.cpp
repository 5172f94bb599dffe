#include "workspace/alert_refs.hpp"

#include <algorithm>

namespace mlmon::workspace {

std::vector<alertmanager::AlertRuleRef> alert_refs(const rules::RuleFile& file, const std::string& path) {
  std::vector<alertmanager::AlertRuleRef> refs;
  for (const rules::Group& group : file.groups) {
    for (const rules::Rule& rule : group.rules) {
      if (!rule.is_alert() || rule.name.empty()) continue;
      alertmanager::AlertRuleRef ref;
      ref.name = rule.name;
      ref.file = path;
      ref.pos = (rule.alert != nullptr ? rule.alert : rule.node)->pos();
      for (const yaml::Node* labels : {group.labels, rule.labels}) {
        if (labels == nullptr || !labels->is_map()) continue;
        for (const yaml::Entry& e : labels->entries) {
          if (!e.key->is_scalar() || !e.value->is_scalar()) continue;
          // The rule's own label replaces the group's, templated or not.
          if (e.value->value.find("{{") != std::string::npos) {
            ref.labels.erase(e.key->value);
            if (std::find(ref.templated_labels.begin(), ref.templated_labels.end(), e.key->value) ==
                ref.templated_labels.end()) {
              ref.templated_labels.push_back(e.key->value);
            }
          } else {
            ref.labels[e.key->value] = e.value->value;
            std::erase(ref.templated_labels, e.key->value);
          }
        }
      }
      refs.push_back(std::move(ref));
    }
  }
  return refs;
}

std::vector<alertmanager::AlertRuleRef> alert_refs(const thresholds::Inventory& inventory) {
  std::vector<alertmanager::AlertRuleRef> refs;
  for (const auto& file : inventory.files) {
    if (!file->rules) continue;
    for (auto& ref : alert_refs(*file->rules, file->path())) refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace mlmon::workspace
