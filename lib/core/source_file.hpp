#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/position.hpp"

namespace mlmon {

/// A file's bytes with an index of line starts, so byte offsets convert to line:col once,
/// in one place. Lines end at '\n'; a '\r' before it belongs to no column.
class SourceFile {
 public:
  /// Throws std::length_error for a text over 4 GiB (mlmon reads no input over kMaxInputBytes).
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  /// 1-based line and column (in UTF-8 characters) of a byte offset; offsets past the end clamp to it.
  Position position_of(std::size_t offset) const;
  /// Byte offset of a 1-based line and column; clamps to the line's end.
  std::size_t offset_of(int line, int col) const;
  /// The text of a 1-based line without its line ending; empty if out of range.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;  ///< 32 bits: every input is capped at kMaxInputBytes
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

/// Number of UTF-8 characters in bytes (continuation bytes are not counted).
std::size_t utf8_length(std::string_view bytes);

}  // namespace mlmon
