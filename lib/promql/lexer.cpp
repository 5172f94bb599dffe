#include "promql/lexer.hpp"

#include <array>

#include "promql/go_format.hpp"

namespace mlmon::promql {

namespace {

constexpr char32_t kEof = go::kEof;

bool is_space(char32_t r) { return r == ' ' || r == '\t' || r == '\n' || r == '\r'; }
bool is_digit(char32_t r) { return r >= '0' && r <= '9'; }
bool is_alpha(char32_t r) { return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'); }
bool is_alnum(char32_t r) { return is_alpha(r) || is_digit(r); }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

bool iequals(std::string_view word, std::string_view lower_keyword) {
  if (word.size() != lower_keyword.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (lower(word[i]) != lower_keyword[i]) return false;
  }
  return true;
}

// Character classes for identifier scanning: bit 1 = [A-Za-z0-9_], bit 2 = ':'.
constexpr std::array<uint8_t, 256> kIdentChars = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) t[c] = 1;
    if (c == ':') t[c] = 2;
  }
  return t;
}();
bool is_ascii_alnum_or_colon(char c) { return kIdentChars[static_cast<unsigned char>(c)] != 0; }
bool is_ascii_alnum(char c) { return kIdentChars[static_cast<unsigned char>(c)] == 1; }

}  // namespace

Tok Lexer::keyword(std::string_view w) {
  // Dispatch on length and first letter, then compare case-insensitively.
  if (w.size() < 2 || w.size() > 12) return Tok::identifier;
  switch (lower(w[0])) {
    case 'a':
      if (iequals(w, "and")) return Tok::land;
      if (iequals(w, "avg")) return Tok::avg;
      if (iequals(w, "atan2")) return Tok::atan2;
      if (iequals(w, "anchored")) return Tok::anchored;
      break;
    case 'b':
      if (iequals(w, "by")) return Tok::by;
      if (iequals(w, "bool")) return Tok::kw_bool;
      if (iequals(w, "bottomk")) return Tok::bottomk;
      break;
    case 'c':
      if (iequals(w, "count")) return Tok::count;
      if (iequals(w, "count_values")) return Tok::count_values;
      break;
    case 'e':
      if (iequals(w, "end")) return Tok::end;
      break;
    case 'f':
      if (iequals(w, "fill")) return Tok::fill;
      if (iequals(w, "fill_left")) return Tok::fill_left;
      if (iequals(w, "fill_right")) return Tok::fill_right;
      break;
    case 'g':
      if (iequals(w, "group")) return Tok::group;
      if (iequals(w, "group_left")) return Tok::group_left;
      if (iequals(w, "group_right")) return Tok::group_right;
      break;
    case 'i':
      if (iequals(w, "inf")) return Tok::number;
      if (iequals(w, "ignoring")) return Tok::ignoring;
      break;
    case 'l':
      if (iequals(w, "limitk")) return Tok::limitk;
      if (iequals(w, "limit_ratio")) return Tok::limit_ratio;
      break;
    case 'm':
      if (iequals(w, "max")) return Tok::max;
      if (iequals(w, "min")) return Tok::min;
      if (iequals(w, "max_of")) return Tok::max_of;
      if (iequals(w, "min_of")) return Tok::min_of;
      break;
    case 'n':
      if (iequals(w, "nan")) return Tok::number;
      break;
    case 'o':
      if (iequals(w, "or")) return Tok::lor;
      if (iequals(w, "on")) return Tok::on;
      if (iequals(w, "offset")) return Tok::offset;
      break;
    case 'q':
      if (iequals(w, "quantile")) return Tok::quantile;
      break;
    case 'r':
      if (iequals(w, "range")) return Tok::range;
      break;
    case 's':
      if (iequals(w, "sum")) return Tok::sum;
      if (iequals(w, "stddev")) return Tok::stddev;
      if (iequals(w, "stdvar")) return Tok::stdvar;
      if (iequals(w, "start")) return Tok::start;
      if (iequals(w, "step")) return Tok::step;
      if (iequals(w, "smoothed")) return Tok::smoothed;
      break;
    case 't':
      if (iequals(w, "topk")) return Tok::topk;
      break;
    case 'u':
      if (iequals(w, "unless")) return Tok::lunless;
      break;
    case 'w':
      if (iequals(w, "without")) return Tok::without;
      break;
    default: break;
  }
  return Tok::identifier;
}

