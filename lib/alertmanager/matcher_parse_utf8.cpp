// The UTF-8 matcher syntax (Alertmanager's matcher/parse): a small lexer and a state machine that
// accept `{name="value", ...}` with quoted or unquoted names and values. Error texts and their
// "start:end" rune columns follow Alertmanager's, because users see them in its logs.
#include <optional>
#include <string>

#include "alertmanager/duration.hpp"
#include "alertmanager/labels.hpp"
#include "alertmanager/matcher.hpp"
#include "core/go_quote.hpp"
#include "core/unicode.hpp"

namespace mlmon::alertmanager {

bool is_reserved_in_matchers(char32_t r) {
  if (unicode::is_space(r)) return true;
  switch (r) {
    case '{':
    case '}':
    case '!':
    case '=':
    case '~':
    case ',':
    case '\\':
    case '"':
    case '\'':
    case '`': return true;
    default: return false;
  }
}

namespace {

enum class TokenKind { None, OpenBrace, CloseBrace, Comma, Equals, NotEquals, Matches, NotMatches, Quoted, Unquoted };

struct Token {
  TokenKind kind = TokenKind::None;
  std::string value;
  int col_start = 0;
  int col_end = 0;
  bool is_eof() const { return kind == TokenKind::None; }
};

constexpr char32_t kEof = static_cast<char32_t>(-1);

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  // The next token (None at the end of input), or an error, which then repeats forever.
  bool scan(Token& out, std::string& error) {
    if (peeked_) {
      out = std::move(*peeked_);
      peeked_.reset();
      return true;
    }
    return scan_next(out, error);
  }

  bool peek(Token& out, std::string& error) {
    if (!peeked_) {
      Token t;
      if (!scan_next(t, error)) return false;
      peeked_ = std::move(t);
    }
    out = *peeked_;
    return true;
  }

  int column() const { return col_; }

 private:
  char32_t next() {
    if (pos_ >= input_.size()) return kEof;
    const auto c = static_cast<unsigned char>(input_[pos_]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (pos_ + len > input_.size()) len = 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(input_[pos_ + k]) & 0x3F);
    last_width_ = len;
    pos_ += len;
    ++col_;
    return cp;
  }
  void rewind() {
    pos_ -= last_width_;
    --col_;
  }
  Token emit(TokenKind kind) {
    Token t{kind, std::string(input_.substr(start_, pos_ - start_)), col_start_, col_};
    return t;
  }
  bool fail(std::string message, std::string& error) {
    error_ = std::move(message);
    error = error_;
    return false;
  }

  bool scan_next(Token& out, std::string& error) {
    if (!error_.empty()) {
      error = error_;
      return false;
    }
    for (;;) {
      start_ = pos_;
      col_start_ = col_;
      const char32_t r = next();
      if (r == kEof) {
        out = Token{};
        return true;
      }
      switch (r) {
        case '{': out = emit(TokenKind::OpenBrace); return true;
        case '}': out = emit(TokenKind::CloseBrace); return true;
        case ',': out = emit(TokenKind::Comma); return true;
        case '=':
        case '!': rewind(); return scan_operator(out, error);
        case '"': rewind(); return scan_quoted(out, error);
        default: break;
      }
      if (!is_reserved_in_matchers(r)) {
        rewind();
        return scan_unquoted(out);
      }
      if (unicode::is_space(r)) continue;
      return fail(std::to_string(col_start_) + ":" + std::to_string(col_) + ": " +
                      std::string(input_.substr(start_, pos_ - start_)) + ": invalid input",
                  error);
    }
  }

  bool accept(char32_t want) {
    const char32_t r = next();
    if (r == want) return true;
    if (r != kEof) rewind();
    return false;
  }

  bool expect_failure(std::string_view valid, std::string& error) {
    const int before = col_;
    const std::size_t at = pos_;
    const char32_t r = next();
    const std::string where = std::to_string(col_start_) + ":" + std::to_string(before) + ": ";
    if (r == kEof) return fail(where + "unexpected end of input, expected one of '" + std::string(valid) + "'", error);
    return fail(where + std::string(input_.substr(at, pos_ - at)) + ": expected one of '" + std::string(valid) + "'",
                error);
  }

  bool scan_operator(Token& out, std::string& error) {
    if (accept('!')) {
      if (accept('=')) return out = emit(TokenKind::NotEquals), true;
      if (accept('~')) return out = emit(TokenKind::NotMatches), true;
      return expect_failure("=~", error);
    }
    if (accept('=')) {
      if (accept('~')) return out = emit(TokenKind::Matches), true;
      return out = emit(TokenKind::Equals), true;
    }
    return expect_failure("!=", error);
  }

  bool scan_quoted(Token& out, std::string& error) {
    next();  // the opening quote
    bool escaped = false;
    for (char32_t r = next(); r != kEof; r = next()) {
      if (escaped) escaped = false;
      else if (r == '\\') escaped = true;
      else if (r == '"') return out = emit(TokenKind::Quoted), true;
    }
    return fail(std::to_string(col_start_) + ":" + std::to_string(col_) + ": " +
                    std::string(input_.substr(start_, pos_ - start_)) + ": missing end \"",
                error);
  }

  bool scan_unquoted(Token& out) {
    for (char32_t r = next(); r != kEof; r = next()) {
      if (is_reserved_in_matchers(r)) {
        rewind();
        break;
      }
    }
    out = emit(TokenKind::Unquoted);
    return true;
  }

