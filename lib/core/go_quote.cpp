#include "core/go_quote.hpp"

#include <fmt/format.h>

#include "core/unicode.hpp"

namespace mlmon::go {

namespace {

void append_escaped(std::string& out, char32_t r, char quote_char) {
  if (r == static_cast<char32_t>(quote_char) || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  if (unicode::is_print(r)) {
    unicode::append_utf8(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += fmt::format("\\x{:02x}", static_cast<unsigned>(r));
  } else if (r < 0x10000) {
    out += fmt::format("\\u{:04x}", static_cast<unsigned>(r));
  } else {
    out += fmt::format("\\U{:08x}", static_cast<unsigned>(r));
  }
}

}  // namespace

std::string quote(std::string_view s, std::size_t max_runes) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  std::size_t runes = 0;
  for (std::size_t i = 0; i < s.size() && runes < max_runes; ++runes) {
    const auto [r, width] = unicode::decode(s, i);
    if (width == 1 && r == unicode::replacement_char) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
    } else {
      append_escaped(out, r, '"');
    }
    i += width;
  }
  out += '"';
  return out;
}

std::string quote_rune(char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = unicode::replacement_char;
  std::string out = "'";
  append_escaped(out, r, '\'');
  out += '\'';
  return out;
}

std::string unicode_verb(char32_t r) {
  std::string out = fmt::format("U+{:04X}", static_cast<unsigned>(r));
  if (unicode::is_print(r)) {
    out += " '";
    unicode::append_utf8(out, r);
    out += '\'';
  }
  return out;
}

}  // namespace mlmon::go
