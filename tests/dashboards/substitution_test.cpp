#include <doctest/doctest.h>

#include "dashboards/promql_substitution.hpp"
#include "helpers.hpp"

namespace mlmon::dashboards {

namespace {

const Dashboard& vars() {
  static const Dashboard d = test::load(R"js({"title": "T", "templating": {"list": [
  {"name": "job", "type": "query", "current": {"value": "$__all"}, "includeAll": true, "allValue": ".+"},
  {"name": "resolution", "type": "custom", "query": "1s, 15s, 30s", "current": {"value": "30s"}},
  {"name": "interval", "type": "interval", "query": "1m,5m", "current": {"value": "$__auto_interval_interval"}},
  {"name": "threshold", "type": "constant", "query": "0.5"},
  {"name": "metric", "type": "textbox", "query": "node_load1"},
  {"name": "multi", "type": "custom", "query": "a,b", "current": {"value": ["a", "b"]}, "multi": true},
  {"name": "empty", "type": "query", "current": {"value": ""}}
]}})js");
  return d;
}

std::string subst(std::string_view expr) { return substitute_for_promql(expr, vars()).text; }

}  // namespace

TEST_CASE("substitution: macros become values of the right kind") {
  CHECK(subst("rate(x[$__rate_interval])") == "rate(x[5m])");
  CHECK(subst("rate(x[$__interval])") == "rate(x[5m])");
  CHECK(subst("increase(x[$__range]) / $__range_s") == "increase(x[1h]) / 3600");
  CHECK(subst("x * $__interval_ms") == "x * 300000");
  CHECK(subst("x[$__auto]") == "x[5m]");
  CHECK(subst("x @ ${__to:date:seconds}") == "x @ 1700000000");
  CHECK(subst("x @ $__to") == "x @ 1700000000");
  CHECK(subst("vector($__to)") == "vector(1700000000000)");
  CHECK(subst("x offset $__range") == "x offset 1h");
  CHECK(subst("x[$__range:$__interval]") == "x[1h:5m]");
}

TEST_CASE("substitution: variables take their current value where it fits") {
  CHECK(subst("rate(x[$resolution])") == "rate(x[30s])");
  CHECK(subst("rate(x[$interval])") == "rate(x[5m])");  // auto: not a duration
  CHECK(subst("x > $threshold") == "x > 0.5");
  CHECK(subst("$metric") == "node_load1");
  CHECK(subst("sum by ($multi) (x)") == "sum by (a) (x)");
  CHECK(subst("sum by ($empty) (x)") == "sum by (empty) (x)");
  CHECK(subst("x[$empty]") == "x[5m]");
  CHECK(subst("x offset $undefined") == "x offset 5m");
  CHECK(subst("${metric}_total") == "node_load1_total");
}

TEST_CASE("substitution: in strings and comments the name stands in") {
  CHECK(subst(R"js(up{job=~"$job", a='[[multi]]', b=`${threshold:regex}`})js") ==
        R"js(up{job=~"job", a='multi', b=`threshold`})js");
  CHECK(subst("up{a=\"\\\"$job\"}") == "up{a=\"\\\"job\"}");
  CHECK(subst("up # [$job\nx[$__rate_interval]") == "up # [job\nx[5m]");
  CHECK(subst("label_replace(x, \"d\", \"$1\", \"s\", \"(.*)\")") ==
        "label_replace(x, \"d\", \"$1\", \"s\", \"(.*)\")");
}

TEST_CASE("substitution: offsets map back to the original expression") {
  const Substitution s = substitute_for_promql("rate(x{a=\"$job\"}[$__rate_interval]) +", vars());
  CHECK(s.text == "rate(x{a=\"job\"}[5m]) +");
  CHECK(s.original_offset(0) == 0u);
  CHECK(s.original_offset(10) == 10u);  // j of the name stands for $job
  CHECK(s.original_offset(12) == 10u);
  CHECK(s.original_offset(13) == 14u);  // the closing quote
  CHECK(s.original_offset(16) == 17u);  // 5 of 5m: $__rate_interval
  CHECK(s.original_offset(18) == 33u);  // ]
  CHECK(s.original_offset(s.text.size()) == 37u);
}

}  // namespace mlmon::dashboards
