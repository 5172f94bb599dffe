// Canonical printing, like Prometheus's Expr.String() (cases from printer_test.go and
// /api/v1/format_query), and parse(print(x)) == x.
#include <doctest/doctest.h>

#include "test_helpers.hpp"

using namespace mlmon::promql;
using mlmon::promql::test::canonical;
using mlmon::promql::test::round_trips;

TEST_CASE("printer: Prometheus printer_test.go cases") {
  const std::pair<const char*, const char*> cases[] = {
      {"sum by() (task:errors:rate10s{job=\"s\"})", "sum(task:errors:rate10s{job=\"s\"})"},
      {"sum by(code) (task:errors:rate10s{job=\"s\"})", "sum by (code) (task:errors:rate10s{job=\"s\"})"},
      {"sum without() (task:errors:rate10s{job=\"s\"})", "sum without () (task:errors:rate10s{job=\"s\"})"},
      {"sum without(instance) (task:errors:rate10s{job=\"s\"})",
       "sum without (instance) (task:errors:rate10s{job=\"s\"})"},
      {"topk(5, task:errors:rate10s{job=\"s\"})", "topk(5, task:errors:rate10s{job=\"s\"})"},
      {"count_values(\"value\", task:errors:rate10s{job=\"s\"})",
       "count_values(\"value\", task:errors:rate10s{job=\"s\"})"},
      {"a - on() c", "a - on () c"},
      {"a - on(b) c", "a - on (b) c"},
      {"a - on(b) group_left(x) c", "a - on (b) group_left (x) c"},
      {"a - on(b) group_left(x, y) c", "a - on (b) group_left (x, y) c"},
      {"a - on(b) group_left c", "a - on (b) group_left () c"},
      {"a - on(b) group_left() (c)", "a - on (b) group_left () (c)"},
      {"a - ignoring(b) c", "a - ignoring (b) c"},
      {"a - ignoring() c", "a - c"},
      {"up > bool 0", "up > bool 0"},
      {"a offset 1m", "a offset 1m"},
      {"a offset -7m", "a offset -7m"},
      {"a{c=\"d\"}[5m] offset 1m", "a{c=\"d\"}[5m] offset 1m"},
      {"a[5m] offset 1m", "a[5m] offset 1m"},
      {"a[12m] offset -3m", "a[12m] offset -3m"},
      {"a[1h:5m] offset 1m", "a[1h:5m] offset 1m"},
      {"{__name__=\"a\"}", "{__name__=\"a\"}"},
      {"a{b!=\"c\"}[1m]", "a{b!=\"c\"}[1m]"},
      {"a{b=~\"c\"}[1m]", "a{b=~\"c\"}[1m]"},
      {"a{b!~\"c\"}[1m]", "a{b!~\"c\"}[1m]"},
      {"a @ 10", "a @ 10.000"},
      {"a[1m] @ 10", "a[1m] @ 10.000"},
      {"a @ start()", "a @ start()"},
      {"a @ end()", "a @ end()"},
      {"a[1m] @ start()", "a[1m] @ start()"},
      {"a[1m] @ end()", "a[1m] @ end()"},
  };
  for (const auto& [in, out] : cases) {
    INFO("input: " << in);
    CHECK(canonical(in) == out);
  }
}

TEST_CASE("printer: format_query example from the reference (observed with 2.42)") {
  CHECK(canonical("sum by(job)(rate(foo{a=\"b\"}[5m]))/on(job)group_left bar") ==
        "sum by (job) (rate(foo{a=\"b\"}[5m])) / on (job) group_left () bar");
}

