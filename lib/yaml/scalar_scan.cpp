#include "yaml/scalar_scan.hpp"

#include <algorithm>

namespace mlmon::yaml::detail {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

/// Length of the line break at i: "\n" → 1, "\r\n" → 2, else 0. A lone CR is not a line break
/// for yaml-cpp (nor for SourceFile), so it is not one here either.
std::size_t break_len(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  if (t[i] == '\n') return 1;
  if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') return 2;
  return 0;
}

bool is_document_marker(std::string_view t, std::size_t i) {
  if (i != 0 && t[i - 1] != '\n') return false;
  const std::string_view rest = t.substr(i);
  if (!rest.starts_with("---") && !rest.starts_with("...")) return false;
  return rest.size() == 3 || is_blank(rest[3]) || break_len(t, i + 3) > 0;
}

/// Receives the decoded value piece by piece, with the source offset of each piece, compares it
/// with the expected value and remembers where the wanted value byte came from.
class ValueSink {
 public:
  ValueSink(std::string_view expected, std::size_t target) : expected_(expected), target_(target) {}

  /// `contiguous`: `bytes` is a verbatim copy of the source starting at `src`; otherwise every
  /// byte of it was produced by the construct (escape, line break) at `src`.
  void put(std::string_view bytes, std::size_t src, bool contiguous) {
    if (failed_) return;
    if (clipped_newlines_ && produced_ == expected_.size() && bytes == "\n") return;
    if (bytes.size() > expected_.size() - produced_ || expected_.compare(produced_, bytes.size(), bytes) != 0) {
      failed_ = true;
      return;
    }
    if (target_ != kNone && target_ >= produced_ && target_ < produced_ + bytes.size()) {
      found_ = contiguous ? src + (target_ - produced_) : src;
    }
    produced_ += bytes.size();
  }
  bool complete() const { return !failed_ && produced_ == expected_.size(); }
  /// yaml-cpp ends quoted scalars with a "clip" chomp: trailing line breaks beyond the first
  /// (or all of them) may be missing from its value. Accept line breaks past its end.
  void allow_clipped_newlines() { clipped_newlines_ = true; }
  bool failed() const { return failed_; }
  std::size_t found() const { return found_; }

