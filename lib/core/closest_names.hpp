#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mlmon {

/// Up to `limit` names from `known` that look like a typo of `wanted`: the same name in another
/// case, a few edits away (insertions, deletions, substitutions, swapped neighbours; at most a
/// third of the name's length), or one containing the other. Closest first, each name once.
std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string>& known,
                                       std::size_t limit = 3);

/// Case-insensitive optimal-string-alignment distance, or `cap + 1` when it exceeds `cap`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap);

}  // namespace mlmon
