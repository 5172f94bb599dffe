// The lexer's token stream, which decides keyword/identifier and number/duration boundaries.
#include "promql/lexer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mlmon::promql;

namespace {

std::vector<std::string> lex(std::string_view input) {
  Lexer lexer(input);
  std::vector<std::string> out;
  for (int i = 0; i < 100; ++i) {
    const Token t = lexer.next();
    if (t.kind == Tok::eof) break;
    if (t.kind == Tok::error) {
      out.push_back("ERROR@" + std::to_string(t.begin) + ":" + std::string(t.error));
      break;
    }
    out.push_back(describe_token(t.kind, input.substr(t.begin, t.end - t.begin)));
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("lexer: tokens and their descriptions") {
  CHECK(lex("sum by (job) (rate(x[5m]))") == V{"<aggr:sum>", "<by>", "\"(\"", "identifier \"job\"", "\")\"", "\"(\"",
                                               "identifier \"rate\"", "\"(\"", "identifier \"x\"", "\"[\"",
                                               "duration \"5m\"", "\"]\"", "\")\"", "\")\""});
  CHECK(lex("a:b OFFSET 1h30m") == V{"metric identifier \"a:b\"", "<OFFSET>", "duration \"1h30m\""});
  CHECK(lex("x == bool 1e3") == V{"identifier \"x\"", "<op:==>", "<bool>", "number \"1e3\""});
  CHECK(lex("Inf nan 0x1f .5 5.") ==
        V{"number \"Inf\"", "number \"nan\"", "number \"0x1f\"", "number \".5\"", "number \"5.\""});
  CHECK(lex("a @ start() </ >/") ==
        V{"identifier \"a\"", "<op:@>", "\"start\"", "\"(\"", "\")\"", "<op:</>", "<op:>/>"});
  CHECK(lex("{a=~\"x\",b!~'y',c!=`z`}") == V{"\"{\"", "identifier \"a\"", "<op:=~>", "string \"\\\"x\\\"\"", "\",\"",
                                             "identifier \"b\"", "<op:!~>", "string \"'y'\"", "\",\"",
                                             "identifier \"c\"", "<op:!=>", "string \"`z`\"", "\"}\""});
  CHECK(lex("\"a long string value\"") == V{"string \"\\\"a long st\"..."});
  CHECK(lex("x # comment\n+ y") == V{"identifier \"x\"", "<op:+>", "identifier \"y\""});
  CHECK(lex("foo[5m:1m]") == V{"identifier \"foo\"", "\"[\"", "duration \"5m\"", "\":\"", "duration \"1m\"", "\"]\""});
  CHECK(lex("foo[step()+min_of(1,2)]") == V{"identifier \"foo\"", "\"[\"", "\"step\"", "\"(\"", "\")\"", "<op:+>",
                                            "\"min_of\"", "\"(\"", "number \"1\"", "\",\"", "number \"2\"", "\")\"",
                                            "\"]\""});
}

TEST_CASE("lexer: errors and where they are reported") {
  CHECK(lex("a !b") == V{"identifier \"a\"", "ERROR@2:unexpected character after '!': 'b'"});
  CHECK(lex("a{b!c}") == V{"identifier \"a\"", "\"{\"", "identifier \"b\"",
                           "ERROR@3:unexpected character after '!' inside braces: 'c'"});
  CHECK(lex("x)") == V{"identifier \"x\"", "ERROR@2:unexpected right parenthesis ')'"});
  CHECK(lex("(x") == V{"\"(\"", "identifier \"x\"", "ERROR@2:unclosed left parenthesis"});
  CHECK(lex("x[5m") == V{"identifier \"x\"", "\"[\"", "duration \"5m\"", "ERROR@4:unclosed left bracket"});
  CHECK(lex("x[[") == V{"identifier \"x\"", "\"[\"", "ERROR@2:unexpected character in duration expression: '['"});
  CHECK(lex("x[:") ==
        V{"identifier \"x\"", "\"[\"", "ERROR@3:unexpected colon before duration in duration expression"});
  CHECK(lex("1_000_") == V{"ERROR@0:bad number or duration syntax: \"1_000_\""});
  CHECK(lex("5mx") == V{"ERROR@0:bad number or duration syntax: \"5mx\""});
  CHECK(lex("\"abc") == V{"ERROR@0:unterminated quoted string"});
  CHECK(lex("\"a\nb\"") == V{"ERROR@0:unterminated quoted string"});
  CHECK(lex("'\\400'") == V{"ERROR@0:escape sequence is an invalid Unicode code point"});
  CHECK(lex("'\\uD800'") == V{"ERROR@0:escape sequence is an invalid Unicode code point"});
  CHECK(lex("é") == V{"ERROR@0:unexpected character: 'é'"});
  CHECK(lex("$") == V{"ERROR@0:unexpected character: '$'"});
  CHECK(lex("x{y") ==
        V{"identifier \"x\"", "\"{\"", "identifier \"y\"", "ERROR@3:unexpected end of input inside braces"});
  CHECK(lex("x{{") == V{"identifier \"x\"", "\"{\"", "ERROR@2:unexpected left brace '{'"});
}
