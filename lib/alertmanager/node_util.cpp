#include "alertmanager/node_util.hpp"

#include "yaml/scalars.hpp"

namespace mlmon::alertmanager {

const yaml::Node* field_node(const yaml::Node* map, std::string_view key) {
  if (map == nullptr || !map->is_map()) return nullptr;
  return map->get(key);
}

bool is_present(const yaml::Node* node) { return node != nullptr && !node->is_null(); }

std::string scalar_text(const yaml::Node* node) {
  return node != nullptr && node->is_scalar() ? node->value.str() : std::string();
}

bool has_text(const yaml::Node* map, std::string_view key) { return !scalar_text(field_node(map, key)).empty(); }

std::string text_of(const yaml::Node* map, std::string_view key) { return scalar_text(field_node(map, key)); }

std::string v2_tag(const yaml::Node& node) { return yaml::resolved_tag(node, yaml::GoYaml::V2); }

bool is_true(const yaml::Node* node) { return node != nullptr && yaml::is_true(*node, yaml::GoYaml::V2); }

bool is_nonempty_collection(const yaml::Node* node) {
  if (node == nullptr) return false;
  if (node->is_map()) return !node->entries.empty();
  if (node->is_seq()) return !node->items.empty();
  if (node->is_scalar()) return !node->value.empty();
  return false;
}

}  // namespace mlmon::alertmanager