char32_t Lexer::next_multibyte_rune() {
  const go::Rune r = go::decode_rune(input_, pos_);
  width_ = r.width;
  pos_ += r.width;
  return r.value;
}

Token Lexer::emit(Tok kind) {
  Token t{kind, start_, pos_, {}};
  start_ = pos_;
  return t;
}

Token Lexer::error(std::string message) {
  error_ = std::move(message);
  state_ = State::done;
  return Token{Tok::error, start_, static_cast<uint32_t>(input_.size()), error_};
}

void Lexer::skip_spaces() {
  while (pos_ < input_.size() && is_space(static_cast<unsigned char>(input_[pos_]))) ++pos_;
  width_ = 1;
  start_ = pos_;
}

void Lexer::skip_comment() {
  // A comment runs to the end of the line; the line break itself is whitespace.
  while (pos_ < input_.size() && input_[pos_] != '\n' && input_[pos_] != '\r') ++pos_;
  start_ = pos_;
}

Token Lexer::next() {
  Token out;
  for (;;) {
    switch (state_) {
      case State::done: return Token{Tok::eof, start_, start_, {}};
      case State::statements:
        if (lex_statements(out)) return out;
        break;
      case State::inside_braces:
        if (lex_inside_braces(out)) return out;
        break;
      case State::duration_expr:
        if (lex_duration_expr(out)) return out;
        break;
    }
  }
}

