#include "dashboards/json_index.hpp"

#include <algorithm>
#include <vector>

#include "core/unicode.hpp"

namespace mlmon::dashboards {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The code unit of `\uXXXX` at text[i] (the backslash), or -1 when malformed.
long read_u_escape(std::string_view text, std::size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  long value = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int h = hex_value(text[k]);
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}

/// One escape sequence at text[i] (the backslash): how many source bytes it spans and the
/// bytes it decodes to. Malformed escapes span 2 bytes and decode to nothing.
struct Escape {
  std::size_t length = 2;
  std::string decoded;
};

Escape read_escape(std::string_view text, std::size_t i) {
  Escape e;
  if (i + 1 >= text.size()) {
    e.length = 1;
    return e;
  }
  switch (text[i + 1]) {
    case '"': e.decoded = "\""; break;
    case '\\': e.decoded = "\\"; break;
    case '/': e.decoded = "/"; break;
    case 'b': e.decoded = "\b"; break;
    case 'f': e.decoded = "\f"; break;
    case 'n': e.decoded = "\n"; break;
    case 'r': e.decoded = "\r"; break;
    case 't': e.decoded = "\t"; break;
    case 'u': {
      const long unit = read_u_escape(text, i);
      if (unit < 0) break;
      e.length = 6;
      unsigned long cp = static_cast<unsigned long>(unit);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        const long low = read_u_escape(text, i + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((static_cast<unsigned long>(unit) - 0xD800) << 10) +
               (static_cast<unsigned long>(low) - 0xDC00);
          e.length = 12;
        }
      }
      unicode::append_utf8(e.decoded, cp);
      break;
    }
    default: break;
  }
  return e;
}

/// Decodes the string literal whose opening quote is at text[i]; returns the offset just past
/// the closing quote (or text.size() when unterminated).
std::size_t decode_string(std::string_view text, std::size_t i, std::string& out) {
  out.clear();
  ++i;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') return i + 1;
    if (c == '\\') {
      const Escape e = read_escape(text, i);
      out += e.decoded;
      i += e.length;
    } else {
      out += c;
      ++i;
    }
  }
  return text.size();
}

std::size_t skip_string(std::string_view text, std::size_t i) {
  ++i;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') return i + 1;
    i += (c == '\\') ? 2 : 1;
  }
  return text.size();
}

}  // namespace

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
}

std::string pointer_child(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  append_pointer_token(out, token);
  return out;
}

std::string pointer_child(std::string_view pointer, std::size_t index) {
  std::string out(pointer);
  out += '/';
  out += std::to_string(index);
  return out;
}

namespace {

/// The next reference token of a pointer at `i` (just past a '/'), unescaped; advances `i`.
std::string_view next_token(std::string_view pointer, std::size_t& i, std::string& buffer) {
  const std::size_t end = std::min(pointer.find('/', i), pointer.size());
  std::string_view token = pointer.substr(i, end - i);
  i = end;
  if (token.find('~') == std::string_view::npos) return token;
  buffer.clear();
  for (std::size_t k = 0; k < token.size(); ++k) {
    if (token[k] == '~' && k + 1 < token.size() && (token[k + 1] == '0' || token[k + 1] == '1')) {
      buffer += token[k + 1] == '0' ? '~' : '/';
      ++k;
    } else {
      buffer += token[k];
    }
  }
  return buffer;
}

/// Whether the member name whose opening quote is at text[quote] equals `token`.
bool key_equals(std::string_view text, std::size_t quote, std::string_view token, std::string& scratch) {
  const std::size_t start = quote + 1;
  std::size_t end = start;
  bool escaped = false;
  while (end < text.size() && text[end] != '"') {
    if (text[end] == '\\') {
      escaped = true;
      ++end;
    }
    ++end;
  }
  if (!escaped) return text.substr(start, std::min(end, text.size()) - start) == token;
  decode_string(text, quote, scratch);
  return scratch == token;
}

bool parse_index(std::string_view token, std::size_t& index) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

}  // namespace

std::uint32_t JsonIndex::find(std::string_view pointer, bool& exact) const {
  exact = false;
  if (entries_.empty()) return kNone;
  std::uint32_t current = 0;
  std::string buffer, scratch;
  std::size_t i = 0;
  while (i < pointer.size()) {
    if (pointer[i] != '/') return current;
    ++i;
    const std::string_view token = next_token(pointer, i, buffer);
    const Entry& parent = entries_[current];
    const bool is_array = text_[parent.offset] == '[';
    std::uint32_t found = kNone;
    if (is_array) {
      std::size_t index = 0;
      if (parse_index(token, index)) {
        std::uint32_t child = parent.first_child;
        for (std::size_t k = 0; k < index && child != kNone; ++k) child = entries_[child].next_sibling;
        found = child;
      }
    } else {
      for (std::uint32_t child = parent.first_child; child != kNone; child = entries_[child].next_sibling) {
        if (key_equals(text_, entries_[child].key, token, scratch)) found = child;  // the last one wins
      }
    }
    if (found == kNone) return current;
    current = found;
  }
  exact = true;
  return current;
}

