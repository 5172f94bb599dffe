#pragma once
// Internal to mlmon_yaml: line/column of offsets that arrive mostly in increasing order.
// SourceFile::position_of counts the characters of the line prefix on every call, which is
// quadratic for many nodes on one long line (minified flow YAML); this walks forward instead.
#include <cstddef>
#include <cstring>
#include <string_view>

#include "core/source_file.hpp"

namespace mlmon::yaml::detail {

class PositionCursor {
 public:
  explicit PositionCursor(const SourceFile& file) : file_(file), text_(file.text()) {}

  Position at(std::size_t offset) {
    if (offset > text_.size()) offset = text_.size();
    if (offset < line_start_) return file_.position_of(offset);  // rare: before the current line
    if (offset < offset_) {
      col_ -= static_cast<int>(utf8_length(text_.substr(offset, offset_ - offset)));
    } else {
      // Line breaks found with memchr, characters counted by utf8_length() (a loop the compiler
      // vectorizes): every byte of a big file passes here once, and a byte loop was a tenth of
      // the load.
      std::size_t from = offset_;
      while (const void* nl = std::memchr(text_.data() + from, '\n', offset - from)) {
        ++line_;
        from = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
        line_start_ = from;
        col_ = 1;
      }
      col_ += static_cast<int>(utf8_length(text_.substr(from, offset - from)));
    }
    offset_ = offset;
    return Position{line_, col_, offset};
  }

  /// Byte column (0-based) of `offset`, which must be on the cursor's current line.
  int byte_column(std::size_t offset) {
    at(offset);
    return offset >= line_start_ ? static_cast<int>(offset - line_start_) : 0;
  }

 private:
  const SourceFile& file_;
  std::string_view text_;
  std::size_t offset_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace mlmon::yaml::detail
