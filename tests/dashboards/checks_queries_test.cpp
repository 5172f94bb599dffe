#include <doctest/doctest.h>

#include "helpers.hpp"

namespace mlmon::dashboards {

using test::lint;

namespace {

/// One timeseries panel with these Prometheus targets (each `{"refId", "expr", ...}` JSON).
std::string panel_with(const std::string& targets, const std::string& extra = {}) {
  return R"js({"title": "T", )js" + extra + R"js("panels": [{"id": 1, "type": "timeseries", "title": "P",
 "datasource": {"type": "prometheus", "uid": "prom"}, "fieldConfig": {"defaults": {"unit": "s"}},
 "targets": [)js" +
         targets + "]}]}";
}

}  // namespace

TEST_CASE("dashboards/promql-parse: errors land on the right byte of the file, through escapes and variables") {
  const std::string text = panel_with(
      R"js({"refId": "A", "expr": "rate(x{a=\"$job\"}[$__rate_interval]) +"},
 {"refId": "B", "expr": "sum by ($job) (rate(x[$__rate_interval])) > $threshold"},
 {"refId": "C", "expr": "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")"},
 {"refId": "D", "expr": "up{a=~\"(\"}"})js",
      R"js("templating": {"list": [{"name": "job", "type": "query"}, {"name": "threshold", "type": "constant", "query": "0.5"}]}, )js");
  CHECK(lint(text, "dashboards/promql-parse", true) ==
        "d.json:3:77: error: panel \"P\", query A: could not parse expression: parse error: unexpected end of input "
        "[dashboards/promql-parse]\n"
        "  hint: with variables substituted: rate(x{a=\"job\"}[5m]) +\n"
        "d.json:6:29: error: panel \"P\", query D: could not parse expression: parse error: error parsing regexp: "
        "missing closing ): `(` [dashboards/promql-parse]\n");
}

TEST_CASE("dashboards/promql-parse: Loki targets and non-Prometheus datasources are not parsed as PromQL") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "logs", "title": "L", "datasource": {"type": "loki", "uid": "l"},
   "targets": [{"refId": "A", "expr": "{job=\"x\"} |= \"error\""}]},
  {"id": 2, "type": "timeseries", "title": "M", "datasource": {"type": "datasource", "uid": "-- Mixed --"},
   "targets": [{"refId": "A", "datasource": {"type": "loki", "uid": "l"}, "expr": "{job=\"x\"} |= \"e\""},
               {"refId": "B", "datasource": {"type": "prometheus", "uid": "p"}, "expr": "sum("}]},
  {"id": 3, "type": "timeseries", "title": "D", "targets": [{"refId": "A", "expr": "{job=\"x\"} |= \"e\""}]}
]})js";
  // Panel 3 uses the default datasource; with Loki and Prometheus both in use, its type is unknown.
  CHECK(lint(text, "dashboards/promql-parse") ==
        "d.json:6:94: error: panel \"M\", query B: could not parse expression: parse error: unclosed left parenthesis "
        "[dashboards/promql-parse]\n");
}

TEST_CASE("dashboards/rate-non-counter") {
  const std::string text = panel_with(R"js({"refId": "A", "expr": "rate(node_memory_MemFree_bytes[5m])"},
 {"refId": "B", "expr": "increase({__name__=\"process_start_time_seconds\"}[1h])"},
 {"refId": "C", "expr": "rate(node_vmstat_pgfault[5m]) + rate(http_requests_total[5m]) + rate(x_bucket[5m])"},
 {"refId": "D", "expr": "deriv(node_memory_MemFree_bytes[5m])"})js");
  CHECK(lint(text, "dashboards/rate-non-counter", true) ==
        "d.json:3:43: warning: panel \"P\", query A: rate() over \"node_memory_MemFree_bytes\", which is named like "
        "a gauge [dashboards/rate-non-counter]\n"
        "  hint: rate() and increase() treat every drop as a counter reset; use deriv() or delta() for a gauge "
        "(counters end in _total)\n"
        "d.json:4:35: warning: panel \"P\", query B: increase() over \"process_start_time_seconds\", which is named "
        "like a gauge [dashboards/rate-non-counter]\n"
        "  hint: rate() and increase() treat every drop as a counter reset; use deriv() or delta() for a gauge "
        "(counters end in _total)\n");
}

TEST_CASE("dashboards/counter-without-rate") {
  const std::string text = panel_with(R"js({"refId": "A", "expr": "sum(http_requests_total)"},
 {"refId": "B", "expr": "sum(rate(http_requests_total[5m])) / count(http_requests_total)"},
 {"refId": "C", "expr": "up and on() http_requests_total > 0 unless absent(errors_total)"},
 {"refId": "D", "expr": "process_uptime_seconds_total + resets(x_total[1h]) + max_over_time(y_total[1h])"})js");
  CHECK(lint(text, "dashboards/counter-without-rate", true) ==
        "d.json:3:42: warning: panel \"P\", query A: counter \"http_requests_total\" is used without rate(), irate() "
        "or increase() [dashboards/counter-without-rate]\n"
        "  hint: a counter only grows and restarts from 0; rate(http_requests_total[$__rate_interval]) shows how fast "
        "it grows, increase() how much\n"
        "d.json:6:93: warning: panel \"P\", query D: counter \"y_total\" is used without rate(), irate() or "
        "increase() [dashboards/counter-without-rate]\n"
        "  hint: a counter only grows and restarts from 0; rate(y_total[$__rate_interval]) shows how fast it grows, "
        "increase() how much\n");
}

TEST_CASE("dashboards/rate-interval") {
  const std::string text =
      panel_with(R"js({"refId": "A", "expr": "rate(x_total[1m]) + irate(y_total{a=\"b\"}[30s] offset 1h)"},
 {"refId": "B", "expr": "rate(x_total[$__interval]) + rate(x_total[${__interval}])"},
 {"refId": "C", "expr": "rate(x_total[$__rate_interval]) + rate(x_total[$resolution]) + increase(x_total[1h])"},
 {"refId": "D", "expr": "rate(x_total[5m])", "instant": true})js",
                 R"js("templating": {"list": [{"name": "resolution", "type": "interval", "query": "1m,5m"}]}, )js");
  CHECK(lint(text, "dashboards/rate-interval", true) ==
        "d.json:3:51: warning: panel \"P\", query A: rate() over [1m]; use [$__rate_interval] "
        "[dashboards/rate-interval]\n"
        "  hint: a fixed range is too short when zoomed out and blurs when zoomed in; $__rate_interval follows the "
        "graph's resolution and the scrape interval\n"
        "d.json:3:81: warning: panel \"P\", query A: irate() over [30s]; use [$__rate_interval] "
        "[dashboards/rate-interval]\n"
        "  hint: a fixed range is too short when zoomed out and blurs when zoomed in; $__rate_interval follows the "
        "graph's resolution and the scrape interval\n"
        "d.json:4:39: warning: panel \"P\", query B: rate() over [$__interval]; use [$__rate_interval] "
        "[dashboards/rate-interval]\n"
        "  hint: $__interval can be shorter than two scrapes, and the graph then shows gaps; $__rate_interval is "
        "never shorter than four scrape intervals\n"
        "d.json:4:68: warning: panel \"P\", query B: rate() over [${__interval}]; use [$__rate_interval] "
        "[dashboards/rate-interval]\n"
        "  hint: $__interval can be shorter than two scrapes, and the graph then shows gaps; $__rate_interval is "
        "never shorter than four scrape intervals\n");
}

}  // namespace mlmon::dashboards
