#include "gotemplate/lexer.hpp"

#include <utility>

#include "core/unicode.hpp"
#include "gotemplate/go_strconv.hpp"

namespace mlmon::gotemplate {

namespace {

constexpr char32_t eof_rune = static_cast<char32_t>(-1);
constexpr std::string_view left_delim = "{{";
constexpr std::string_view right_delim = "}}";
constexpr std::string_view left_comment = "/*";
constexpr std::string_view right_comment = "*/";
constexpr std::size_t trim_marker_len = 2;  // "- " after {{ or " -" before }}
constexpr std::string_view space_chars = " \t\r\n";

bool is_space(char32_t r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }
bool is_alphanumeric(char32_t r) { return r == '_' || (r != eof_rune && unicode::is_letter_or_digit(r)); }

bool has_left_trim_marker(std::string_view s) {
  return s.size() >= 2 && s[0] == '-' && is_space(static_cast<unsigned char>(s[1]));
}
bool has_right_trim_marker(std::string_view s) {
  return s.size() >= 2 && is_space(static_cast<unsigned char>(s[0])) && s[1] == '-';
}

std::size_t right_trim_length(std::string_view s) {
  const auto last = s.find_last_not_of(space_chars);
  return last == std::string_view::npos ? s.size() : s.size() - last - 1;
}

std::size_t left_trim_length(std::string_view s) {
  const auto first = s.find_first_not_of(space_chars);
  return first == std::string_view::npos ? s.size() : first;
}

std::string_view tail(std::string_view s, std::size_t pos) {
  return pos >= s.size() ? std::string_view{} : s.substr(pos);
}

TokenType keyword_or_identifier(std::string_view word) {
  static constexpr std::pair<std::string_view, TokenType> keywords[] = {
      {"block", TokenType::block},
      {"break", TokenType::break_},
      {"continue", TokenType::continue_},
      {"define", TokenType::define},
      {"else", TokenType::else_},
      {"end", TokenType::end},
      {"if", TokenType::if_},
      {"range", TokenType::range},
      {"nil", TokenType::nil},
      {"template", TokenType::template_},
      {"with", TokenType::with},
  };
  for (const auto& [name, type] : keywords) {
    if (word == name) return type;
  }
  if (word == "true" || word == "false") return TokenType::boolean;
  return TokenType::identifier;
}

}  // namespace

bool is_keyword(TokenType type) { return type >= TokenType::block; }

std::string describe(const Token& token) {
  if (token.type == TokenType::eof) return "EOF";
  if (token.type == TokenType::error) return std::string(token.message);
  if (is_keyword(token.type)) {
    std::string keyword = "<";  // built step by step: GCC 12 warns falsely (-Wrestrict) on "<" + s + ">"
    keyword += token.val;
    keyword += '>';
    return keyword;
  }
  if (token.val.size() > 10) return go::quote(token.val, 10) + "...";
  return go::quote(token.val);
}

Lexer::Lexer(std::string_view input, LexerDialect dialect) : input_(input), dialect_(dialect) {}

std::size_t Lexer::line_at(std::size_t pos) {
  if (pos < line_pos_) {
    line_pos_ = 0;
    line_ = 1;
  }
  for (; line_pos_ < pos && line_pos_ < input_.size(); ++line_pos_) {
    if (input_[line_pos_] == '\n') ++line_;
  }
  return line_;
}

char32_t Lexer::next() {
  if (pos_ >= input_.size()) {
    at_eof_ = true;
    return eof_rune;
  }
  // ASCII, nearly every byte of a template, needs no decoding.
  if (const auto c = static_cast<unsigned char>(input_[pos_]); c < 0x80) {
    ++pos_;
    return c;
  }
  const auto decoded = unicode::decode(input_, pos_);
  pos_ += decoded.width;
  return decoded.rune;
}

char32_t Lexer::peek() {
  const char32_t r = next();
  backup();
  return r;
}

void Lexer::backup() {
  // Like Go: once the end has been seen, backing up is a no-op.
  if (at_eof_ || pos_ == 0) return;
  if (static_cast<unsigned char>(input_[pos_ - 1]) < 0x80) --pos_;  // an ASCII rune: one byte
  else pos_ -= unicode::decode_last(input_, pos_).width;
}

bool Lexer::accept(std::string_view valid) {
  const char32_t r = next();
  if (r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos) return true;  // eof_rune is not < 0x80
  backup();
  return false;
}

void Lexer::accept_run(std::string_view valid) {
  while (accept(valid)) {}
}

bool Lexer::at_terminator() {
  const char32_t r = peek();
  if (is_space(r)) return true;
  switch (r) {
    case eof_rune:
    case '.':
    case ',':
    case '|':
    case ':':
    case ')':
    case '(': return true;
    default: return tail(input_, pos_).starts_with(right_delim);
  }
}

Lexer::RightDelim Lexer::at_right_delim() const {
  const std::string_view rest = tail(input_, pos_);
  if (has_right_trim_marker(rest) && tail(rest, trim_marker_len).starts_with(right_delim)) return {true, true};
  if (rest.starts_with(right_delim)) return {true, false};
  return {false, false};
}

Token Lexer::make(TokenType type) {
  Token token;
  token.type = type;
  token.pos = start_;
  token.line = line_at(start_);
  token.val = input_.substr(start_, pos_ - start_);
  start_ = pos_;
  return token;
}

Token Lexer::fail(std::string message, std::size_t offset) {
  Token token;
  token.type = TokenType::error;
  token.pos = start_;
  token.line = line_at(start_);
  error_message_ = std::move(message);
  token.message = error_message_;
  token.error_offset = offset;
  failed_ = true;
  return token;
}

Token Lexer::next_item() {
  if (pending_) {
    Token token = *pending_;
    pending_.reset();
    return token;
  }
  if (failed_) {
    Token token;
    token.pos = input_.size();
    token.line = line_at(input_.size());
    token.val = "EOF";
    return token;
  }
  return inside_action_ ? lex_inside_action() : lex_text();
}

Token Lexer::lex_text() {
  for (;;) {
    const std::size_t delim = input_.find(left_delim, pos_);
    if (delim == std::string_view::npos) {
      pos_ = input_.size();
      if (pos_ > start_) return make(TokenType::text);
      return make(TokenType::eof);
    }
    if (delim > pos_) {
      // Text up to the delimiter, less trailing space when the action starts with "{{- ".
      std::size_t trim = 0;
      if (has_left_trim_marker(tail(input_, delim + left_delim.size()))) {
        trim = right_trim_length(input_.substr(start_, delim - start_));
      }
      pos_ = delim - trim;
      const bool has_text = pos_ > start_;
      Token text = has_text ? make(TokenType::text) : Token{};
      pos_ = delim;
      start_ = pos_;
      if (has_text) return text;
    }
    // At the left delimiter, possibly with a trim marker.
    const std::size_t delim_pos = pos_;
    pos_ += left_delim.size();
    const std::size_t after_marker = has_left_trim_marker(tail(input_, pos_)) ? trim_marker_len : 0;
    if (tail(input_, pos_ + after_marker).starts_with(left_comment)) {
      pos_ += after_marker;
      start_ = pos_;
      pos_ += left_comment.size();
      const std::size_t end = input_.find(right_comment, pos_);
      if (end == std::string_view::npos) return fail("unclosed comment", delim_pos);
      pos_ = end + right_comment.size();
      const auto [found, trim] = at_right_delim();
      if (!found) return fail("comment ends before closing delimiter", pos_);
      if (trim) pos_ += trim_marker_len;
      pos_ += right_delim.size();
      if (trim) pos_ += left_trim_length(tail(input_, pos_));
      start_ = pos_;
      continue;  // comments produce no token
    }
    Token token = make(TokenType::left_delim);
    inside_action_ = true;
    action_start_ = delim_pos;
    open_parens_.clear();
    pos_ += after_marker;
    start_ = pos_;
    return token;
  }
}

Token Lexer::lex_right_delim() {
  const bool trim = at_right_delim().trim;
  if (trim) {
    pos_ += trim_marker_len;
    start_ = pos_;
  }
  pos_ += right_delim.size();
  Token token = make(TokenType::right_delim);
  if (trim) {
    pos_ += left_trim_length(tail(input_, pos_));
    start_ = pos_;
  }
  inside_action_ = false;
  return token;
}

Token Lexer::lex_inside_action() {
  if (at_right_delim().found) {
    if (open_parens_.empty()) return lex_right_delim();
    return fail("unclosed left paren", open_parens_.back());
  }
  const std::size_t here = pos_;
  const char32_t r = next();
  if (r == eof_rune) return fail("unclosed action", action_start_);
  if (is_space(r)) {
    backup();  // put the space back in case this is " -}}"
    return lex_space();
  }
  switch (r) {
    case '=': return make(TokenType::assign);
    case ':':
      if (next() != '=') return fail("expected :=", here);
      return make(TokenType::declare);
    case '|': return make(TokenType::pipe);
    case '"': return lex_quote();
    case '`': return lex_raw_quote();
    case '$':
      if (at_terminator()) return make(TokenType::variable);  // just "$"
      return lex_field_or_variable(TokenType::variable);
    case '\'': return lex_char();
    case '.':
      // ".Field" unless a digit follows, in which case it is a number like ".5".
      if (pos_ < input_.size() && (input_[pos_] < '0' || input_[pos_] > '9')) {
        return lex_field_or_variable(TokenType::field);
      }
      backup();
      return lex_number();
    case '(': open_parens_.push_back(here); return make(TokenType::left_paren);
    case ')':
      if (dialect_ == LexerDialect::go1_19) {
        Token paren = make(TokenType::right_paren);
        if (open_parens_.empty()) {
          pending_.emplace(fail("unexpected right paren " + go::unicode_verb(r), here));
        } else {
          open_parens_.pop_back();
        }
        return paren;
      }
      if (open_parens_.empty()) return fail("unexpected right paren", here);
      open_parens_.pop_back();
      return make(TokenType::right_paren);
    default: break;
  }
  if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
    backup();
    return lex_number();
  }
  if (is_alphanumeric(r)) {
    backup();
    return lex_identifier();
  }
  if (r < 0x80 && unicode::is_print(r)) return make(TokenType::character);
  return fail("unrecognized character in action: " + go::unicode_verb(r), here);
}

