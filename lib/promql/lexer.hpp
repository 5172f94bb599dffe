// The PromQL lexer. It reproduces Prometheus's state machine (promql/parser/lex.go) because
// which input is an error, the error text and its byte position all come from it: tokens
// inside `{...}` are label names and strings only, inside `[...]` a small duration-expression
// language applies, unbalanced brackets are reported at end of input, and so on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "promql/token.hpp"

namespace mlmon::promql {

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  // Returns the next token, skipping whitespace and comments. After an error token, or at the
  // end of input, returns Tok::eof forever. An error token's `begin` is where Prometheus
  // reports it; its `error` view stays valid until the next call.
  Token next();

  std::string_view input() const { return input_; }

  // Keyword kind of an identifier (case-insensitive), Tok::identifier if it is none, and
  // Tok::number for "inf"/"nan".
  static Tok keyword(std::string_view word);

  // ASCII character classes for accept()/is(), as bit masks.
  struct CharSet {
    uint64_t lo = 0;
    uint64_t hi = 0;
    constexpr explicit CharSet(std::string_view chars) {
      for (char c : chars) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 64) {
          lo |= uint64_t{1} << u;
        } else {
          hi |= uint64_t{1} << (u - 64);
        }
      }
    }
    constexpr bool has(char32_t r) const {
      return r < 64 ? ((lo >> r) & 1) != 0 : r < 128 ? ((hi >> (r - 64)) & 1) != 0 : false;
    }
  };

 private:
  enum class State : uint8_t { statements, inside_braces, duration_expr, done };

  // Go-style rune reading, so multi-byte characters appear in messages as Prometheus shows them.
  char32_t next_rune() {
    if (pos_ < input_.size()) {
      const auto c = static_cast<unsigned char>(input_[pos_]);
      if (c < 0x80) {
        width_ = 1;
        ++pos_;
        return c;
      }
      return next_multibyte_rune();
    }
    width_ = 0;
    return static_cast<char32_t>(-1);
  }
  char32_t next_multibyte_rune();
  char32_t peek_rune() {
    const char32_t r = next_rune();
    backup();
    return r;
  }
  void backup() { pos_ -= width_; }
  bool accept(const CharSet& valid) {
    if (valid.has(next_rune())) return true;
    backup();
    return false;
  }
  bool is(const CharSet& valid) { return valid.has(peek_rune()); }
  void accept_run(const CharSet& valid) {
    while (valid.has(next_rune())) {}
    backup();
  }

  Token emit(Tok kind);
  Token error(std::string message);
  void skip_spaces();
  void skip_comment();

  bool lex_statements(Token& out);
  bool lex_inside_braces(Token& out);
  bool lex_duration_expr(Token& out);
  Token lex_string(char32_t quote);
  Token lex_raw_string();
  bool lex_escape(char32_t quote, Token& out);
  Token lex_number_or_duration();
  Token lex_keyword_or_identifier();
  Token lex_identifier();
  bool scan_number();
  bool accept_remaining_duration();
  // Inside brackets: step/range/min_of/max_of. Consumes the word; false if it is none of them.
  bool scan_duration_keyword(Tok& kind);

  std::string_view input_;
  uint32_t pos_ = 0;
  uint32_t start_ = 0;
  uint32_t width_ = 0;
  State state_ = State::statements;
  int paren_depth_ = 0;
  bool brace_open_ = false;
  bool bracket_open_ = false;
  bool got_colon_ = false;
  bool got_duration_ = false;
  std::string error_;
};

}  // namespace mlmon::promql
