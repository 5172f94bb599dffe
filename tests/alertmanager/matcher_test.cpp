#include "alertmanager/matcher.hpp"

#include <doctest/doctest.h>

using namespace mlmon::alertmanager;

namespace {

std::string utf8_error(std::string_view input) {
  MatchersParse p = parse_matchers_utf8(input);
  CHECK_FALSE(p.ok());
  return p.error;
}

std::string parsed(std::string_view input) {
  MatchersParse p = parse_matchers(input);
  REQUIRE_MESSAGE(p.ok(), p.error);
  return to_string(p.matchers);
}

}  // namespace

TEST_CASE("UTF-8 parser: accepted inputs") {
  CHECK(to_string(parse_matchers_utf8("foo=bar").matchers) == "{foo=\"bar\"}");
  CHECK(to_string(parse_matchers_utf8("{foo=\"bar\", baz=~\"q.*\"}").matchers) == "{foo=\"bar\",baz=~\"q.*\"}");
  CHECK(to_string(parse_matchers_utf8("{foo=\"bar\",}").matchers) == "{foo=\"bar\"}");
  CHECK(to_string(parse_matchers_utf8("\"service.name\"=\"foo\"").matchers) == "{service.name=\"foo\"}");
  CHECK(to_string(parse_matchers_utf8("foo=\"\\\\d+\"").matchers) == "{foo=\"\\\\d+\"}");
  CHECK(to_string(parse_matchers_utf8("foo=🙂").matchers) == "{foo=\"🙂\"}");
  CHECK(parse_matchers_utf8("").matchers.empty());
  CHECK(parse_matchers_utf8("{}").matchers.empty());
}

TEST_CASE("UTF-8 parser: Alertmanager's error texts") {
  CHECK(utf8_error(",") == "0:1: unexpected ,: expected label name");
  CHECK(utf8_error("{") == "0:1: end of input: expected close brace");
  CHECK(utf8_error("}") == "0:1: }: expected opening brace");
  CHECK(utf8_error("{foo=bar}}") == "9:10: }: expected end of input");
  CHECK(utf8_error("severity") == "end of input: expected an operator such as '=', '!=', '=~' or '!~'");
  CHECK(utf8_error("{foo=bar baz}") == "9:12: unexpected baz: expected a comma or close brace");
  CHECK(utf8_error("foo=\"bar\\w\"") == "4:11: \"bar\\w\": invalid input");
  CHECK(utf8_error("foo=\"bar") == "4:8: \"bar: missing end \": expected label value");
  CHECK(utf8_error("foo!bar") == "3:4: b: expected one of '=~': expected an operator such as '=', '!=', '=~' or '!~'");
  CHECK(utf8_error("foo=~\"(\"") == "failed to create matcher: error parsing regexp: missing closing ): `^(?:()$`");
  CHECK(utf8_error("foo=bar\\") == "7:8: \\: invalid input: expected a comma or close brace");
}

TEST_CASE("classic parser") {
  MatchersParse p = parse_matchers_classic("{foo = \"bar\", dings != \"bums\", }");
  REQUIRE(p.ok());
  CHECK(to_string(p.matchers) == "{foo=\"bar\",dings!=\"bums\"}");
  CHECK(parse_matchers_classic("severity").error == "bad matcher format: severity");
  CHECK(parse_matchers_classic("foo=\"bar\"baz\"").error ==
        "matcher value contains unescaped double quote: \"bar\"baz\"");
  CHECK(parse_matchers_classic("foo=~\"(foo\"").error == "error parsing regexp: missing closing ): `^(?:(foo)$`");
  CHECK(to_string(parse_matchers_classic("foo=bar=baz").matchers) == "{foo=\"bar=baz\"}");
}

