// The UTF-8 matcher syntax (Alertmanager's matcher/parse): a small lexer and a state machine that
// accept `{name="value", ...}` with quoted or unquoted names and values. Error texts and their
// "start:end" rune columns follow Alertmanager's, because users see them in its logs.
#include <optional>
#include <string>

#include "alertmanager/duration.hpp"
#include "alertmanager/labels.hpp"
#include "alertmanager/matcher.hpp"
#include "core/go_quote.hpp"
#include "core/result.hpp"
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
  Result<Token> scan() {
    if (peeked_) {
      Token t = std::move(*peeked_);
      peeked_.reset();
      return t;
    }
    return scan_next();
  }

  Result<Token> peek() {
    if (!peeked_) peeked_ = MLMON_TRY(scan_next());
    return *peeked_;
  }

  // Drops the token peek() returned.
  void skip_peeked() { peeked_.reset(); }

  // Whether the token peek() returned is the end of input (false after a lexer error).
  bool peeked_end() const { return peeked_ && peeked_->is_eof(); }

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
  // Alertmanager's lexer keeps its first error and returns it from then on.
  std::unexpected<Error> failure(std::string message) {
    error_ = message;
    return fail(std::move(message));
  }

  Result<Token> scan_next() {
    if (!error_.empty()) return fail(error_);
    for (;;) {
      start_ = pos_;
      col_start_ = col_;
      const char32_t r = next();
      if (r == kEof) return Token{};
      switch (r) {
        case '{': return emit(TokenKind::OpenBrace);
        case '}': return emit(TokenKind::CloseBrace);
        case ',': return emit(TokenKind::Comma);
        case '=':
        case '!': rewind(); return scan_operator();
        case '"': rewind(); return scan_quoted();
        default: break;
      }
      if (!is_reserved_in_matchers(r)) {
        rewind();
        return scan_unquoted();
      }
      if (unicode::is_space(r)) continue;
      return failure(std::to_string(col_start_) + ":" + std::to_string(col_) + ": " +
                     std::string(input_.substr(start_, pos_ - start_)) + ": invalid input");
    }
  }

  bool accept(char32_t want) {
    const char32_t r = next();
    if (r == want) return true;
    if (r != kEof) rewind();
    return false;
  }

  std::unexpected<Error> expect_failure(std::string_view valid) {
    const int before = col_;
    const std::size_t at = pos_;
    const char32_t r = next();
    const std::string where = std::to_string(col_start_) + ":" + std::to_string(before) + ": ";
    if (r == kEof) return failure(where + "unexpected end of input, expected one of '" + std::string(valid) + "'");
    return failure(where + std::string(input_.substr(at, pos_ - at)) + ": expected one of '" + std::string(valid) +
                   "'");
  }

  Result<Token> scan_operator() {
    if (accept('!')) {
      if (accept('=')) return emit(TokenKind::NotEquals);
      if (accept('~')) return emit(TokenKind::NotMatches);
      return expect_failure("=~");
    }
    if (accept('=')) {
      if (accept('~')) return emit(TokenKind::Matches);
      return emit(TokenKind::Equals);
    }
    return expect_failure("!=");
  }

  Result<Token> scan_quoted() {
    next();  // the opening quote
    bool escaped = false;
    for (char32_t r = next(); r != kEof; r = next()) {
      if (escaped) escaped = false;
      else if (r == '\\') escaped = true;
      else if (r == '"') return emit(TokenKind::Quoted);
    }
    return failure(std::to_string(col_start_) + ":" + std::to_string(col_) + ": " +
                   std::string(input_.substr(start_, pos_ - start_)) + ": missing end \"");
  }

  Token scan_unquoted() {
    for (char32_t r = next(); r != kEof; r = next()) {
      if (is_reserved_in_matchers(r)) {
        rewind();
        break;
      }
    }
    return emit(TokenKind::Unquoted);
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

// A name or value as written: a quoted token unquoted as Go does; nothing if that fails.
std::optional<std::string> unquote_token(const Token& t) {
  if (t.kind != TokenKind::Quoted) return t.value;
  std::string out;
  if (!mlmon::go::unquote(t.value, out)) return std::nullopt;
  return out;
}

std::string span(const Token& t) { return std::to_string(t.col_start) + ":" + std::to_string(t.col_end); }

class Parser {
 public:
  explicit Parser(std::string_view input) : lexer_(input) {}

  MatchersParse run() {
    MatchersParse result;
    if (Result<void> parsed = parse(); !parsed) {
      result.error = std::move(parsed.error().message);
      return result;
    }
    result.matchers = std::move(matchers_);
    return result;
  }

 private:
  enum class State { OpenBrace, CloseBrace, Matcher, EndOfMatcher, Comma, Eof, Done };

  // expectPeek: the next token if it is one of `kinds`; "end of input" (then lexer_.peeked_end())
  // or "a:b: unexpected X".
  Result<Token> expect_peek(std::initializer_list<TokenKind> kinds) {
    Token t = MLMON_TRY(lexer_.peek());
    if (t.is_eof()) return fail("end of input");
    for (const TokenKind k : kinds) {
      if (t.kind == k) return t;
    }
    return fail(span(t) + ": unexpected " + t.value);
  }
  Result<Token> expect(std::initializer_list<TokenKind> kinds) {
    Token t = MLMON_TRY(expect_peek(kinds));
    lexer_.skip_peeked();
    return t;
  }

  // The suffix Alertmanager's parser adds to the error of the step that failed.
  static std::unexpected<Error> fail_with(const Error& error, std::string_view expected) {
    return fail(error.message + ": " + std::string(expected));
  }

  Result<void> parse() {
    State state = State::OpenBrace;
    // Every iteration consumes input or moves to a later state: bounded by the input length.
    while (state != State::Done) {
      switch (state) {
        case State::OpenBrace: {
          Token t = MLMON_TRY(lexer_.peek());
          if (t.is_eof()) {
            state = State::Eof;
            break;
          }
          if (t.kind == TokenKind::OpenBrace) {
            has_open_brace_ = true;
            lexer_.skip_peeked();
          }
          t = MLMON_TRY(lexer_.peek());
          state = t.is_eof() || t.kind == TokenKind::CloseBrace ? State::CloseBrace : State::Matcher;
          break;
        }
        case State::CloseBrace: {
          const Result<Token> got = expect({TokenKind::CloseBrace});
          if (has_open_brace_ && !got) {
            return fail("0:" + std::to_string(lexer_.column()) + ": " + got.error().message + ": expected close brace");
          }
          if (!has_open_brace_ && got) {
            return fail("0:" + std::to_string(lexer_.column()) + ": }: expected opening brace");
          }
          state = State::Eof;
          break;
        }
        case State::Matcher: {
          const Result<Token> name_token = expect({TokenKind::Quoted, TokenKind::Unquoted});
          if (!name_token) return fail_with(name_token.error(), "expected label name");
          std::optional<std::string> name = unquote_token(*name_token);
          if (!name) return fail(span(*name_token) + ": " + name_token->value + ": invalid input");
          const Result<Token> op =
              expect({TokenKind::Equals, TokenKind::NotEquals, TokenKind::Matches, TokenKind::NotMatches});
          if (!op) return fail_with(op.error(), "expected an operator such as '=', '!=', '=~' or '!~'");
          const MatchType type = op->kind == TokenKind::Equals      ? MatchType::Equal
                                 : op->kind == TokenKind::NotEquals ? MatchType::NotEqual
                                 : op->kind == TokenKind::Matches   ? MatchType::Regexp
                                                                    : MatchType::NotRegexp;
          const Result<Token> value_token = expect({TokenKind::Unquoted, TokenKind::Quoted});
          if (!value_token) return fail_with(value_token.error(), "expected label value");
          std::optional<std::string> value = unquote_token(*value_token);
          if (!value) return fail(span(*value_token) + ": " + value_token->value + ": invalid input");
          auto m = Matcher::make(type, std::move(*name), std::move(*value));
          if (!m) return fail("failed to create matcher: " + m.error().message);
          matchers_.push_back(std::move(*m));
          state = State::EndOfMatcher;
          break;
        }
        case State::EndOfMatcher: {
          const Result<Token> t = expect_peek({TokenKind::Comma, TokenKind::CloseBrace});
          if (!t) {
            if (!lexer_.peeked_end()) return fail_with(t.error(), "expected a comma or close brace");
            state = State::CloseBrace;
            break;
          }
          state = t->kind == TokenKind::Comma ? State::Comma : State::CloseBrace;
          break;
        }
        case State::Comma: {
          if (const Result<Token> comma = expect({TokenKind::Comma}); !comma) {
            return fail_with(comma.error(), "expected a comma");
          }
          const Result<Token> t = expect_peek({TokenKind::CloseBrace, TokenKind::Unquoted, TokenKind::Quoted});
          if (!t) {
            if (!lexer_.peeked_end()) return fail_with(t.error(), "expected a matcher or close brace after comma");
            state = State::CloseBrace;
            break;
          }
          state = t->kind == TokenKind::CloseBrace ? State::CloseBrace : State::Matcher;
          break;
        }
        case State::Eof: {
          const Result<Token> t = lexer_.scan();
          if (!t) return fail_with(t.error(), "expected end of input");
          if (!t->is_eof()) return fail(span(*t) + ": " + t->value + ": expected end of input");
          state = State::Done;
          break;
        }
        case State::Done: break;
      }
    }
    return {};
  }

  Lexer lexer_;
  bool has_open_brace_ = false;
  Matchers matchers_;
};

}  // namespace

MatchersParse parse_matchers_utf8(std::string_view input) { return Parser(input).run(); }

}  // namespace mlmon::alertmanager