Token Lexer::lex_space() {
  std::size_t spaces = 0;
  while (is_space(peek())) {
    next();
    ++spaces;
  }
  // A trim-marked closing delimiter starts with a space: leave that space to the delimiter.
  if (has_right_trim_marker(tail(input_, pos_ - 1)) &&
      tail(input_, pos_ - 1 + trim_marker_len).starts_with(right_delim)) {
    backup();
    if (spaces == 1) return lex_right_delim();
  }
  return make(TokenType::space);
}

Token Lexer::lex_identifier() {
  for (;;) {
    const char32_t r = next();
    if (is_alphanumeric(r)) continue;
    backup();
    if (!at_terminator()) return fail("bad character " + go::unicode_verb(r), pos_);
    const std::string_view word = input_.substr(start_, pos_ - start_);
    return make(keyword_or_identifier(word));
  }
}

Token Lexer::lex_field_or_variable(TokenType type) {
  if (at_terminator()) return make(type == TokenType::variable ? TokenType::variable : TokenType::dot);
  char32_t r = 0;
  for (;;) {
    r = next();
    if (!is_alphanumeric(r)) {
      backup();
      break;
    }
  }
  if (!at_terminator()) return fail("bad character " + go::unicode_verb(r), pos_);
  return make(type);
}

Token Lexer::lex_char() {
  for (;;) {
    char32_t r = next();
    if (r == '\\') {
      r = next();
      if (r != eof_rune && r != '\n') continue;
      return fail("unterminated character constant", start_);
    }
    if (r == eof_rune || r == '\n') return fail("unterminated character constant", start_);
    if (r == '\'') return make(TokenType::char_constant);
  }
}

