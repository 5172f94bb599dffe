#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "yaml/document.hpp"

namespace mlmon::thresholds {

/// The file bytes [first, second) holding bytes [begin, end) of a scalar's decoded value, when
/// they are written there one for one: no escape, doubled quote, line break or folded space
/// inside the range. nullopt otherwise, so an edit is refused rather than guessed. An empty
/// range gives the insertion point. Works for every scalar style, since inside one line of a
/// plain, quoted or block scalar the text is its own value.
std::optional<std::pair<std::size_t, std::size_t>> verbatim_source_range(const yaml::Node& scalar,
                                                                         std::string_view file_text, std::size_t begin,
                                                                         std::size_t end);

}  // namespace mlmon::thresholds
