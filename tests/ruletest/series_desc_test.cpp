// promtool's series notation: values, and errors as promtool 3.5.3 prints them for an input series
// (the series is line 2 of its load script, hence line offset 1). Expected texts were printed by
// promtool 3.5.3 for `series: S` / `values: V` (the line is "S V").
#include "ruletest/series_desc.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/value.hpp"

using namespace mlmon;
using namespace mlmon::ruletest;

namespace {

std::string error_of(const std::string& line) {
  auto r = parse_series_desc(line);
  if (r) return "parsed";
  return format_parse_error(line, r.error(), 1);
}

std::string values_of(const std::string& line) {
  auto r = parse_series_desc(line);
  REQUIRE(r);
  std::string out;
  for (const auto& v : r->values) {
    if (!out.empty()) out += " ";
    if (v.omitted) {
      out += "_";
    } else if (engine::is_stale_nan(v.value)) {
      out += "stale";
    } else {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", v.value);
      out += buf;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("series notation: values expand as promtool expands them") {
  CHECK(values_of("up 1 2 3") == "1 2 3");
  CHECK(values_of("up 1+2x3") == "1 3 5 7");
  CHECK(values_of("up 10-2x2") == "10 8 6");
  CHECK(values_of("up 1x2") == "1 1 1");
  CHECK(values_of("up _x3 1 _") == "_ _ _ 1 _");
  CHECK(values_of("up 0 stale") == "0 stale");
  CHECK(values_of("up -1 +2 1e3 0x10") == "-1 2 1000 0 0 0 0 0 0 0 0 0 0 0");
  CHECK(values_of("up 1_000") == "1000");
  CHECK(values_of("up Inf -Inf") == "inf -inf");
  CHECK(std::isnan(parse_series_desc("up NaN")->values.at(0).value));
  CHECK(values_of("up") == "");
  CHECK(values_of("up 1 ") == "1");
  // -1-1x2: the delta is subtracted (by repeated addition of -1).
  CHECK(values_of("up -1-1x2") == "-1 -2 -3");
}

TEST_CASE("series notation: labels") {
  auto r = parse_series_desc(R"(up{job="a", instance='b'} 1)");
  REQUIRE(r);
  CHECK(r->labels.to_string() == R"({__name__="up", instance="b", job="a"})");
  r = parse_series_desc(R"({"my.metric", a="b",} 1)");
  REQUIRE(r);
  CHECK(r->labels.to_string() == R"({__name__="my.metric", a="b"})");
  r = parse_series_desc(R"(up{__name__="other"} 1)");
  REQUIRE(r);
  CHECK(r->labels.get("__name__") == "up");
  r = parse_series_desc("sum 1");  // keywords may name a metric
  REQUIRE(r);
  CHECK(r->labels.get("__name__") == "sum");
}

TEST_CASE("series notation: errors in promtool 3.5.3's words and positions") {
  CHECK(error_of("up 1 2 foo") ==
        R"(2:8: parse error: unexpected identifier "foo" in series values, expected number or "stale")");
  CHECK(error_of("up 1+ 2") == R"(2:6: parse error: unexpected " " in series values)");
  CHECK(error_of("up 1+2x") == "2:8: parse error: unexpected end of input in series values");
  CHECK(error_of("up 1+2xa") == R"(2:8: parse error: unexpected identifier "a" in series values)");
  CHECK(error_of("up 1x2x3") == R"(2:7: parse error: unexpected "x")");
  CHECK(error_of("up _x") == "2:6: parse error: unexpected end of input in series values");
  CHECK(error_of("up _ _ x") == R"(2:8: parse error: unexpected "x")");
  CHECK(error_of("up 1 -2 +3 . 4") == "2:12: parse error: unexpected character in series sequence: '.'");
  CHECK(error_of(R"(up{a="b" 1)") == "2:10: parse error: unexpected character inside braces: '1'");
  CHECK(error_of("up{a=b} 1") == R"(2:6: parse error: unexpected identifier "b" in label set, expected string)");
  CHECK(error_of("up{a} 1") == R"(2:5: parse error: unexpected "}" in label set, expected "=")");
  CHECK(error_of(R"(up{a="b" c="d"} 1)") ==
        R"(2:10: parse error: unexpected identifier "c" in label set, expected "," or "}")");
  CHECK(error_of("1 2 3") == R"(2:1: parse error: unexpected number "1" in series values)");
  CHECK(error_of("up stale stalex") ==
        R"(2:10: parse error: unexpected identifier "stalex" in series values, expected number or "stale")");
  CHECK(error_of("up 1e") == R"(2:4: parse error: bad number syntax: "1e")");
  CHECK(error_of("up 1+1x-2") == "2:8: parse error: unexpected <op:-> in series values");
  CHECK(error_of("up @") == "2:4: parse error: unexpected character in series sequence: '@'");
  CHECK(error_of("up 1 2 #x") == "2:8: parse error: unexpected character in series sequence: '#'");
  CHECK(error_of(R"(up{a!="b"} 1)") == R"(2:5: parse error: unexpected <op:!=> in label set, expected "=")");
  CHECK(error_of("up{=} 1") == R"(2:4: parse error: unexpected "=" in label set, expected identifier or "}")");
  CHECK(error_of(R"(up{a="b"}x 1)") == R"(2:10: parse error: unexpected "x" in series values)");
  CHECK(error_of("up 1m") == R"(2:4: parse error: bad number syntax: "1")");
  CHECK(error_of("up 1-1x3x") == R"(2:9: parse error: unexpected "x")");
  CHECK(error_of("up sum") == "2:4: parse error: unexpected <aggr:sum>");
  CHECK(error_of("up 1 , 2") == "2:6: parse error: unexpected character in series sequence: ','");
  CHECK(error_of(R"(up{job="prometheus", instance="localhost:9090" 0+0x1440)") ==
        "2:48: parse error: unexpected character inside braces: '0'");
}

TEST_CASE("series notation: what mlmon refuses where promtool would run out of memory") {
  CHECK(
      error_of("up 1x99999999999999999999") ==
      R"(2:6: parse error: invalid repetition in series values: strconv.ParseUint: parsing "99999999999999999999": value out of range)");
  CHECK(error_of("up 1x100000000").find("too many values in one series") != std::string::npos);
  // strconv.ParseUint's error: it stops at the first digit that overflows, before the '.'.
  CHECK(
      error_of("up 1x99999999999999999999.5") ==
      R"(2:6: parse error: invalid repetition in series values: strconv.ParseUint: parsing "99999999999999999999.5": value out of range)");
}

TEST_CASE("series notation: native histograms are decoded, {{a}}+{{b}}xN adds as FloatHistogram.Add") {
  auto r = parse_series_desc("h {{schema:1 sum:2 buckets:[1 2]}} {{sum:1}}+{{sum:2}}x2");
  REQUIRE(r);
  CHECK(r->has_histograms);
  REQUIRE(r->values.size() == 4);
  CHECK(r->values.at(0).histogram);
  REQUIRE(r->histograms.size() == 4);
  CHECK(r->histograms[r->values[0].index].test_expression() == "{{schema:1 sum:2 buckets:[1 2]}}");
  CHECK(r->histograms[r->values[3].index].test_expression() == "{{sum:5}}");
  // promtool 3.5.3's words and positions for malformed histograms.
  auto error_of = [](std::string_view text) {
    auto p = parse_series_desc(text);
    return p ? std::string("<no error>") : format_parse_error(text, p.error());
  };
  CHECK(error_of("h {{sum:1") == "1:10: parse error: histogram description incomplete unexpected: '\uFFFD'");
  CHECK(error_of("h {{sum:1}") == "1:10: parse error: histogram description incomplete unexpected: '}'");
  CHECK(error_of("h {{foo:1}}") == "1:5: parse error: bad histogram descriptor found: \"foo\"");
  CHECK(error_of("h {{sum 1}}") == "1:5: parse error: missing `:` for histogram descriptor");
  CHECK(error_of("h {{sum:}}") == "1:9: parse error: unexpected \"}}\" in series values");
  CHECK(error_of("h {{sum:1 sum:2}}") == "1:1: parse error: duplicate key \"sum\" in histogram");
  CHECK(error_of("h {{schema:1.5}}") ==
        "1:12: parse error: invalid repetition in series values: strconv.ParseUint: parsing \"1.5\": invalid syntax");
  CHECK(error_of("h {{buckets:[1,2]}}") == "1:15: parse error: invalid character in buckets description: ','");
  CHECK(error_of("h {{sum:+1}}") == "1:9: parse error: histogram description incomplete unexpected: '+'");
  CHECK(error_of("h {{sum:1}}+3x2") == "1:13: parse error: unexpected number \"3\" in series values");
  CHECK(error_of("h {{ sum:1 }}") == "1:6: parse error: unexpected \"<Item 57370>\" \"sum\" in series values");
  CHECK(error_of("h {{sum:1 2}}") ==
        "1:11: parse error: unexpected number \"2\" in histogram description, expected "
        "histogram description key, e.g. buckets:[5 10 7]");
  CHECK(error_of("h {{sum:1count:2}}") == "1:9: parse error: bad number syntax: \"1\"");
  CHECK(error_of("h {{schema:1 sum:1}}+{{schema:0 sum:2}}x2") ==
        "1:41: parse error: error combining histograms: cannot merge from schema 0 to 1");
  CHECK(error_of("h {{sum:1}}x") == "1:13: parse error: unexpected end of input in series values");
  // Letters other than Inf/NaN inside buckets vanish, as in Prometheus's lexer.
  CHECK(error_of("h {{buckets:[1 a]}}") == "<no error>");
  CHECK(error_of("h {{}} {{ }} {{sum:1  count:2 }} {{buckets:[1 2 ] offset:1}}") == "<no error>");
}

TEST_CASE("metric (exp_samples labels): ParseMetric's errors") {
  auto m = parse_metric("");
  REQUIRE(m);
  CHECK(m->empty());
  m = parse_metric(R"(up {job="a"})");
  REQUIRE(m);
  CHECK(m->to_string() == R"({__name__="up", job="a"})");
  auto e = parse_metric("foo bar");
  REQUIRE(!e);
  CHECK(format_parse_error("foo bar", e.error()) == R"(1:5: parse error: unexpected identifier "bar")");
  e = parse_metric("up{a=1}");
  REQUIRE(!e);
  CHECK(format_parse_error("up{a=1}", e.error()) == "1:6: parse error: unexpected character inside braces: '1'");
  e = parse_metric(R"(up{a="b"} 1)");
  REQUIRE(!e);
  CHECK(format_parse_error(R"(up{a="b"} 1)", e.error()) == R"(1:11: parse error: unexpected number "1")");
  e = parse_metric(R"(on{a="b"})");
  REQUIRE(!e);
  CHECK(format_parse_error("x", e.error()) == "1:1: parse error: unexpected <on>");
  e = parse_metric("foo}");
  REQUIRE(!e);
  CHECK(format_parse_error("foo}", e.error()) == "1:4: parse error: unexpected character: '}'");
  e = parse_metric(R"(foo{a="b"}{c="d"})");
  REQUIRE(!e);
  CHECK(format_parse_error("foo{a=\"b\"}{c=\"d\"}", e.error()) == R"(1:11: parse error: unexpected "{")");
  m = parse_metric(R"(up{a=""})");
  REQUIRE(m);
  CHECK(m->to_string() == R"({__name__="up"})");
}
