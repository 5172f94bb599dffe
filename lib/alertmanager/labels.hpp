#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace mlmon::alertmanager {

/// An alert's labels. An absent label reads as "" when matched, as in Alertmanager.
using LabelSet = std::map<std::string, std::string, std::less<>>;

/// `^[a-zA-Z_][a-zA-Z0-9_]*$`: the classic name rule, which `match`, `match_re`, `source_match*`
/// and `target_match*` keys always follow.
bool is_classic_label_name(std::string_view name);
/// Non-empty and valid UTF-8: the default (UTF-8) rule for `group_by`, `equal` and matcher names.
bool is_utf8_label_name(std::string_view name);

}  // namespace mlmon::alertmanager