  std::string_view input_;
  std::size_t pos_ = 0;
  std::size_t start_ = 0;
  std::size_t last_width_ = 1;
  int col_ = 0;
  int col_start_ = 0;
  std::optional<Token> peeked_;
  std::string error_;
};

bool unquote_token(const Token& t, std::string& out) {
  if (t.kind == TokenKind::Quoted) return mlmon::go::unquote(t.value, out);
  out = t.value;
  return true;
}

std::string span(const Token& t) { return std::to_string(t.col_start) + ":" + std::to_string(t.col_end); }

class Parser {
 public:
  explicit Parser(std::string_view input) : lexer_(input) {}

  MatchersParse run() {
    MatchersParse result;
    if (!parse(result.error)) {
      result.matchers.clear();
      return result;
    }
    result.matchers = std::move(matchers_);
    return result;
  }

 private:
  enum class State { OpenBrace, CloseBrace, Matcher, EndOfMatcher, Comma, Eof, Done };

  // expectPeek: the next token if it is one of `kinds`; "end of input" or "a:b: unexpected X".
  bool expect_peek(std::initializer_list<TokenKind> kinds, Token& t, std::string& error, bool& eof) {
    eof = false;
    if (!lexer_.peek(t, error)) return false;
    if (t.is_eof()) {
      eof = true;
      error = "end of input";
      return false;
    }
    for (const TokenKind k : kinds) {
      if (t.kind == k) return true;
    }
    error = span(t) + ": unexpected " + t.value;
    return false;
  }
  bool expect(std::initializer_list<TokenKind> kinds, Token& t, std::string& error, bool& eof) {
    if (!expect_peek(kinds, t, error, eof)) return false;
    std::string ignored;
    lexer_.scan(t, ignored);
    return true;
  }

  bool parse(std::string& error) {
    State state = State::OpenBrace;
    bool eof = false;
    Token t;
    // Every iteration consumes input or moves to a later state: bounded by the input length.
    while (state != State::Done) {
      switch (state) {
        case State::OpenBrace: {
          if (!lexer_.peek(t, error)) return false;
          if (t.is_eof()) {
            state = State::Eof;
            break;
          }
          if (t.kind == TokenKind::OpenBrace) {
            has_open_brace_ = true;
            lexer_.scan(t, error);
          }
          if (!lexer_.peek(t, error)) return false;
          state = t.is_eof() || t.kind == TokenKind::CloseBrace ? State::CloseBrace : State::Matcher;
          break;
        }
        case State::CloseBrace: {
          const bool got = expect({TokenKind::CloseBrace}, t, error, eof);
          if (has_open_brace_ && !got) {
            error = "0:" + std::to_string(lexer_.column()) + ": " + error + ": expected close brace";
            return false;
          }
          if (!has_open_brace_ && got) {
            error = "0:" + std::to_string(lexer_.column()) + ": }: expected opening brace";
            return false;
          }
          error.clear();
          state = State::Eof;
          break;
        }
        case State::Matcher: {
          if (!expect({TokenKind::Quoted, TokenKind::Unquoted}, t, error, eof)) {
            error += ": expected label name";
            return false;
          }
          std::string name;
          if (!unquote_token(t, name)) {
            error = span(t) + ": " + t.value + ": invalid input";
            return false;
          }
          if (!expect({TokenKind::Equals, TokenKind::NotEquals, TokenKind::Matches, TokenKind::NotMatches}, t, error,
                      eof)) {
            error += ": expected an operator such as '=', '!=', '=~' or '!~'";
            return false;
          }
          const MatchType type = t.kind == TokenKind::Equals      ? MatchType::Equal
                                 : t.kind == TokenKind::NotEquals ? MatchType::NotEqual
                                 : t.kind == TokenKind::Matches   ? MatchType::Regexp
                                                                  : MatchType::NotRegexp;
          if (!expect({TokenKind::Unquoted, TokenKind::Quoted}, t, error, eof)) {
            error += ": expected label value";
            return false;
          }
          std::string value;
          if (!unquote_token(t, value)) {
            error = span(t) + ": " + t.value + ": invalid input";
            return false;
          }
          auto m = Matcher::make(type, std::move(name), std::move(value));
          if (!m) {
            error = "failed to create matcher: " + m.error().message;
            return false;
          }
          matchers_.push_back(std::move(*m));
          state = State::EndOfMatcher;
          break;
        }
        case State::EndOfMatcher: {
          if (!expect_peek({TokenKind::Comma, TokenKind::CloseBrace}, t, error, eof)) {
            if (eof) {
              error.clear();
              state = State::CloseBrace;
              break;
            }
            error += ": expected a comma or close brace";
            return false;
          }
          state = t.kind == TokenKind::Comma ? State::Comma : State::CloseBrace;
          break;
        }
        case State::Comma: {
          if (!expect({TokenKind::Comma}, t, error, eof)) {
            error += ": expected a comma";
            return false;
          }
          if (!expect_peek({TokenKind::CloseBrace, TokenKind::Unquoted, TokenKind::Quoted}, t, error, eof)) {
            if (eof) {
              error.clear();
              state = State::CloseBrace;
              break;
            }
            error += ": expected a matcher or close brace after comma";
            return false;
          }
          state = t.kind == TokenKind::CloseBrace ? State::CloseBrace : State::Matcher;
          break;
        }
        case State::Eof: {
          if (!lexer_.scan(t, error)) {
            error += ": expected end of input";
            return false;
          }
          if (!t.is_eof()) {
            error = span(t) + ": " + t.value + ": expected end of input";
            return false;
          }
          state = State::Done;
          break;
        }
        case State::Done: break;
      }
    }
    return true;
  }

  Lexer lexer_;
  bool has_open_brace_ = false;
  Matchers matchers_;
};

}  // namespace

MatchersParse parse_matchers_utf8(std::string_view input) { return Parser(input).run(); }

}  // namespace mlmon::alertmanager
