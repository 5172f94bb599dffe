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

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The escape after a backslash; `i` is just past the escape letter.
bool unquote_escape(std::string_view body, std::size_t& i, char escape, char quote, std::string* out) {
  char value = 0;
  switch (escape) {
    case 'a': value = '\a'; break;
    case 'b': value = '\b'; break;
    case 'f': value = '\f'; break;
    case 'n': value = '\n'; break;
    case 'r': value = '\r'; break;
    case 't': value = '\t'; break;
    case 'v': value = '\v'; break;
    case '\\': value = '\\'; break;
    case '\'':
    case '"':
      if (escape != quote) return false;
      value = escape;
      break;
    case 'x':
    case 'u':
    case 'U': {
      const std::size_t digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
      if (body.size() - i < digits) return false;
      char32_t r = 0;
      for (std::size_t k = 0; k < digits; ++k) {
        const int d = hex_digit(body[i + k]);
        if (d < 0) return false;
        r = r * 16 + static_cast<char32_t>(d);
      }
      i += digits;
      if (escape == 'x') {  // one byte, which need not be UTF-8
        if (out != nullptr) out->push_back(static_cast<char>(r));
        return true;
      }
      if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return false;
      if (out != nullptr) unicode::append_utf8(*out, r);
      return true;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      // Exactly three octal digits, the first being `escape`.
      if (body.size() - i < 2) return false;
      unsigned byte = static_cast<unsigned>(escape - '0');
      for (std::size_t k = 0; k < 2; ++k) {
        const char d = body[i + k];
        if (d < '0' || d > '7') return false;
        byte = byte * 8 + static_cast<unsigned>(d - '0');
      }
      if (byte > 255) return false;
      i += 2;
      if (out != nullptr) out->push_back(static_cast<char>(byte));
      return true;
    }
    default: return false;
  }
  if (out != nullptr) out->push_back(value);
  return true;
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

bool unquote_char(std::string_view body, std::size_t& i, char quote, std::string* out) {
  const char c = body[i];
  if (c == '\\') {
    if (i + 1 >= body.size()) return false;
    const char escape = body[i + 1];
    i += 2;
    return unquote_escape(body, i, escape, quote, out);
  }
  if (c == quote) return false;
  if (static_cast<unsigned char>(c) < 0x80) {
    if (out != nullptr) out->push_back(c);
    ++i;
    return true;
  }
  const unicode::DecodedRune decoded = unicode::decode(body, i);
  if (out != nullptr) {
    if (decoded.width == 1) {
      unicode::append_utf8(*out, unicode::replacement_char);
    } else {
      out->append(body.substr(i, decoded.width));
    }
  }
  i += decoded.width;
  return true;
}

bool unquote(std::string_view literal, std::string& out, LiteralRules rules) {
  out.clear();
  if (literal.size() < 2 || literal.front() != literal.back()) return false;
  const char quote_char = literal.front();
  const std::string_view body = literal.substr(1, literal.size() - 2);
  if (quote_char == '`') {
    if (body.find('`') != std::string_view::npos) return false;
    if (rules == LiteralRules::promql) {
      out.assign(body);
    } else {
      for (char c : body) {
        if (c != '\r') out.push_back(c);
      }
    }
    return true;
  }
  if (quote_char != '"' && !(quote_char == '\'' && rules == LiteralRules::promql)) return false;
  if (body.find('\n') != std::string_view::npos) return false;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size();) {
    if (!unquote_char(body, i, quote_char, &out)) return false;
  }
  return true;
}

}  // namespace mlmon::go
