// First error, message and byte position, for invalid input. The cases with a start offset come
// from Prometheus 3.x's own parser tests (promql/parser/parse_test.go), which list each expected
// error with its byte range; a few more were checked against promtool where syntax is unchanged.
#include <doctest/doctest.h>

#include <string>

#include "test_helpers.hpp"

using namespace mlmon::promql;

namespace {

struct ErrorCase {
  std::string input;
  uint32_t begin;
  std::string message;
};

// Prometheus's parser tests run with experimental functions and duration expressions enabled.
Features upstream_test_features() {
  Features f;
  f.experimental_functions = true;
  f.duration_expr = true;
  f.extended_range_selectors = true;
  return f;
}

void check_cases(const std::vector<ErrorCase>& cases, const Features& features) {
  for (const ErrorCase& c : cases) {
    ParseResult r = parse(c.input, features);
    INFO("input: " << c.input);
    REQUIRE(r.error.has_value());
    CHECK(r.error->message == c.message);
    CHECK(r.error->begin == c.begin);
  }
}

}  // namespace

TEST_CASE("errors: Prometheus parse_test.go cases") {
  const std::vector<ErrorCase> cases = {
      {"", 0, "no expression found in input"},
      {"# just a comment\n\n", 0, "no expression found in input"},
      {"1+", 2, "unexpected end of input"},
      {".", 0, "unexpected character: '.'"},
      {"2.5.", 0, "bad number or duration syntax: \"2.5.\""},
      {"100..4", 0, "bad number or duration syntax: \"100..\""},
      {"0deadbeef", 0, "bad number or duration syntax: \"0de\""},
      {"1 /", 3, "unexpected end of input"},
      {"*1", 0, "unexpected <op:*>"},
      {"(1))", 4, "unexpected right parenthesis ')'"},
      {"((1)", 4, "unclosed left parenthesis"},
      {std::string(309, '9'), 0,
       "error parsing number: strconv.ParseFloat: parsing \"" + std::string(309, '9') + "\": value out of range"},
      {"(", 1, "unclosed left parenthesis"},
      {"1 and 1", 0, "set operator \"and\" not allowed in binary scalar expression"},
      {"1 == 1", 2, "comparisons between scalars must use BOOL modifier"},
      {"1 or 1", 0, "set operator \"or\" not allowed in binary scalar expression"},
      {"1 unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"},
      {"1 !~ 1", 2, "unexpected character after '!': '~'"},
      {"1 =~ 1", 2, "unexpected character after '=': '~'"},
      {"-\"string\"", 0,
       "unary expression only allowed on expressions of type scalar or instant vector, got \"string\""},
      {"-test[5m]", 0,
       "unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""},
      {"*test", 0, "unexpected <op:*>"},
      {"@@", 0, "unexpected <op:@>"},
      {"1 offset 1d", 0,
       "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
      {"foo offset 1s offset 2s", 0, "offset may not be set multiple times"},
      {"a - on(b) ignoring(c) d", 10, "unexpected <ignoring>"},
      {"foo and 1", 0, "set operator \"and\" not allowed in binary scalar expression"},
      {"1 and foo", 0, "set operator \"and\" not allowed in binary scalar expression"},
      {"foo or 1", 0, "set operator \"or\" not allowed in binary scalar expression"},
      {"1 or foo", 0, "set operator \"or\" not allowed in binary scalar expression"},
      {"foo unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"},
      {"1 unless foo", 0, "set operator \"unless\" not allowed in binary scalar expression"},
      {"1 or on(bar) foo", 0, "vector matching only allowed between instant vectors"},
      {"foo == on(bar) 10", 0, "vector matching only allowed between instant vectors"},
      {"foo + group_left(baz) bar", 6, "unexpected <group_left>"},
      {"foo and on(bar) group_left(baz) bar", 0, "no grouping allowed for \"and\" operation"},
      {"foo and on(bar) group_right(baz) bar", 0, "no grouping allowed for \"and\" operation"},
      {"foo or on(bar) group_left(baz) bar", 0, "no grouping allowed for \"or\" operation"},
      {"foo unless on(bar) group_right(baz) bar", 0, "no grouping allowed for \"unless\" operation"},
      {"http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", 34,
       "label \"instance\" must not occur in ON and GROUP clause at once"},
      {"foo + bool bar", 4, "bool modifier can only be used on comparison operators"},
      {"foo + bool 10", 4, "bool modifier can only be used on comparison operators"},
      {"foo and bool 10", 4, "bool modifier can only be used on comparison operators"},
      {"foo @ +Inf", 0, "timestamp out of bounds for @ modifier: +Inf"},
      {"foo @ -Inf", 0, "timestamp out of bounds for @ modifier: -Inf"},
      {"foo @ NaN", 0, "timestamp out of bounds for @ modifier: NaN"},
      {"foo @ 9223372036854775808.000000", 0, "timestamp out of bounds for @ modifier: 9223372036854775808.000000"},
      {"foo @ -9223372036854775808.000000", 0, "timestamp out of bounds for @ modifier: -9223372036854775808.000000"},
      {"{", 1, "unexpected end of input inside braces"},
      {"}", 0, "unexpected character: '}'"},
      {"some{", 5, "unexpected end of input inside braces"},
      {"some}", 4, "unexpected character: '}'"},
      {"some_metric{a=b}", 14, "unexpected identifier \"b\" in label matching, expected string"},
      {"some_metric{a:b=\"b\"}", 13, "unexpected character inside braces: ':'"},
      {"foo{a*\"b\"}", 5, "unexpected character inside braces: '*'"},
      {"foo{a>=\"b\"}", 5, "unexpected character inside braces: '>'"},
      {"some_metric{a=\"\xff\"}", 14, "invalid UTF-8 rune"},
      {"foo{gibberish}", 13, "unexpected \"}\" in label matching, expected label matching operator"},
      {"foo{1}", 4, "unexpected character inside braces: '1'"},
      {"{}", 0, "vector selector must contain at least one non-empty matcher"},
      {"{x=\"\"}", 0, "vector selector must contain at least one non-empty matcher"},
      {"{x=~\".*\"}", 0, "vector selector must contain at least one non-empty matcher"},
      {"{x!~\".+\"}", 0, "vector selector must contain at least one non-empty matcher"},
      {"{x!=\"a\"}", 0, "vector selector must contain at least one non-empty matcher"},
      {"foo{__name__=\"bar\"}", 0, "metric name must not be set twice: \"foo\" or \"bar\""},
      {"foo{__name__= =}", 14, "unexpected \"=\" in label matching, expected string"},
      {"foo{,}", 4, "unexpected \",\" in label matching, expected identifier or \"}\""},
      {"foo{__name__ == \"bar\"}", 14, "unexpected \"=\" in label matching, expected string"},
      {"foo{__name__=\"bar\" lol}", 19, "unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""},
      {"foo{\"a\"=}", 8, "unexpected \"}\" in label matching, expected string"},
      {"foo[5mm]", 4, "bad number or duration syntax: \"5mm\""},
      {"foo[5m1]", 4, "bad number or duration syntax: \"5m1\""},
      {"foo[5m:1m1]", 7, "bad number or duration syntax: \"1m1\""},
      {"foo[5y1hs]", 4, "unknown unit \"hs\" in duration \"5y1hs\""},
      {"foo[5m1h]", 4, "not a valid duration string: \"5m1h\""},
      {"foo[5m1m]", 4, "not a valid duration string: \"5m1m\""},
      {"foo[0m]", 4, "duration must be greater than 0"},
      {"foo[\"5m\"]", 4, "unexpected character in duration expression: '\"'"},
      {"foo[]", 4, "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"},
      {"foo[-1]", 4, "duration must be greater than 0"},
      {"some_metric[5m] OFFSET 1mm", 23, "bad number or duration syntax: \"1mm\""},
      {"some_metric[5m] OFFSET", 22,
       "unexpected end of input in offset, expected number, duration, step(), or range()"},
      {"some_metric OFFSET 1m[5m]", 21, "no offset modifiers allowed before range"},
      {"some_metric[5m] @", 17, "unexpected end of input in @, expected timestamp"},
      {"some_metric @ 1234 [5m]", 19, "no @ modifiers allowed before range"},
      {"(foo + bar)[5m]", 11, "ranges only allowed for vector selectors"},
      {"sum by (\"foo)(some_metric{})", 8, "unterminated quoted string"},
      {"sum without(==)(some_metric)", 12, "unexpected <op:==> in grouping opts, expected label"},
      {"sum without(,)(some_metric)", 12, "unexpected \",\" in grouping opts, expected label"},
      {"sum without(foo,,)(some_metric)", 16, "unexpected \",\" in grouping opts, expected label"},
      {"sum some_metric by (test)", 4, "unexpected identifier \"some_metric\""},
      {"sum (some_metric) by test", 21, "unexpected identifier \"test\" in grouping opts, expected \"(\""},
      {"sum () by (test)", 0, "no arguments for aggregate expression provided"},
      {"MIN keep_common (some_metric)", 4, "unexpected identifier \"keep_common\""},
      {"MIN (some_metric) keep_common", 18, "unexpected identifier \"keep_common\""},
      {"sum (some_metric) without (test) by (test)", 33, "unexpected <by>"},
      {"sum without (test) (some_metric) by (test)", 33, "unexpected <by>"},
      {"topk(some_metric)", 0, "wrong number of arguments for aggregate expression provided, expected 2, got 1"},
      {"topk(some_metric,)", 16, "trailing commas not allowed in function call args"},
      {"topk(some_metric, other_metric)", 5, "expected type scalar in aggregation parameter, got instant vector"},
      {"count_values(5, other_metric)", 13, "expected type string in aggregation parameter, got scalar"},
      {"rate(some_metric[5m]) @ 1234", 0,
       "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
      {"floor()", 0, "expected 1 argument(s) in call to \"floor\", got 0"},
      {"floor(some_metric, other_metric)", 0, "expected 1 argument(s) in call to \"floor\", got 2"},
      {"floor(some_metric, 1)", 0, "expected 1 argument(s) in call to \"floor\", got 2"},
      {"floor(1)", 6, "expected type instant vector in call to function \"floor\", got scalar"},
      {"hour(some_metric, some_metric, some_metric)", 0, "expected at most 1 argument(s) in call to \"hour\", got 3"},
      {"time(some_metric)", 0, "expected 0 argument(s) in call to \"time\", got 1"},
      {"non_existent_function_far_bar()", 0, "unknown function with name \"non_existent_function_far_bar\""},
      {"rate(some_metric)", 5, "expected type range vector in call to function \"rate\", got instant vector"},
      {"label_replace(a, `b`, `c\xff`, `d`, `.*`)", 22, "invalid UTF-8 rune"},
      {"-=", 1, "unexpected \"=\""},
      {"++-++-+-+-<", 10, "unexpected <op:<>"},
      {"e-+=/(0)", 3, "unexpected \"=\""},
      {"a>b()", 2, "unknown function with name \"b\""},
      {"rate(avg)", 5, "expected type range vector in call to function \"rate\", got instant vector"},
      {"`\\``", 3, "unterminated raw string"},
      {"\"\\", 0, "escape sequence not terminated"},
      {"\"\\c\"", 0, "unknown escape sequence U+0063 'c'"},
      {"\"\\x.\"", 0, "illegal character U+002E '.' in escape sequence"},
      {"foo{bar=\"baz\"}[", 15, "unexpected end of input in duration expression"},
      {"test[5d] OFFSET 10s [10m:5s]", 0, "subquery is only allowed on instant vector, got matrix instead"},
      {"(foo + bar{nm=\"val\"})[5m:][10m:5s]", 0, "subquery is only allowed on instant vector, got matrix instead"},
      {"rate(food[1m])[1h] offset 1h", 14, "ranges only allowed for vector selectors"},
      {"rate(food[1m])[1h] @ 100", 14, "ranges only allowed for vector selectors"},
      {"info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})", 45,
       "expected label selectors only, got vector selector instead"},
      {"info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)", 50, "expected label selectors only"},
      {"foo[step]", 8, "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"},
      {"foo[step()/0d]", 10, "division by zero"},
      {"foo[5s/0d]", 6, "division by zero"},
      {"foo offset (4d/0)", 14, "division by zero"},
      {"foo[5s%0d]", 6, "modulo by zero"},
      {"foo offset 9.5e10", 11, "duration out of range"},
      {"foo[9.5e10]", 4, "duration out of range"},
      {"sum(", 4, "unclosed left parenthesis"},
      {"sum(rate(", 9, "unclosed left parenthesis"},
      {"foo[5s x 5s]", 7, "unexpected character: 'x', expected ':'"},
      {"foo[5s s 5s]", 7, "unexpected character: 's', expected ':'"},
  };
  check_cases(cases, upstream_test_features());
}

TEST_CASE("errors: other message templates") {
  const std::vector<ErrorCase> cases = {
      {"foo[5m:1m:1m]", 9, "unexpected colon ':'"},
      {"foo[5m[", 6, "unexpected left bracket '['"},
      {"foo[1m] + bar[::]", 14,
       "unexpected \":\" in subquery or range selector, expected number, duration, step(), or range()"},
      {"foo[:5m]", 5, "unexpected colon before duration in duration expression"},
      {"sum by (\"\") (x)", 8, "invalid label name for grouping: \"\""},
      {"sum by (\"\\xff\") (x)", 8, "invalid label name for grouping: \"\\xff\""},
      {"foo @ 1 @ 2", 0, "@ <timestamp> may not be set multiple times"},
      {"foo @ start() @ end()", 0, "@ <timestamp> may not be set multiple times"},
      {"(foo) @ 1", 0,
       "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
      {"foo[5m] + 1", 0, "binary expression must contain only scalar and instant vector types"},
      {"1 + foo[5m]", 4, "binary expression must contain only scalar and instant vector types"},
      {"sum(x) anchored", 0, "anchored modifier not implemented"},
      {"sum(foo[5m])", 4, "expected type instant vector in aggregation expression, got range vector"},
      {"quantile(\"a\", foo)", 9, "expected type scalar in aggregation parameter, got string"},
      {"vector(\"a\")", 7, "expected type scalar in call to function \"vector\", got string"},
      {"(1)[5m:1m]", 0, "subquery is only allowed on instant vector, got scalar instead"},
      {"sum(rate(x[5m]) by (job))", 16, "unexpected <by> in aggregation"},
      {"count(up) by (job) without (x)", 19, "unexpected <without>"},
      {"foo{a=\"b\"} offset", 17, "unexpected end of input in offset, expected number, duration, step(), or range()"},
      {"foo @ start", 11, "unexpected end of input in @, expected timestamp"},
      {"foo @ bar", 6, "unexpected identifier \"bar\" in @, expected timestamp"},
      {"sum(foo)(bar)", 8, "unexpected \"(\""},
      {"(foo > 1) bool", 10, "unexpected <bool>"},
      {"foo + bool", 10, "unexpected end of input"},
      {"foo[5m:1m x]", 10, "unexpected character: 'x', expected ':'"},
      {"foo[5m 5m]", 7, "unexpected duration \"5m\" in subquery or range, expected \":\" or \"]\""},
      {"foo[5m:1m 5]", 10, "unexpected number \"5\" in subquery selector, expected \"]\""},
      {"foo[5m:=]", 7, "unexpected \"=\" in subquery selector, expected number, duration, step(), range(), or \"]\""},
      {"rate(foo, =)", 8, "trailing commas not allowed in function call args"},
      {"a - on(b) group_right group_right c", 22, "unexpected <group_right> in grouping opts, expected \"(\""},
      {"histogram_quantile(0.9, x) offset 5m", 0,
       "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
      {"foo{a=\"b\"}[5m] @ 1 [1m]", 19, "ranges only allowed for vector selectors"},
      {"1e999", 0, "error parsing number: strconv.ParseFloat: parsing \"1e999\": value out of range"},
      {"foo[300y]", 4, "duration out of range"},
      {"foo[1ms1s]", 4, "not a valid duration string: \"1ms1s\""},
  };
  check_cases(cases, upstream_test_features());
}

TEST_CASE("errors: format_error renders Prometheus's prefix") {
  ParseError e{2, 2, "unexpected end of input", false};
  CHECK(format_error("1+", e) == "1:3: parse error: unexpected end of input");
  ParseError multi{10, 13, "unexpected identifier \"baz\"", false};
  CHECK(format_error("foo\n+ bar baz", multi) == "2:7: parse error: unexpected identifier \"baz\"");
  ParseError empty{0, 0, "no expression found in input", false};
  CHECK(format_error("", empty) == "unknown position: parse error: no expression found in input");
  CHECK(line_col("a\nbc\nd", 5).line == 3);
  CHECK(line_col("a\nbc\nd", 5).col == 1);
  // Type errors are flagged as such.
  auto r = parse("rate(foo)");
  REQUIRE(r.error);
  CHECK(r.error->is_type_error);
  CHECK(r.error->begin == 5);
  CHECK(r.error->end == 8);
  r = parse("foo bar");
  REQUIRE(r.error);
  CHECK(!r.error->is_type_error);
}