std::optional<std::size_t> JsonIndex::offset(std::string_view pointer) const {
  bool exact = false;
  const std::uint32_t entry = find(pointer, exact);
  if (!exact) return std::nullopt;
  return entries_[entry].offset;
}

std::size_t JsonIndex::nearest_offset(std::string_view pointer) const {
  bool exact = false;
  const std::uint32_t entry = find(pointer, exact);
  return entry == kNone ? 0 : entries_[entry].offset;
}

JsonIndex JsonIndex::build(std::string_view text, int depth_limit) {
  JsonIndex index;
  index.text_ = text;
  if (text.size() >= kNone) return index;  // offsets are 32-bit; the loader refuses such files earlier
  struct Frame {
    std::uint32_t entry;
    std::uint32_t last_child;
    bool object;
    bool empty;
  };
  std::vector<Frame> stack;
  std::size_t i = 0;
  const std::size_t n = text.size();
  std::uint32_t pending_key = kNone;
  auto skip_ws = [&] {
    while (i < n && is_space(text[i])) ++i;
  };

  enum class Step { Value, Element, AfterValue, Done };
  Step step = Step::Value;
  while (step != Step::Done) {
    switch (step) {
      case Step::Value: {
        skip_ws();
        if (i >= n) {
          step = Step::Done;
          break;
        }
        const auto self = static_cast<std::uint32_t>(index.entries_.size());
        index.entries_.push_back(Entry{static_cast<std::uint32_t>(i), pending_key});
        if (!stack.empty()) {
          Frame& parent = stack.back();
          if (parent.last_child == kNone) index.entries_[parent.entry].first_child = self;
          else index.entries_[parent.last_child].next_sibling = self;
          parent.last_child = self;
        }
        const char c = text[i];
        if (c == '{' || c == '[') {
          if (static_cast<int>(stack.size()) >= depth_limit) {
            index.too_deep_at_ = i;
            step = Step::Done;
            break;
          }
          stack.push_back(Frame{self, kNone, c == '{', true});
          index.max_depth_ = std::max(index.max_depth_, static_cast<int>(stack.size()));
          ++i;
          step = Step::Element;
        } else if (c == '"') {
          i = skip_string(text, i);
          step = Step::AfterValue;
        } else {
          const std::size_t start = i;
          while (i < n && !is_space(text[i]) && text[i] != ',' && text[i] != ']' && text[i] != '}') ++i;
          step = (i == start) ? Step::Done : Step::AfterValue;
        }
        break;
      }
      case Step::Element: {
        Frame& frame = stack.back();
        skip_ws();
        if (i >= n) {
          step = Step::Done;
          break;
        }
        if (frame.empty && text[i] == (frame.object ? '}' : ']')) {
          step = Step::AfterValue;  // the empty container closes there
          break;
        }
        frame.empty = false;
        pending_key = kNone;
        if (frame.object) {
          if (text[i] != '"') {
            step = Step::Done;
            break;
          }
          pending_key = static_cast<std::uint32_t>(i);
          i = skip_string(text, i);
          skip_ws();
          if (i >= n || text[i] != ':') {
            step = Step::Done;
            break;
          }
          ++i;
        }
        step = Step::Value;
        break;
      }
      case Step::AfterValue: {
        if (stack.empty()) {
          step = Step::Done;
          break;
        }
        skip_ws();
        if (i >= n) {
          step = Step::Done;
          break;
        }
        Frame& frame = stack.back();
        if (text[i] == ',') {
          ++i;
          step = Step::Element;
        } else if (text[i] == (frame.object ? '}' : ']')) {
          ++i;
          stack.pop_back();
        } else {
          step = Step::Done;
        }
        break;
      }
      case Step::Done: break;
    }
  }
  return index;
}

std::size_t string_byte_offset(std::string_view text, std::size_t literal_offset, std::size_t decoded_offset) {
  std::size_t i = literal_offset + 1;
  std::size_t decoded = 0;
  while (i < text.size() && text[i] != '"') {
    if (text[i] == '\\') {
      const Escape e = read_escape(text, i);
      if (decoded_offset < decoded + e.decoded.size()) return i;
      decoded += e.decoded.size();
      i += e.length;
    } else {
      if (decoded == decoded_offset) return i;
      ++decoded;
      ++i;
    }
  }
  return std::min(i, text.size());
}

}  // namespace mlmon::dashboards