bool Lexer::lex_statements(Token& out) {
  if (brace_open_) {
    state_ = State::inside_braces;
    return false;
  }
  if (pos_ < input_.size() && input_[pos_] == '#') {
    skip_comment();
    return false;
  }
  const char32_t r = next_rune();
  switch (r) {
    case kEof:
      if (paren_depth_ != 0) {
        out = error("unclosed left parenthesis");
      } else if (bracket_open_) {
        out = error("unclosed left bracket");
      } else {
        out = emit(Tok::eof);
        state_ = State::done;
      }
      return true;
    case ',': out = emit(Tok::comma); return true;
    case ' ':
    case '\t':
    case '\n':
    case '\r': skip_spaces(); return false;
    case '*': out = emit(Tok::mul); return true;
    case '/': out = emit(Tok::div); return true;
    case '%': out = emit(Tok::mod); return true;
    case '+': out = emit(Tok::add); return true;
    case '-': out = emit(Tok::sub); return true;
    case '^': out = emit(Tok::pow); return true;
    case '=': {
      const char32_t t = peek_rune();
      if (t == '=') {
        next_rune();
        out = emit(Tok::eqlc);
      } else if (t == '~') {
        out = error("unexpected character after '=': " + go::quote_rune(t));
      } else {
        out = emit(Tok::eql);
      }
      return true;
    }
    case '!': {
      const char32_t t = next_rune();
      if (t != '=') {
        out = error("unexpected character after '!': " + go::quote_rune(t));
      } else {
        out = emit(Tok::neq);
      }
      return true;
    }
    case '<': {
      const char32_t t = peek_rune();
      if (t == '=') {
        next_rune();
        out = emit(Tok::lte);
      } else if (t == '/') {
        next_rune();
        out = emit(Tok::trim_upper);
      } else {
        out = emit(Tok::lss);
      }
      return true;
    }
    case '>': {
      const char32_t t = peek_rune();
      if (t == '=') {
        next_rune();
        out = emit(Tok::gte);
      } else if (t == '/') {
        next_rune();
        out = emit(Tok::trim_lower);
      } else {
        out = emit(Tok::gtr);
      }
      return true;
    }
    case '"':
    case '\'': out = lex_string(r); return true;
    case '`': out = lex_raw_string(); return true;
    case '(':
      out = emit(Tok::left_paren);
      ++paren_depth_;
      return true;
    case ')':
      out = emit(Tok::right_paren);
      if (--paren_depth_ < 0) out = error("unexpected right parenthesis " + go::quote_rune(r));
      return true;
    case '{':
      out = emit(Tok::left_brace);
      brace_open_ = true;
      state_ = State::inside_braces;
      return true;
    case '[':
      if (bracket_open_) {
        out = error("unexpected left bracket " + go::quote_rune(r));
        return true;
      }
      got_colon_ = false;
      out = emit(Tok::left_bracket);
      if (is_space(peek_rune())) skip_spaces();
      bracket_open_ = true;
      state_ = State::duration_expr;
      return true;
    case ']':
      if (!bracket_open_) {
        out = error("unexpected right bracket " + go::quote_rune(r));
        return true;
      }
      out = emit(Tok::right_bracket);
      bracket_open_ = false;
      return true;
    case '@': out = emit(Tok::at); return true;
    default: break;
  }
  if (is_digit(r) || (r == '.' && is_digit(peek_rune()))) {
    backup();
    out = lex_number_or_duration();
    return true;
  }
  if (is_alpha(r) || r == ':') {
    if (!bracket_open_) {
      backup();
      out = lex_keyword_or_identifier();
      return true;
    }
    if (r == ':') {
      if (got_colon_) {
        out = error("unexpected colon " + go::quote_rune(r));
        return true;
      }
      out = emit(Tok::colon);
      got_colon_ = true;
      return true;
    }
    Tok kind;
    if (scan_duration_keyword(kind)) {
      out = emit(kind);
      return true;
    }
    out = error("unexpected character: " + go::quote_rune(r) + ", expected ':'");
    return true;
  }
  out = error("unexpected character: " + go::quote_rune(r));
  return true;
}

bool Lexer::lex_inside_braces(Token& out) {
  if (pos_ < input_.size() && input_[pos_] == '#') {
    skip_comment();
    return false;
  }
  const char32_t r = next_rune();
  switch (r) {
    case kEof: out = error("unexpected end of input inside braces"); return true;
    case ' ':
    case '\t':
    case '\n':
    case '\r': skip_spaces(); return false;
    case ',': out = emit(Tok::comma); return true;
    case '"':
    case '\'': out = lex_string(r); return true;
    case '`': out = lex_raw_string(); return true;
    case '=':
      if (next_rune() == '~') {
        out = emit(Tok::eql_regex);
      } else {
        backup();
        out = emit(Tok::eql);
      }
      return true;
    case '!': {
      const char32_t nr = next_rune();
      if (nr == '~') {
        out = emit(Tok::neq_regex);
      } else if (nr == '=') {
        out = emit(Tok::neq);
      } else {
        out = error("unexpected character after '!' inside braces: " + go::quote_rune(nr));
      }
      return true;
    }
    case '{': out = error("unexpected left brace " + go::quote_rune(r)); return true;
    case '}':
      out = emit(Tok::right_brace);
      brace_open_ = false;
      state_ = State::statements;
      return true;
    default: break;
  }
  if (is_alpha(r)) {
    backup();
    out = lex_identifier();
    return true;
  }
  out = error("unexpected character inside braces: " + go::quote_rune(r));
  return true;
}

