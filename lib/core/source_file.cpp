#include "core/source_file.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace mlmon {

std::size_t utf8_length(std::string_view bytes) {
  std::size_t n = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  if (text_.size() > UINT32_MAX) throw std::length_error("SourceFile: " + path_ + " is larger than 4 GiB");
  // memchr rather than a byte loop: a 10,000-rule file is 4 MB. Two passes, so that the index is
  // allocated once at its size (a vector grown by doubling held up to twice the lines).
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  const auto each_line_end = [&](auto&& visit) {
    for (const char* p = begin;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));) {
      ++p;
      visit(static_cast<std::uint32_t>(p - begin));
    }
  };
  std::size_t lines = 1;
  each_line_end([&](std::uint32_t) { ++lines; });
  line_starts_.reserve(lines);
  line_starts_.push_back(0);
  each_line_end([&](std::uint32_t start) { line_starts_.push_back(start); });
}

Position SourceFile::position_of(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  const std::size_t start = line_starts_[line_index];
  const auto col = utf8_length(std::string_view(text_).substr(start, offset - start)) + 1;
  return Position{static_cast<int>(line_index) + 1, static_cast<int>(col), offset};
}

std::size_t SourceFile::offset_of(int line, int col) const {
  if (line < 1) return 0;
  if (line > line_count()) return text_.size();
  const std::string_view text = line_text(line);
  std::size_t offset = line_starts_[static_cast<std::size_t>(line) - 1];
  int chars = 1;
  for (std::size_t i = 0; i < text.size() && chars < col; ++i) {
    if (i + 1 >= text.size() || (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80) ++chars;
    offset = line_starts_[static_cast<std::size_t>(line) - 1] + i + 1;
  }
  return offset;
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  const std::size_t start = line_starts_[static_cast<std::size_t>(line) - 1];
  std::size_t end = static_cast<std::size_t>(line) < line_starts_.size()
                        ? line_starts_[static_cast<std::size_t>(line)] - 1
                        : text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

}  // namespace mlmon
