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

private:
    enum class State : uint8_t { statements, inside_braces, duration_expr, done };

    // Go-style rune reading, so multi-byte characters appear in messages as Prometheus shows them.
    char32_t next_rune();
    char32_t peek_rune();
    void backup() { pos_ -= width_; }
    bool accept(std::string_view valid);
    bool is(std::string_view valid);
    void accept_run(std::string_view valid);

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
