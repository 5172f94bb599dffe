#include "workspace/alert_refs.hpp"

namespace mlmon::workspace {

std::vector<alertmanager::AlertRuleRef> alert_refs(const thresholds::Inventory& inventory) {
  std::vector<alertmanager::AlertRuleRef> refs;
  for (const auto& file : inventory.files) {
    if (!file->rules) continue;
    for (const rules::Group& group : file->rules->groups) {
      for (const rules::Rule& rule : group.rules) {
        if (!rule.is_alert() || rule.name.empty()) continue;
        alertmanager::AlertRuleRef ref;
        ref.name = rule.name;
        ref.file = file->path();
        ref.pos = rule.alert ? rule.alert->pos : rule.node->pos;
        for (const yaml::Node* labels : {group.labels, rule.labels}) {
          if (labels == nullptr) continue;
          for (const yaml::Entry& e : labels->entries) {
            if (e.value->value.find("{{") != std::string::npos) ref.templated_labels.push_back(e.key->value);
            else ref.labels[e.key->value] = e.value->value;
          }
        }
        refs.push_back(std::move(ref));
      }
    }
  }
  return refs;
}

}  // namespace mlmon::workspace