bool Lexer::lex_duration_expr(Token& out) {
  const char32_t r = next_rune();
  switch (r) {
    case kEof: out = error("unexpected end of input in duration expression"); return true;
    case ']':
      out = emit(Tok::right_bracket);
      bracket_open_ = false;
      got_colon_ = false;
      state_ = State::statements;
      return true;
    case ':':
      out = emit(Tok::colon);
      if (!got_duration_) {
        out = error("unexpected colon before duration in duration expression");
      } else if (got_colon_) {
        out = error("unexpected repeated colon in duration expression");
      }
      got_colon_ = true;
      return true;
    case '(':
      out = emit(Tok::left_paren);
      ++paren_depth_;
      return true;
    case ')':
      out = emit(Tok::right_paren);
      if (--paren_depth_ < 0) out = error("unexpected right parenthesis " + go::quote_rune(r));
      return true;
    case ' ':
    case '\t':
    case '\n':
    case '\r': skip_spaces(); return false;
    case '+': out = emit(Tok::add); return true;
    case '-': out = emit(Tok::sub); return true;
    case '*': out = emit(Tok::mul); return true;
    case '/': out = emit(Tok::div); return true;
    case '%': out = emit(Tok::mod); return true;
    case '^': out = emit(Tok::pow); return true;
    case ',': out = emit(Tok::comma); return true;
    default: break;
  }
  if (is_alpha(r)) {
    Tok kind;
    if (scan_duration_keyword(kind)) {
      out = emit(kind);
      return true;
    }
    out = error("unexpected character in duration expression: " + go::quote_rune(r));
    return true;
  }
  if (is_digit(r) || (r == '.' && is_digit(peek_rune()))) {
    backup();
    got_duration_ = true;
    out = lex_number_or_duration();
    if (out.kind != Tok::error) state_ = State::statements;
    return true;
  }
  out = error("unexpected character in duration expression: " + go::quote_rune(r));
  return true;
}

bool Lexer::scan_duration_keyword(Tok& kind) {
  while (is_alpha(next_rune())) {}
  backup();
  const std::string_view word = input_.substr(start_, pos_ - start_);
  const Tok k = keyword(word);
  if (k == Tok::step || k == Tok::range || k == Tok::min_of || k == Tok::max_of) {
    kind = k;
    return true;
  }
  return false;
}

Token Lexer::lex_string(char32_t quote) {
  for (;;) {
    const char32_t r = next_rune();
    if (r == '\\') {
      Token out;
      if (!lex_escape(quote, out)) return out;
      continue;
    }
    if (r == go::kRuneError) return error("invalid UTF-8 rune");
    if (r == kEof || r == '\n') return error("unterminated quoted string");
    if (r == quote) break;
  }
  return emit(Tok::string);
}

bool Lexer::lex_escape(char32_t quote, Token& out) {
  char32_t ch = next_rune();
  int n = 0;
  uint32_t base = 0;
  uint32_t max_value = 0;
  switch (ch) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\': return true;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': n = 3, base = 8, max_value = 255; break;
    case 'x':
      ch = next_rune();
      n = 2, base = 16, max_value = 255;
      break;
    case 'u':
      ch = next_rune();
      n = 4, base = 16, max_value = 0x10FFFF;
      break;
    case 'U':
      ch = next_rune();
      n = 8, base = 16, max_value = 0x10FFFF;
      break;
    case kEof: out = error("escape sequence not terminated"); return false;
    default:
      if (ch == quote) return true;
      out = error("unknown escape sequence " + go::unicode_verb(ch));
      return false;
  }
  uint32_t x = 0;
  while (n > 0) {
    uint32_t d = 16;
    if (ch >= '0' && ch <= '9') d = ch - '0';
    else if (ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
    if (d >= base) {
      if (ch == kEof) {
        out = error("escape sequence not terminated");
      } else {
        out = error("illegal character " + go::unicode_verb(ch) + " in escape sequence");
      }
      return false;
    }
    x = x * base + d;
    if (--n > 0) ch = next_rune();
  }
  if (x > max_value || (x >= 0xD800 && x < 0xE000)) {
    out = error("escape sequence is an invalid Unicode code point");
    return false;
  }
  return true;
}