 private:
  std::string_view expected_;
  std::size_t target_;
  std::size_t produced_ = 0;
  std::size_t found_ = kNone;
  bool failed_ = false;
  bool clipped_newlines_ = false;
};

/// Emits one "\n" per line break starting at `first_break` (the breaks of a run of empty
/// lines), skipping the first `skip` of them (a fold discards the first break).
void emit_breaks(std::string_view t, std::size_t first_break, int count, int skip, ValueSink& sink) {
  std::size_t pos = first_break;
  for (int k = 0; k < count && pos < t.size(); ++k) {
    if (k >= skip) sink.put("\n", pos, false);
    if (k + 1 == count) break;
    pos += std::max<std::size_t>(break_len(t, pos), 1);
    while (pos < t.size() && break_len(t, pos) == 0) ++pos;  // the empty line's blanks
  }
}

/// A run of line breaks (with the blank lines between them) inside a flow or plain scalar.
struct Fold {
  std::size_t next = 0;  ///< first non-blank character after the run
  int breaks = 0;
  std::size_t first_break = 0;
};

Fold fold_lines(std::string_view t, std::size_t p) {
  Fold f{p, 0, p};
  while (std::size_t len = break_len(t, p)) {
    ++f.breaks;
    p += len;
    while (p < t.size() && is_blank(t[p])) ++p;
  }
  f.next = p;
  return f;
}

/// Line folding: one break becomes a space; n breaks become n-1 newlines.
void emit_fold(std::string_view t, const Fold& f, ValueSink& sink) {
  if (f.breaks == 1) {
    sink.put(" ", f.first_break, false);
  } else {
    emit_breaks(t, f.first_break, f.breaks, 1, sink);
  }
}

/// Where a plain scalar's text on this line stops (trailing blanks excluded).
std::size_t plain_line_end(std::string_view t, std::size_t i, bool in_flow) {
  std::size_t k = i;
  while (k < t.size()) {
    const char c = t[k];
    if (break_len(t, k) > 0) break;
    if (c == ':') {
      if (k + 1 >= t.size() || is_blank(t[k + 1]) || break_len(t, k + 1) > 0 ||
          (in_flow && is_flow_indicator(t[k + 1]))) {
        break;
      }
    }
    if (c == '#' && k > 0 && is_blank(t[k - 1])) break;
    if (in_flow && is_flow_indicator(c)) break;
    ++k;
  }
  while (k > i && is_blank(t[k - 1])) --k;
  return k;
}

ScalarExtent decode_plain(std::string_view t, std::size_t begin, const ScalarContext& ctx, ValueSink& sink) {
  ScalarExtent ext;
  std::size_t e = plain_line_end(t, begin, ctx.in_flow);
  sink.put(t.substr(begin, e - begin), begin, true);
  ext.end = e;
  // Continuation lines, only as far as the parser's value goes: that settles where the scalar
  // ends without re-deriving indentation rules.
  while (!sink.complete() && !sink.failed()) {
    std::size_t p = e;
    while (p < t.size() && is_blank(t[p])) ++p;
    if (break_len(t, p) == 0) break;
    const Fold f = fold_lines(t, p);
    const std::size_t q = f.next;
    if (q >= t.size() || t[q] == '#' || is_document_marker(t, q)) break;
    const std::size_t e2 = plain_line_end(t, q, ctx.in_flow);
    if (e2 == q) break;
    emit_fold(t, f, sink);
    sink.put(t.substr(q, e2 - q), q, true);
    e = e2;
    ext.end = e2;
  }
  ext.matches = sink.complete();
  return ext;
}

/// UTF-8 bytes of a code point (as yaml-cpp writes escapes).
std::size_t encode_utf8(unsigned long cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | ((cp >> 18) & 0x07));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes the escape at t[i] == '\\' into out; returns the number of source bytes it used
/// (0 if it is not a valid escape). Same table as yaml-cpp's Exp::Escape, including its
/// single-byte `\N` and `\_`.
std::size_t decode_escape(std::string_view t, std::size_t i, char* out, std::size_t& out_len) {
  if (i + 1 >= t.size()) return 0;
  const char c = t[i + 1];
  out_len = 1;
  switch (c) {
    case '0': out[0] = '\0'; return 2;
    case 'a': out[0] = '\a'; return 2;
    case 'b': out[0] = '\b'; return 2;
    case 't':
    case '\t': out[0] = '\t'; return 2;
    case 'n': out[0] = '\n'; return 2;
    case 'v': out[0] = '\v'; return 2;
    case 'f': out[0] = '\f'; return 2;
    case 'r': out[0] = '\r'; return 2;
    case 'e': out[0] = '\x1b'; return 2;
    case ' ': out[0] = ' '; return 2;
    case '"': out[0] = '"'; return 2;
    case '\'': out[0] = '\''; return 2;
    case '\\': out[0] = '\\'; return 2;
    case '/': out[0] = '/'; return 2;
    case 'N': out[0] = '\x85'; return 2;
    case '_': out[0] = '\xA0'; return 2;
    case 'L': out_len = encode_utf8(0x2028, out); return 2;
    case 'P': out_len = encode_utf8(0x2029, out); return 2;
    default: break;
  }
  std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits == 0 || i + 2 + digits > t.size()) return 0;
  unsigned long cp = 0;
  for (std::size_t k = 0; k < digits; ++k) {
    const int d = hex_digit(t[i + 2 + k]);
    if (d < 0) return 0;
    cp = cp * 16 + static_cast<unsigned long>(d);
  }
  if (cp > 0x10FFFF) return 0;
  out_len = encode_utf8(cp, out);
  return 2 + digits;
}

