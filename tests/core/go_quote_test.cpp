// Go's %q, %.Nq and %#U, as the messages of Prometheus, Alertmanager and text/template print them,
// and strconv.Unquote as they read string literals.
#include "core/go_quote.hpp"

#include <doctest/doctest.h>

#include <string>

#include "core/unicode.hpp"

namespace mlmon::go {

TEST_CASE("go::quote is strconv.Quote") {
  CHECK(quote("expr") == "\"expr\"");
  CHECK(quote("") == "\"\"");
  CHECK(quote("a\"b\\c\n\t") == "\"a\\\"b\\\\c\\n\\t\"");
  CHECK(quote(std::string("\x01\x7f\a\b\f\r\v", 7)) == "\"\\x01\\x7f\\a\\b\\f\\r\\v\"");
  CHECK(quote(std::string("nul\0", 4)) == "\"nul\\x00\"");
  CHECK(quote("caf\xC3\xA9 \xE2\x98\xBA \xF0\x9F\x94\xA5") == "\"caf\xC3\xA9 \xE2\x98\xBA \xF0\x9F\x94\xA5\"");
  // Bytes that are not UTF-8 (a stray continuation, a truncated sequence, an overlong form, a surrogate).
  CHECK(quote("bad\xFF") == "\"bad\\xff\"");
  CHECK(quote("\x80x") == "\"\\x80x\"");
  CHECK(quote("\xE2\x98") == "\"\\xe2\\x98\"");
  CHECK(quote("\xC0\xAF") == "\"\\xc0\\xaf\"");
  CHECK(quote("\xED\xA0\x80") == "\"\\xed\\xa0\\x80\"");
  // Printable means letters, marks, numbers, punctuation, symbols and the ASCII space only.
  CHECK(quote("\xC2\xA0") == "\"\\u00a0\"");              // no-break space
  CHECK(quote("\xE2\x80\x83") == "\"\\u2003\"");          // em space
  CHECK(quote("\xE2\x80\x8B") == "\"\\u200b\"");          // zero-width space
  CHECK(quote("\xE2\x80\xA8") == "\"\\u2028\"");          // line separator
  CHECK(quote("\xEF\xBB\xBF") == "\"\\ufeff\"");          // byte order mark
  CHECK(quote("\xC2\x85") == "\"\\u0085\"");              // C1 control
  CHECK(quote("\xF3\xB0\x80\x80") == "\"\\U000f0000\"");  // private use plane
}

TEST_CASE("go::quote with max_runes is %.Nq") {
  CHECK(quote("\"http.requests\"", 10) == "\"\\\"http.requ\"");
  CHECK(quote("caf\xC3\xA9s", 4) == "\"caf\xC3\xA9\"");
  CHECK(quote("ab", 10) == "\"ab\"");
  CHECK(quote("ab", 0) == "\"\"");
}

TEST_CASE("go::quote_rune is strconv.QuoteRune; go::unicode_verb is %#U") {
  CHECK(quote_rune('a') == "'a'");
  CHECK(quote_rune('\'') == "'\\''");
  CHECK(quote_rune('"') == "'\"'");
  CHECK(quote_rune('\n') == "'\\n'");
  CHECK(quote_rune(0x2028) == "'\\u2028'");
  CHECK(quote_rune(static_cast<char32_t>(-1)) == "'\xEF\xBF\xBD'");  // end of input, as the lexers pass it
  CHECK(quote_rune(0xD800) == "'\xEF\xBF\xBD'");
  CHECK(unicode_verb('c') == "U+0063 'c'");
  CHECK(unicode_verb('\n') == "U+000A");
  CHECK(unicode_verb(0x263A) == "U+263A '\xE2\x98\xBA'");
  CHECK(unicode_verb(0x1F525) == "U+1F525 '\xF0\x9F\x94\xA5'");
}

namespace {

// "ERR" for invalid syntax, else the value.
std::string unquoted(std::string_view literal, LiteralRules rules = LiteralRules::go) {
  std::string out = "left over";
  return unquote(literal, out, rules) ? out : "ERR";
}

}  // namespace

TEST_CASE("go::unquote is strconv.Unquote, or Prometheus's strutil.Unquote") {
  CHECK(unquoted(R"("a\tb\"c\\")") == "a\tb\"c\\");
  CHECK(unquoted(R"("\a\b\f\n\r\v")") == "\a\b\f\n\r\v");
  CHECK(unquoted(R"("\x41\101\u00e9\U0001F600")") == "AA\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(unquoted(R"("\xff")") == "\xFF");  // \x is one byte, UTF-8 or not
  CHECK(unquoted("\"\"") == "");
  CHECK(unquoted("\"caf\xC3\xA9\"") == "caf\xC3\xA9");
  CHECK(unquoted("\"a\xFF"
                 "b\"") ==
        "a\xEF\xBF\xBD"
        "b");  // a byte that is not UTF-8 becomes U+FFFD

  // Invalid syntax.
  for (const char* bad : {R"("\q")", R"("\x4")", R"("\x4g")", R"("\ud800")", R"("\U00110000")", R"("\400")", R"("\12")",
                          R"("\'")", R"("a"b")", "\"a\nb\"", R"("\")", "\"", "", "'a'", "x", "\"a'"}) {
    CAPTURE(bad);
    CHECK(unquoted(bad) == "ERR");
  }

  // Raw strings: Go drops carriage returns, Prometheus keeps them.
  CHECK(unquoted("`a\\n\rb`") == "a\\nb");
  CHECK(unquoted("`a\\n\rb`", LiteralRules::promql) == "a\\n\rb");
  CHECK(unquoted("`a`b`") == "ERR");

  // Single-quoted strings are PromQL's only; there `\'` is an escape and `\"` is not.
  CHECK(unquoted(R"('it\'s "x"')", LiteralRules::promql) == "it's \"x\"");
  CHECK(unquoted(R"('\"')", LiteralRules::promql) == "ERR");
  CHECK(unquoted(R"('it\'s')") == "ERR");
}

TEST_CASE("go::unquote_char reads one character or escape, as text/template checks a char constant") {
  const std::string_view text = "'\xC3\xA9'";
  std::size_t i = 1;
  std::string out;
  REQUIRE(unquote_char(text, i, '\'', &out));
  CHECK(out == "\xC3\xA9");
  CHECK(i == 3);  // the whole character, not one byte of it
  i = 1;
  CHECK_FALSE(unquote_char("''", i, '\'', nullptr));  // the quote itself must be escaped
  i = 1;
  CHECK(unquote_char(R"('\n')", i, '\'', nullptr));
  CHECK(i == 3);
}

}  // namespace mlmon::go

namespace mlmon::unicode {

TEST_CASE("unicode::valid_utf8 is utf8.ValidString") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("job"));
  CHECK(valid_utf8("caf\xC3\xA9 \xE2\x98\xBA \xF0\x9F\x94\xA5"));
  CHECK(valid_utf8("\xEF\xBF\xBD"));                // U+FFFD itself
  CHECK(valid_utf8("\xF4\x8F\xBF\xBF"));            // U+10FFFF
  CHECK_FALSE(valid_utf8("\x80"));                  // a stray continuation byte
  CHECK_FALSE(valid_utf8("a\xC3"));                 // truncated
  CHECK_FALSE(valid_utf8("\xC0\xAF"));              // overlong
  CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));          // overlong
  CHECK_FALSE(valid_utf8("\xED\xA0\x80"));          // a surrogate
  CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  CHECK_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));  // no 5-byte forms
}

}  // namespace mlmon::unicode