Token Lexer::lex_raw_string() {
  for (;;) {
    const char32_t r = next_rune();
    if (r == go::kRuneError) return error("invalid UTF-8 rune");
    if (r == kEof) return error("unterminated raw string");
    if (r == '`') break;
  }
  return emit(Tok::string);
}

Token Lexer::lex_number_or_duration() {
  if (scan_number()) return emit(Tok::number);
  if (accept_remaining_duration()) {
    backup();
    return emit(Tok::duration);
  }
  return error("bad number or duration syntax: " + go::quote(input_.substr(start_, pos_ - start_)));
}

namespace {
constexpr Lexer::CharSet kDigitSet("0123456789");
constexpr Lexer::CharSet kHexDigitSet("0123456789abcdefABCDEF");
constexpr Lexer::CharSet kDurationUnits("smhdwy");
constexpr Lexer::CharSet kLaterUnits("smhdw");
constexpr Lexer::CharSet kS("s");
constexpr Lexer::CharSet kZero("0");
constexpr Lexer::CharSet kX("xX");
constexpr Lexer::CharSet kUnderscore("_");
constexpr Lexer::CharSet kDot(".");
constexpr Lexer::CharSet kExponent("eE");
constexpr Lexer::CharSet kSign("+-");
constexpr Lexer::CharSet kAfterDot("_.");
constexpr Lexer::CharSet kAfterExponent("._eE");
}  // namespace

bool Lexer::accept_remaining_duration() {
  if (!accept(kDurationUnits)) return false;
  accept(kS);  // "ms"; nonsense like "hs" is caught when the duration is parsed
  while (accept(kDigitSet)) {
    while (accept(kDigitSet)) {}
    if (!accept(kLaterUnits)) return false;
    accept(kS);
  }
  return !is_alnum(next_rune());
}

bool Lexer::scan_number() {
  const uint32_t initial = pos_;
  const CharSet* digits = &kDigitSet;
  if (accept(kZero) && accept(kX)) {
    accept(kUnderscore);
    digits = &kHexDigitSet;
  }
  const bool hex = digits == &kHexDigitSet;
  accept(kDot);
  accept(*digits);
  bool dot_consumed = false;
  bool exponent_consumed = false;
  auto in_loop_set = [&](char32_t r) { return digits->has(r) || r == '.' || r == '_' || r == 'e' || r == 'E'; };
  while (in_loop_set(peek_rune())) {
    if (is(kDot) && dot_consumed) {
      accept(kDot);
      return false;
    }
    if (is(kExponent) && exponent_consumed) {
      accept(kExponent);
      return false;
    }
    if (accept(kDot)) {
      dot_consumed = true;
      if (accept(kAfterDot)) return false;
      if (hex) return false;  // no fractional hexadecimal literals
      continue;
    }
    if (accept(kExponent)) {
      exponent_consumed = true;
      accept(kSign);
      if (accept(kAfterExponent) || peek_rune() == kEof) return false;
      continue;
    }
    if (accept(kUnderscore)) {
      if (accept(kAfterExponent) || peek_rune() == kEof) return false;
      continue;
    }
    accept_run(*digits);
  }
  if (pos_ == initial) return false;
  return !is_alnum(peek_rune());
}

Token Lexer::lex_identifier() {
  while (pos_ < input_.size() && is_ascii_alnum(input_[pos_])) ++pos_;
  return emit(Tok::identifier);
}

Token Lexer::lex_keyword_or_identifier() {
  bool has_colon = false;
  while (pos_ < input_.size() && is_ascii_alnum_or_colon(input_[pos_])) {
    has_colon = has_colon || input_[pos_] == ':';
    ++pos_;
  }
  const std::string_view word = input_.substr(start_, pos_ - start_);
  const Tok k = keyword(word);
  if (k != Tok::identifier) return emit(k);
  return emit(has_colon ? Tok::metric_identifier : Tok::identifier);
}

}  // namespace mlmon::promql
