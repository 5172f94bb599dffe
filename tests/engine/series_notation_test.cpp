// The series notation of test files and promtool unit tests.
#include "engine/series_notation.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>

#include "engine/float_histogram.hpp"
#include "engine/value.hpp"

using namespace mlmon::engine;

namespace {

std::vector<double> values(std::string_view text) {
  auto v = parse_series_values(text);
  REQUIRE_MESSAGE(v, text << ": " << v.error().message);
  std::vector<double> out;
  for (const SequenceValue& s : *v) out.push_back(s.omitted ? -12345 : s.value);
  return out;
}

std::string error_of(std::string_view text) {
  auto v = parse_series_values(text);
  return v ? "<no error>" : v.error().message;
}

}  // namespace

TEST_CASE("expanding a+bxN adds b repeatedly: N+1 values") {
  CHECK(values("1+2x3") == std::vector<double>{1, 3, 5, 7});
  CHECK(values("1-2x3") == std::vector<double>{1, -1, -3, -5});
  CHECK(values("-1+1x2") == std::vector<double>{-1, 0, 1});
  CHECK(values("5x2") == std::vector<double>{5, 5, 5});
  CHECK(values("1 2\t3") == std::vector<double>{1, 2, 3});
  // Repeated addition rounds at each step, as Go does: 0.1 added ten times is not 1.
  const auto tenths = values("0+0.1x10");
  CHECK(tenths.back() != 1.0);
  CHECK(tenths.back() == 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1);
}

TEST_CASE("empty slots, stale markers and special values") {
  CHECK(values("_ 1 _x2 2") == std::vector<double>{-12345, 1, -12345, -12345, 2});
  auto v = parse_series_values("stale NaN Inf -Inf inf nan");
  REQUIRE(v);
  REQUIRE(v->size() == 6);
  CHECK(is_stale_nan((*v)[0].value));
  CHECK(std::isnan((*v)[1].value));
  CHECK_FALSE(is_stale_nan((*v)[1].value));
  CHECK((*v)[2].value == INFINITY);
  CHECK((*v)[3].value == -INFINITY);
  CHECK((*v)[4].value == INFINITY);
  CHECK(std::isnan((*v)[5].value));
}

TEST_CASE("numbers are read like PromQL number tokens: ParseInt base 0, then ParseFloat") {
  CHECK(values("1e3 .5 1.5 1_000 010") == std::vector<double>{1000, 0.5, 1.5, 1000, 8});
  CHECK(values("Inf+1x1") == std::vector<double>{INFINITY, INFINITY});
}

TEST_CASE("native histograms are decoded, with their repetitions (repeats share one value)") {
  std::vector<FloatHistogram> h;
  auto v = parse_series_values("{{schema:0 sum:5 count:4 buckets:[1 2 1]}} {{sum:1}}x2 {{count:1}}+{{count:2}}x1", &h);
  REQUIRE(v);
  REQUIRE(v->size() == 6);
  for (const SequenceValue& s : *v) CHECK(s.histogram);
  REQUIRE(h.size() == 4);
  CHECK((*v)[1].index == 1);
  CHECK((*v)[3].index == 1);
  CHECK(h[0].test_expression() == "{{count:4 sum:5 buckets:[1 2 1]}}");
  CHECK(h[3].test_expression() == "{{count:3}}");
  CHECK(sizeof(SequenceValue) == 16);
}

TEST_CASE("malformed values are errors") {
  CHECK(error_of("1x") == "unexpected end of series values");
  CHECK(error_of("abc") == "unexpected identifier \"abc\" in series values");
  CHECK(error_of("Infx2") == "unexpected identifier \"Infx2\" in series values");
  CHECK(error_of("stalex2") == "unexpected identifier \"stalex2\" in series values");
  CHECK(error_of("1+x2") == "unexpected identifier \"x2\" in series values");
  CHECK(error_of("1x1.5") == "invalid repetition in series values: strconv.ParseUint: parsing \"1.5\": invalid syntax");
  CHECK(error_of("1m") == "bad number syntax: \"1\"");
  CHECK(error_of("1x99999999999") == "too many values in series (more than 10000000)");
  CHECK(error_of("{{sum:1") == "histogram description incomplete unexpected: '\uFFFD'");
  CHECK(error_of("{{sum:1}}y") == "unexpected \"y\" after histogram");
  CHECK(error_of("{{sum:1}}x99999999999") == "too many values in series (more than 10000000)");
}

TEST_CASE("the pieces both series parsers share: the number scanner and the expansions") {
  auto scan = [](std::string_view s) {
    size_t i = 0;
    const NumberScan r = scan_series_number(s, i);
    return std::string(r.ok ? "ok" : r.repeated ? "repeated" : "bad") + "@" + std::to_string(i);
  };
  CHECK(scan("1.5e3 2") == "ok@5");
  CHECK(scan("1_000x3") == "ok@5");  // an 'x' may follow: a repetition
  CHECK(scan(".5") == "ok@2");
  CHECK(scan("1m") == "bad@1");
  CHECK(scan("1e") == "bad@2");
  CHECK(scan("1_") == "bad@2");
  CHECK(scan("1._5") == "bad@3");
  CHECK(scan("1.2.3") == "repeated@3");  // at the second '.', not past it
  CHECK(scan("1e2e3") == "repeated@3");

  std::vector<SequenceValue> out;
  CHECK(append_copies(out, {7, false, false}, 2));
  CHECK(append_repeated(out, {1, false, false}, 1));  // 1x1: two values
  CHECK(append_sequence(out, 0.1, 0.1, 2));           // 0.1+0.1x2, by repeated addition
  REQUIRE(out.size() == 7);
  CHECK(out[4].value == 0.1);
  CHECK(out[6].value == 0.1 + 0.1 + 0.1);
  CHECK_FALSE(append_repeated(out, {}, UINT64_MAX));  // n + 1 would wrap
  CHECK_FALSE(append_sequence(out, 0, 1, kMaxSeriesValues - 7));
  CHECK_FALSE(append_copies(out, {}, kMaxSeriesValues));
  CHECK(out.size() == 7);  // a refused expansion appends nothing
}

TEST_CASE("series descriptions: metric name, labels, quoted names") {
  auto d = parse_series_description("x{a=\"1\", b='2',} 1 2");
  REQUIRE(d);
  CHECK(d->labels.to_string() == "{__name__=\"x\", a=\"1\", b=\"2\"}");
  CHECK(d->values.size() == 2);
  auto u = parse_series_description("{\"utf8.name\", \"a b\"=\"c\"} 1");
  REQUIRE(u);
  CHECK(u->labels.to_string() == "{__name__=\"utf8.name\", \"a b\"=\"c\"}");
  auto e = parse_series_description("{} 1");
  REQUIRE(e);
  CHECK(e->labels.empty());
  auto bare = parse_series_description("up");
  REQUIRE(bare);
  CHECK(bare->values.empty());
  CHECK_FALSE(parse_series_description("x{a=1} 1"));
  CHECK_FALSE(parse_series_description("x{a=\"1\" 1"));
  CHECK_FALSE(parse_series_description("1 2"));
  auto labels = parse_series_labels("x{job=\"a\"}");
  REQUIRE(labels);
  CHECK(labels->to_series_string() == "x{job=\"a\"}");
  CHECK_FALSE(parse_series_labels("x{job=\"a\"} 1"));
}