Token Lexer::lex_number() {
  if (!scan_number()) return fail("bad number syntax: " + go::quote(input_.substr(start_, pos_ - start_)), start_);
  const char32_t sign = peek();
  if (sign == '+' || sign == '-') {
    // Complex: 1+2i. No spaces, must end in 'i'.
    if (!scan_number() || input_[pos_ - 1] != 'i') {
      return fail("bad number syntax: " + go::quote(input_.substr(start_, pos_ - start_)), start_);
    }
    return make(TokenType::complex);
  }
  return make(TokenType::number);
}

bool Lexer::scan_number() {
  accept("+-");
  std::string_view digits = "0123456789_";
  if (accept("0")) {
    if (accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (accept("oO")) digits = "01234567_";
    else if (accept("bB")) digits = "01_";
  }
  accept_run(digits);
  if (accept(".")) accept_run(digits);
  if (digits.size() == 11 && accept("eE")) {
    accept("+-");
    accept_run("0123456789_");
  }
  if (digits.size() == 23 && accept("pP")) {
    accept("+-");
    accept_run("0123456789_");
  }
  accept("i");  // imaginary
  if (is_alphanumeric(peek())) {
    next();
    return false;
  }
  return true;
}

Token Lexer::lex_quote() {
  for (;;) {
    char32_t r = next();
    if (r == '\\') {
      r = next();
      if (r != eof_rune && r != '\n') continue;
      return fail("unterminated quoted string", start_);
    }
    if (r == eof_rune || r == '\n') return fail("unterminated quoted string", start_);
    if (r == '"') return make(TokenType::string);
  }
}

Token Lexer::lex_raw_quote() {
  for (;;) {
    const char32_t r = next();
    if (r == eof_rune) return fail("unterminated raw quoted string", start_);
    if (r == '`') return make(TokenType::raw_string);
  }
}

}  // namespace mlmon::gotemplate