TEST_CASE("fallback mode: UTF-8 first, classic when only it accepts") {
  CHECK(parsed("severity=\"critical\"") == "{severity=\"critical\"}");
  MatchersParse p = parse_matchers("foo=~bar=baz");
  REQUIRE(p.ok());
  CHECK(p.classic_only);
  CHECK(p.suggestion == "foo=~\"bar=baz\"");
  CHECK(to_string(p.matchers) == "{foo=~\"bar=baz\"}");
  CHECK(parse_matchers("severity").error == "bad matcher format: severity");
  CHECK(parse_matchers("foo=\"bar\"baz\"").error == "matcher value contains unescaped double quote: \"bar\"baz\"");
  CHECK(parse_matchers("foo=~\"(foo\"").error == "error parsing regexp: missing closing ): `^(?:(foo)$`");
}

TEST_CASE("single matcher (amtool label arguments)") {
  CHECK(parse_matcher("{team=\"db\"}").error == "unexpected open or close brace: {team=\"db\"}");
  MatchersParse p = parse_matcher("team=db,severity=critical");
  REQUIRE(p.ok());
  CHECK(p.matchers.front().value == "db,severity=critical");
  CHECK(parse_matcher("service.name=foo").matchers.front().name == "service.name");
  CHECK(parse_matcher("severity").error == "bad matcher format: severity");
  CHECK(parse_matcher("severity=~crit").matchers.front().type == MatchType::Regexp);
}

TEST_CASE("matching is anchored; absent labels are empty") {
  MatchersParse p = parse_matchers("severity=~\"crit\"");
  REQUIRE(p.ok());
  CHECK_FALSE(matches(p.matchers, {{"severity", "critical"}}));
  CHECK(matches(p.matchers, {{"severity", "crit"}}));
  MatchersParse ne = parse_matchers("team!=\"x\"");
  CHECK(matches(ne.matchers, {}));
}

TEST_CASE("regex errors use Go's words") {
  auto error = [](std::string_view pattern) {
    const auto re = AnchoredRegex::compile(pattern);
    CHECK_FALSE(re.has_value());
    return re ? std::string() : re.error().message;
  };
  CHECK(error("^(foo|bar") == "error parsing regexp: missing closing ): `^(?:^(foo|bar)$`");
  CHECK(error("[crit") == "error parsing regexp: missing closing ]: `[crit)$`");
  CHECK(error("a**") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(AnchoredRegex::compile("(?<name>a)").has_value());
}

TEST_CASE("sorting and printing") {
  MatchersParse p = parse_matchers("{service!~\"canary-.*\",severity!=\"info\"}");
  sort_matchers(p.matchers);
  CHECK(to_string(p.matchers) == "{service!~\"canary-.*\",severity!=\"info\"}");
  auto made = Matcher::make(MatchType::Equal, "a", "x\"y\\z\n");
  REQUIRE(made.has_value());
  Matcher m = *made;
  CHECK(m.to_string() == "a=\"x\\\"y\\\\z\\n\"");

  // Found by fuzzing: as Alertmanager's String(), a name is quoted only when it holds a character
  // the UTF-8 parser reserves, so what the classic parser reads (`tier:`) prints as it reads back.
  p = parse_matchers_classic("tier:=~\"2|3\"");
  REQUIRE(p.ok());
  CHECK(to_string(p.matchers) == "{tier:=~\"2|3\"}");
  CHECK(parse_matchers_classic(to_string(p.matchers)).ok());
  m = Matcher::make(MatchType::Equal, "service.name", "x").value();
  CHECK(m.to_string() == "service.name=\"x\"");
  m = Matcher::make(MatchType::NotEqual, "\xC3\xA9t\xC3\xA9", "x").value();
  CHECK(m.to_string() == "\xC3\xA9t\xC3\xA9!=\"x\"");
  // As in Alertmanager, an empty quoted name parses and prints bare, which does not parse back.
  p = parse_matchers_utf8("\"\"=r");
  REQUIRE(p.ok());
  CHECK(to_string(p.matchers) == "{=\"r\"}");
  CHECK_FALSE(parse_matchers_utf8(to_string(p.matchers)).ok());
  for (const char* name : {"a b", "a{", "a}", "a!", "a=", "a~", "a,", "a\\", "a\"", "a'", "a`", "a\xC2\xA0"}) {
    m = Matcher::make(MatchType::Equal, name, "x").value();
    CHECK(m.to_string().starts_with('"'));
  }
}
