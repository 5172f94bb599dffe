#include "thresholds/scalar_range.hpp"

namespace mlmon::thresholds {

std::optional<std::pair<std::size_t, std::size_t>> verbatim_source_range(const yaml::Node& scalar,
                                                                         std::string_view file_text, std::size_t begin,
                                                                         std::size_t end) {
  if (!scalar.is_scalar() || !scalar.exact_offsets || begin > end || end > scalar.value.size()) return std::nullopt;
  const std::size_t first = scalar.source_offset(begin);
  if (begin == end) return std::pair{first, first};
  if (first > file_text.size() || end - begin > file_text.size() - first) return std::nullopt;
  for (std::size_t i = begin + 1; i < end; ++i) {
    if (scalar.source_offset(i) != first + (i - begin)) return std::nullopt;
  }
  // The bytes must also read the same: the final guard against a wrong mapping.
  if (file_text.substr(first, end - begin) != std::string_view(scalar.value).substr(begin, end - begin)) {
    return std::nullopt;
  }
  return std::pair{first, first + (end - begin)};
}

}  // namespace mlmon::thresholds