TEST_CASE("printer: numbers, strings, durations and selectors are normalised") {
  CHECK(canonical("1e3") == "1000");
  CHECK(canonical("0x1f") == "31");
  CHECK(canonical("0755") == "493");
  CHECK(canonical("1_000_000") == "1000000");
  CHECK(canonical(".5") == "0.5");
  CHECK(canonical("5.") == "5");
  CHECK(canonical("-1") == "-1");
  CHECK(canonical("+Inf") == "+Inf");
  CHECK(canonical("-inf") == "-Inf");
  CHECK(canonical("nAn") == "NaN");
  CHECK(canonical("1e21") == "1000000000000000000000");
  CHECK(canonical("'a\"b'") == "\"a\\\"b\"");
  CHECK(canonical("`a\\b`") == "\"a\\\\b\"");
  CHECK(canonical("\"\\u00e9\\x41\\t\"") == "\"éA\\t\"");
  CHECK(canonical("foo[90m]") == "foo[1h30m]");
  CHECK(canonical("foo[300]") == "foo[5m]");
  CHECK(canonical("foo[1.5]") == "foo[1s500ms]");
  CHECK(canonical("foo[0.0001]") == "foo[0.0001]");  // Prometheus would print "0s"
  CHECK(canonical("foo offset -0.0015") == "foo offset -0.0015");
  CHECK(canonical("foo[14d]") == "foo[2w]");
  CHECK(canonical("foo[15d]") == "foo[15d]");
  CHECK(canonical("foo[365d]") == "foo[1y]");
  CHECK(canonical("foo offset 3600") == "foo offset 1h");
  CHECK(canonical("time() - foo > 10m") == "time() - foo > 10m");
  CHECK(canonical("foo{b=\"2\", a=\"1\"}") == "foo{a=\"1\",b=\"2\"}");
  CHECK(canonical("{\"foo.bar\", a=\"1\"}") == "{__name__=\"foo.bar\",a=\"1\"}");
  CHECK(canonical("{\"my.label\"=\"1\", __name__=\"x\"}") == "{\"my.label\"=\"1\",__name__=\"x\"}");
  CHECK(canonical("sum by (\"foo.bar\", job) (x)") == "sum by (\"foo.bar\", job) (x)");
  CHECK(canonical("SUM BY (a) (foo)") == "sum by (a) (foo)");
  CHECK(canonical("sum(foo) without (a)") == "sum without (a) (foo)");
  CHECK(canonical("foo @ 1.5 offset 5m") == "foo @ 1.500 offset 5m");
  CHECK(canonical("foo offset 5m @ 100") == "foo @ 100.000 offset 5m");
  CHECK(canonical("foo[5m] @ start() offset 1m") == "foo[5m] @ start() offset 1m");
  CHECK(canonical("rate(foo[5m:])") == "rate(foo[5m:])");
  CHECK(canonical("x[1h:5m] @ end() offset -1h") == "x[1h:5m] @ end() offset -1h");
  CHECK(canonical("-(1)") == "-(1)");
  CHECK(canonical("-foo ^ 2") == "-foo ^ 2");
  CHECK(canonical("1 + 2 * 3") == "1 + 2 * 3");
  CHECK(canonical("(1 + 2) * 3") == "(1 + 2) * 3");
  CHECK(canonical("a and on(b) c") == "a and on (b) c");
  CHECK(canonical("a atan2 b") == "a atan2 b");
  CHECK(canonical("h </ 5") == "h </ 5");
}

TEST_CASE("printer: experimental syntax") {
  CHECK(canonical("foo[5m+1m]") == "foo[5m + 1m]");
  // Found by fuzzing: 8001ms is 8.000999... seconds; truncating would print "8s".
  CHECK(canonical("foo[1m] offset (2 * 8001ms)") == "foo[1m] offset (2 * 8s1ms)");
  CHECK(canonical("foo[2*5m:1m]") == "foo[2 * 5m:1m]");
  CHECK(canonical("foo offset (1h*2)") == "foo offset (1h * 2)");
  CHECK(canonical("foo offset -(1m)") == "foo offset -(1m)");
  CHECK(canonical("foo[(5m)]") == "foo[(5m)]");
  CHECK(canonical("foo[step()]") == "foo[step()]");
  CHECK(canonical("foo[-step()+10m]") == "foo[-step() + 10m]");
  CHECK(canonical("foo[min_of(step(),5s)]") == "foo[min_of(step(), 5s)]");
  CHECK(canonical("foo offset max_of(range(), 1m)") == "foo offset max_of(range(), 1m)");
  CHECK(canonical("rate(foo[5m] anchored)") == "rate(foo[5m] anchored)");
  CHECK(canonical("foo smoothed") == "foo smoothed");
  CHECK(canonical("a + fill(0) b") == "a + fill (0) b");
  CHECK(canonical("a + fill_left(1) fill_right(2) b") == "a + fill_left (1) fill_right (2) b");
  CHECK(canonical("a + on(x) group_left fill(-Inf) b") == "a + on (x) group_left () fill (-Inf) b");
  CHECK(canonical("a + fill(1e6) b") == "a + fill (1e+06) b");
  CHECK(canonical("limitk(2, foo)") == "limitk(2, foo)");
  CHECK(canonical("sort_by_label(foo, \"a\")") == "sort_by_label(foo, \"a\")");
  // Found by fuzzing: an empty selector printed as nothing gave "info(m, )".
  CHECK(canonical("info(m, {})") == "info(m, {})");
  // Found by fuzzing: Prometheus drops an empty matching when one side is a scalar.
  CHECK(canonical("n + on() 8") == "n + 8");
  CHECK(canonical("6111111115s") == "70730d10h51m55s");
  CHECK(canonical("8001ms") == "8s1ms");
  CHECK(canonical("n + ignoring() group_left 8") == "n + 8");
}

