#pragma once
// Small readers over positioned YAML nodes, with Go's zero-value semantics: an absent or null
// field reads as "" / false / empty. Internal to the alertmanager module.
#include <string>
#include <string_view>

#include "yaml/document.hpp"

namespace mlmon::alertmanager {

/// The value node of `key` (possibly a Null node), or nullptr when absent or `map` is no mapping.
const yaml::Node* field_node(const yaml::Node* map, std::string_view key);
/// Present with a non-null value: a Go pointer field would be non-nil.
bool is_present(const yaml::Node* node);
/// The scalar text, "" for anything else.
std::string scalar_text(const yaml::Node* node);
/// `key` holds a non-empty scalar: a Go string field would be != "".
bool has_text(const yaml::Node* map, std::string_view key);
std::string text_of(const yaml::Node* map, std::string_view key);
/// yaml.v2's tag for a node ("!!str", "!!int", "!!bool", "!!float", "!!null", "!!map", "!!seq").
std::string v2_tag(const yaml::Node& node);
/// The node resolves to a YAML 1.1 boolean that is true.
bool is_true(const yaml::Node* node);
/// A non-empty mapping or sequence, or a non-empty scalar: Go's len(x) > 0 for maps and slices.
bool is_nonempty_collection(const yaml::Node* node);

}  // namespace mlmon::alertmanager