ScalarExtent decode_quoted(std::string_view t, std::size_t begin, bool double_quoted, ValueSink& sink) {
  ScalarExtent ext;
  sink.allow_clipped_newlines();
  const char quote = double_quoted ? '"' : '\'';
  std::size_t i = begin + 1;
  while (true) {
    if (i >= t.size()) {
      ext.unterminated = true;
      ext.end = t.size();
      return ext;
    }
    const char c = t[i];
    if (c == quote) {
      if (!double_quoted && i + 1 < t.size() && t[i + 1] == '\'') {
        sink.put("'", i, false);
        i += 2;
        continue;
      }
      ext.end = i + 1;
      break;
    }
    if (double_quoted && c == '\\') {
      if (i + 1 >= t.size()) {
        ext.unterminated = true;
        ext.end = t.size();
        return ext;
      }
      if (std::size_t len = break_len(t, i + 1)) {
        // Escaped line break: the lines join without a space; empty lines still give "\n".
        std::size_t p = i + 1 + len;
        while (p < t.size() && is_blank(t[p])) ++p;
        while (std::size_t len2 = break_len(t, p)) {
          sink.put("\n", p, false);
          p += len2;
          while (p < t.size() && is_blank(t[p])) ++p;
        }
        i = p;
        continue;
      }
      char buf[4];
      std::size_t buf_len = 0;
      const std::size_t used = decode_escape(t, i, buf, buf_len);
      if (used == 0) {
        sink.put(t.substr(i, 1), i, true);  // not an escape yaml-cpp knows: the sink will disagree
        ++i;
        continue;
      }
      sink.put(std::string_view(buf, buf_len), i, false);
      i += used;
      continue;
    }
    if (is_blank(c) || break_len(t, i) > 0) {
      std::size_t k = i;
      while (k < t.size() && is_blank(t[k])) ++k;
      if (break_len(t, k) > 0) {
        const Fold f = fold_lines(t, k);  // trailing blanks before a break are dropped
        emit_fold(t, f, sink);
        i = f.next;
      } else {
        sink.put(t.substr(i, k - i), i, true);
        i = k;
      }
      continue;
    }
    std::size_t k = i + 1;
    while (k < t.size() && t[k] != quote && t[k] != '\\' && !is_blank(t[k]) && t[k] != '\n' && t[k] != '\r') ++k;
    if (!double_quoted) {
      // A backslash is an ordinary character in single quotes.
      while (k < t.size() && t[k] == '\\') {
        ++k;
        while (k < t.size() && t[k] != quote && t[k] != '\\' && !is_blank(t[k]) && t[k] != '\n' && t[k] != '\r') ++k;
      }
    }
    sink.put(t.substr(i, k - i), i, true);
    i = k;
  }
  ext.matches = sink.complete();
  return ext;
}

enum class Chomp { Clip, Strip, Keep };

