#pragma once
#include <cstddef>

namespace mlmon {

/// A place in a file. line and col are 1-based (col counts characters, not bytes);
/// 0 means unknown. offset is the byte offset from the start of the file.
struct Position {
  int line = 0;
  int col = 0;
  std::size_t offset = 0;

  bool known() const { return line > 0; }
  friend bool operator==(const Position&, const Position&) = default;
};

}  // namespace mlmon
