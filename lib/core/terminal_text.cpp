#include "core/terminal_text.hpp"

#include <fmt/format.h>

#include "core/unicode.hpp"

namespace mlmon {

bool needs_escape(char32_t r) {
  return (r < 0x20 && r != '\t') || r == 0x7F || (r >= 0x80 && r <= 0x9F) || (r >= 0x202A && r <= 0x202E) ||
         (r >= 0x2066 && r <= 0x2069);
}

namespace {

std::string escape_of(char32_t r) {
  return r <= 0x7F ? fmt::format("\\x{:02x}", static_cast<unsigned>(r))
                   : fmt::format("\\u{:04x}", static_cast<unsigned>(r));
}

}  // namespace

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const unicode::DecodedRune d = unicode::decode(text, pos);
    const bool valid = !(d.rune == unicode::replacement_char && d.width == 1);
    if (valid && needs_escape(d.rune)) out += escape_of(d.rune);
    else out.append(text.substr(pos, d.width));
    pos += d.width;
  }
  return out;
}

std::size_t escape_extra_width(std::string_view text, std::size_t pos, std::size_t& bytes) {
  const unicode::DecodedRune d = unicode::decode(text, pos);
  bytes = d.width == 0 ? 1 : d.width;
  const bool valid = !(d.rune == unicode::replacement_char && d.width == 1);
  return valid && needs_escape(d.rune) ? escape_of(d.rune).size() - 1 : 0;
}

std::string printable(std::string_view text, std::size_t limit) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace mlmon