ScalarExtent decode_block(std::string_view t, std::size_t begin, bool folded, const ScalarContext& ctx,
                          ValueSink& sink) {
  ScalarExtent ext;
  const std::size_t n = t.size();
  std::size_t i = begin + 1;
  Chomp chomp = Chomp::Clip;
  int digit = 0;
  for (int k = 0; k < 2 && i < n; ++k, ++i) {
    const char c = t[i];
    if (c == '+') {
      chomp = Chomp::Keep;
    } else if (c == '-') {
      chomp = Chomp::Strip;
    } else if (c >= '1' && c <= '9') {
      digit = c - '0';
    } else {
      break;
    }
  }
  ext.end = i;
  // Content indentation as yaml-cpp computes it: the indicator (or at least 1) plus the
  // indentation of the enclosing block collection.
  const int base = std::max(ctx.parent_indent, 0);
  int indent = digit > 0 ? digit + base : 1 + base;
  const bool detect = digit == 0;
  bool detected = false;

  while (i < n && break_len(t, i) == 0) ++i;  // rest of the header line (blanks, comment)
  std::size_t p = i + break_len(t, i);
  int pending = 0;  // line breaks since the last content line (or the header)
  std::size_t pending_first = kNone;
  bool content_seen = false;
  bool prev_more_indented = false;
  while (i < n && p < n) {
    std::size_t q = p;
    if (detect && !detected) {
      while (q < n && t[q] == ' ') ++q;
      if (q >= n) break;
      if (std::size_t len = break_len(t, q)) {  // leading empty line
        // yaml-cpp lets the spaces of leading empty lines raise the detected indentation.
        indent = std::max(indent, static_cast<int>(q - p));
        if (pending == 0) pending_first = q;
        ++pending;
        p = q + len;
        continue;
      }
      indent = std::max(indent, static_cast<int>(q - p));
      detected = true;
      q = p;
    }
    while (q < n && t[q] == ' ' && static_cast<int>(q - p) < indent) ++q;
    if (q >= n) break;
    if (std::size_t len = break_len(t, q)) {  // empty line
      if (pending == 0) pending_first = q;
      ++pending;
      p = q + len;
      continue;
    }
    if (static_cast<int>(q - p) < indent) break;  // less indented: the scalar ended above
    std::size_t line_end = q;
    while (line_end < n && break_len(t, line_end) == 0) ++line_end;
    const bool more_indented = is_blank(t[q]);
    if (!content_seen) {
      emit_breaks(t, pending_first, pending, 0, sink);
    } else if (folded && !prev_more_indented && !more_indented) {
      if (pending == 1) {
        sink.put(" ", pending_first, false);
      } else {
        emit_breaks(t, pending_first, pending, 1, sink);
      }
    } else {
      emit_breaks(t, pending_first, pending, 0, sink);
    }
    sink.put(t.substr(q, line_end - q), q, true);
    content_seen = true;
    prev_more_indented = more_indented;
    ext.end = line_end;
    pending = 0;
    if (line_end >= n) break;
    pending_first = line_end;
    pending = 1;
    p = line_end + break_len(t, line_end);
  }
  if (chomp == Chomp::Keep) {
    // yaml-cpp folds the break after a last normal line of a folded scalar into the trailing
    // empty lines (">+" over "a\n\n" gives "a\n"; YAML 1.2 says "a\n\n"). Match its value.
    const bool fold_first = folded && content_seen && !prev_more_indented && pending >= 2;
    emit_breaks(t, pending_first, pending, fold_first ? 1 : 0, sink);
  } else if (chomp == Chomp::Clip && content_seen && pending > 0) {
    sink.put("\n", pending_first, false);
  }
  ext.block_indent = indent;
  ext.matches = sink.complete();
  return ext;
}

ScalarExtent decode(std::string_view t, std::size_t begin, ScalarStyle style, const ScalarContext& ctx,
                    ValueSink& sink) {
  if (begin >= t.size()) {
    ScalarExtent ext;
    ext.end = t.size();
    ext.matches = sink.complete();
    return ext;
  }
  switch (style) {
    case ScalarStyle::Plain: return decode_plain(t, begin, ctx, sink);
    case ScalarStyle::SingleQuoted: return decode_quoted(t, begin, false, sink);
    case ScalarStyle::DoubleQuoted: return decode_quoted(t, begin, true, sink);
    case ScalarStyle::Literal: return decode_block(t, begin, false, ctx, sink);
    case ScalarStyle::Folded: return decode_block(t, begin, true, ctx, sink);
  }
  return {};
}

}  // namespace

ScalarExtent measure_scalar(std::string_view text, std::size_t begin, ScalarStyle style, const ScalarContext& context,
                            std::string_view expected) {
  // Fast path, by far the most common case: a one-line plain scalar is its own text.
  if (style == ScalarStyle::Plain && begin <= text.size() && text.compare(begin, expected.size(), expected) == 0) {
    ScalarExtent ext;
    ext.end = begin + expected.size();
    ext.matches = true;
    return ext;
  }
  ValueSink sink(expected, kNone);
  return decode(text, begin, style, context, sink);
}

std::size_t map_value_offset(std::string_view text, std::size_t begin, ScalarStyle style, const ScalarContext& context,
                             std::string_view expected, std::size_t value_offset) {
  if (style == ScalarStyle::Plain && begin <= text.size() && text.compare(begin, expected.size(), expected) == 0) {
    return begin + value_offset;
  }
  ValueSink sink(expected, value_offset);
  decode(text, begin, style, context, sink);
  return sink.found();
}

}  // namespace mlmon::yaml::detail