TEST_CASE("printer: an explicit + before a parenthesised offset is kept (found by fuzzing)") {
  // Without the sign, `offset (2) + (2 ^ 2)` reads back with the addition inside the offset.
  for (const char* expr : {"m offset +(2)+(2^2)", "m offset +(1m) * 3", "m offset -(2)+(2^2)"}) {
    CAPTURE(expr);
    CHECK(round_trips(expr));
  }
  CHECK(canonical("m offset +(2)+(2^2)") == "m offset +(2) + (2 ^ 2)");
  CHECK(canonical("m offset +(1m+2m)") == "m offset +(1m + 2m)");
  CHECK(canonical("m offset (2)+(2^2)") == "m offset (2) + (2 ^ 2)");
  CHECK(canonical("m[+(2)+(2^2)]") == "m[(2) + (2 ^ 2)]");
}

TEST_CASE("printer: +Inf on the left of ^ prints without its sign (found by fuzzing)") {
  // "+Inf ^ 2", as Prometheus prints it, reads back as +(Inf ^ 2): a different tree.
  for (const char* expr : {"Inf ^ 2", "inf^2*3", "-Inf ^ 2", "Inf^---2/-2^-+--1*3+2", "2 ^ Inf ^ 2"}) {
    CAPTURE(expr);
    CHECK(round_trips(expr));
  }
  CHECK(canonical("Inf ^ 2") == "Inf ^ 2");
  CHECK(canonical("-Inf ^ 2") == "-Inf ^ 2");  // -(Inf ^ 2), as before
  CHECK(canonical("Inf^---2/-2^-+--1*3+2") == "Inf ^ -2 / -2 ^ -1 * 3 + 2");
  CHECK(canonical("Inf * 2") == "+Inf * 2");  // elsewhere the sign folds into the number
  CHECK(canonical("2 ^ Inf") == "2 ^ +Inf");
  CHECK(canonical("(Inf) ^ 2") == "(+Inf) ^ 2");
}

TEST_CASE("printer: @ timestamps beyond int64 milliseconds do not overflow (found by fuzzing)") {
  // 4.4e18 s is inside the seconds bound Prometheus checks, but not as milliseconds.
  CHECK(canonical("m @ 4444444444444444444") == canonical("m @ 4444444444444444444"));
  CHECK_FALSE(parse("m @ 4444444444444444444", Features::all()).error.has_value());
}

TEST_CASE("same_meaning: equal trees with parentheses aside") {
  auto same = [](std::string_view a, std::string_view b) {
    ParseResult x = parse(a, Features::all());
    ParseResult y = parse(b, Features::all());
    REQUIRE_FALSE(x.error);
    REQUIRE_FALSE(y.error);
    return same_meaning(x.ast->root(), y.ast->root());
  };
  CHECK(same("(a > 0.5)", "a > 0.5"));
  CHECK(same("a * b + c", "((a * b)) + (c)"));
  CHECK(same("sum by (job) ((rate(x[5m])))", "sum(rate(x[5m])) by (job)"));
  CHECK(same("m[(1m + 2m)]", "m[1m + 2m]"));
  CHECK_FALSE(same("a * b + c", "a * (b + c)"));
  CHECK_FALSE(same("(a > 0.5)", "a > 0.4"));
  // equal() still counts parentheses: the printer keeps them, as Prometheus does.
  CHECK_FALSE(equal(parse("(a)", Features::all()).ast->root(), parse("a", Features::all()).ast->root()));
}
