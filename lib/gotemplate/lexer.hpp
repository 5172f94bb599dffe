#pragma once
// Go text/template's lexer (text/template/parse/lex.go), token for token, so that the parser
// sees exactly the items Go's parser sees and errors come out in the same order.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::gotemplate {

enum class TokenType : std::uint8_t {
  error,          // lexing failed; `message` says why
  boolean,        // true, false
  character,      // a printable ASCII character not otherwise used (grab bag for ',' etc.)
  char_constant,  // 'x'
  complex,        // 1+2i
  assign,         // =
  declare,        // :=
  eof,
  field,       // .Name
  identifier,  // a function name
  left_delim,  // {{
  left_paren,
  number,
  pipe,
  raw_string,   // `...`
  right_delim,  // }}
  right_paren,
  space,
  string,    // "..."
  text,      // text between actions
  variable,  // $, $name
  // Keywords; Go prints them as <name>.
  block,
  break_,
  continue_,
  dot,
  define,
  else_,
  end,
  if_,
  nil,
  range,
  template_,
  with,
};

bool is_keyword(TokenType type);

struct Token {
  TokenType type = TokenType::eof;
  std::size_t pos = 0;   // byte offset of the item, like Go's item.pos
  std::size_t line = 1;  // line of `pos`, like Go's item.line
  std::string_view val;  // the item's text (empty for errors)
  // Error tokens: Go's message, held by the lexer (a view: tokens are copied a lot, and only one
  // error is ever made). Valid while the lexer lives.
  std::string_view message;
  std::size_t error_offset = 0;  // error tokens: where the problem is (may differ from pos)
};

// Go's item.String(): how a token appears inside "unexpected X in Y".
std::string describe(const Token& token);

enum class LexerDialect : std::uint8_t {
  latest,  // Go 1.20+: a stray ')' is a lexer error "unexpected right paren"
  go1_19,  // Go 1.19 (Prometheus 2.42): ')' is emitted first, the parser then rejects it
};

class Lexer {
 public:
  Lexer(std::string_view input, LexerDialect dialect);
  Lexer(const Lexer&) = delete;  // tokens view error_message_
  Lexer& operator=(const Lexer&) = delete;
  Token next_item();

 private:
  char32_t next();
  char32_t peek();
  void backup();
  bool accept(std::string_view valid);
  void accept_run(std::string_view valid);
  bool at_terminator();
  struct RightDelim {
    bool found;
    bool trim;
  };
  RightDelim at_right_delim() const;

  Token make(TokenType type);
  Token fail(std::string message, std::size_t offset);
  std::size_t line_at(std::size_t pos);

  Token lex_text();
  Token lex_inside_action();
  Token lex_right_delim();
  Token lex_space();
  Token lex_identifier();
  Token lex_field_or_variable(TokenType type);
  Token lex_char();
  Token lex_number();
  bool scan_number();
  Token lex_quote();
  Token lex_raw_quote();

  std::string_view input_;
  LexerDialect dialect_;
  std::size_t pos_ = 0;
  std::size_t start_ = 0;
  bool at_eof_ = false;
  bool inside_action_ = false;
  bool failed_ = false;
  std::size_t action_start_ = 0;          // offset of the current action's {{
  std::vector<std::size_t> open_parens_;  // offsets of unclosed '(' in the current action
  // An error token queued behind the one being returned (at most one: lexing stops at an error).
  // Not a deque: a deque allocates when constructed, and a lexer is made per template.
  std::optional<Token> pending_;
  std::string error_message_;  // what the error token's message views
  std::size_t line_pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace mlmon::gotemplate
