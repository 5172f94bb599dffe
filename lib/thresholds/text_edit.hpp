#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mlmon::thresholds {

/// Replace `length` bytes at `offset` with `replacement` (length 0: an insertion).
struct TextEdit {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string replacement;

  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

/// Applies edits given in any order. Fails (naming the offsets) when one reaches past the end of
/// the text or two overlap; two insertions at the same offset keep their given order.
Result<std::string> apply_edits(std::string_view text, std::vector<TextEdit> edits);

/// The line ending the file uses at `offset`'s line ("\r\n" or "\n"); for a last line without
/// one, the file's first line ending; "\n" for a file without any.
std::string_view line_ending_at(std::string_view text, std::size_t offset);

}  // namespace mlmon::thresholds
