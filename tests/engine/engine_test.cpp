// Evaluation through the public API: result types, server defaults (immediate __name__ removal),
// limits and Prometheus's error messages.
#include "engine/engine.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/series_notation.hpp"
#include "promql/parser.hpp"

using namespace mlmon;
using namespace mlmon::engine;

namespace {

Storage store(std::initializer_list<std::pair<const char*, const char*>> series, int64_t step_ms = 60'000) {
  Storage s;
  for (const auto& [metric, values] : series) {
    auto labels = parse_series_labels(metric);
    REQUIRE(labels);
    auto vals = parse_series_values(values);
    REQUIRE(vals);
    int64_t t = 0;
    for (const SequenceValue& v : *vals) {
      if (!v.omitted) REQUIRE_FALSE(s.append(*labels, t, v.value));
      t += step_ms;
    }
  }
  return s;
}

struct Query {
  std::unique_ptr<promql::Ast> ast;
  explicit Query(const std::string& expr) {
    auto parsed = promql::parse(expr, promql::Features::all());
    REQUIRE_MESSAGE(!parsed.error, expr);
    ast = std::move(parsed.ast);
  }
  const promql::Node& root() const { return ast->root(); }
};

Expected<QueryResult> instant(const Storage& s, const std::string& expr, int64_t t, const EvalOptions& o = {}) {
  return evaluate_instant(s, Query(expr).root(), t, o);
}

Expected<QueryResult> range(const Storage& s, const std::string& expr, int64_t start, int64_t end, int64_t step,
                            const EvalOptions& o = {}) {
  return evaluate_range(s, Query(expr).root(), start, end, step, o);
}

std::string error_of(const Expected<QueryResult>& r) { return r ? std::string("<no error>") : r.error().message; }

}  // namespace

TEST_CASE("an instant selector reads the newest sample within the lookback window, left-open") {
  const Storage s = store({{"x", "1 2 3"}});
  auto r = instant(s, "x", 90'000);
  REQUIRE(r);
  const auto& v = std::get<Vector>(r->value);
  REQUIRE(v.size() == 1);
  CHECK(v[0].v == 2);
  CHECK(v[0].t == 90'000);
  CHECK(v[0].metric.to_string() == "{__name__=\"x\"}");
  auto gone = instant(s, "x", 7 * 60'000);
  REQUIRE(gone);
  CHECK(std::get<Vector>(gone->value).empty());
}

TEST_CASE("result types: scalar, string, matrix sorted by labels, range queries") {
  const Storage s = store({{"x{b=\"2\"}", "1 2 3"}, {"x{b=\"1\"}", "4 5 6"}});
  auto scalar = instant(s, "1 + 2", 0);
  REQUIRE(scalar);
  CHECK(std::get<Scalar>(scalar->value).v == 3);
  auto str = instant(s, "\"hello\"", 5000);
  REQUIRE(str);
  CHECK(std::get<String>(str->value).v == "hello");
  CHECK(std::get<String>(str->value).t == 5000);
  auto m = instant(s, "x[2m]", 120'000);
  REQUIRE(m);
  const auto& mat = std::get<Matrix>(m->value);
  REQUIRE(mat.size() == 2);
  CHECK(mat[0].metric.get("b") == "1");
  REQUIRE(mat[0].points.size() == 2);
  CHECK(mat[0].points[0] == Point{60'000, 5});
  auto r = range(s, "x * 2", 0, 120'000, 60'000);
  REQUIRE(r);
  const auto& rm = std::get<Matrix>(r->value);
  REQUIRE(rm.size() == 2);
  CHECK(rm[1].metric.to_string() == "{b=\"2\"}");
  CHECK(rm[1].points == std::vector<Point>{{0, 2}, {60'000, 4}, {120'000, 6}});
  auto sr = range(s, "time()", 0, 60'000, 30'000);
  REQUIRE(sr);
  REQUIRE(std::get<Matrix>(sr->value).size() == 1);
  CHECK(std::get<Matrix>(sr->value)[0].points.size() == 3);
}

TEST_CASE("immediate __name__ removal (the server default) fails where labels collide at a node") {
  const Storage s = store({{"a{i=\"1\"}", "1"}, {"b{i=\"1\"}", "2"}});
  // Each function drops the name at once: two series with {i="1"}.
  CHECK(error_of(instant(s, "abs({__name__=~\"a|b\"})", 0)) == "vector cannot contain metrics with the same labelset");
  CHECK(error_of(instant(s, "count_over_time({__name__=~\"a|b\"}[5m])", 0)) ==
        "vector cannot contain metrics with the same labelset");
  CHECK(error_of(instant(s, "last_over_time({__name__=~\"a|b\"}[5m])", 0)) == "<no error>");
  // Delayed removal keeps the name until the end, where the collision remains.
  EvalOptions delayed;
  delayed.delayed_name_removal = true;
  CHECK(error_of(instant(s, "abs({__name__=~\"a|b\"})", 0, delayed)) ==
        "vector cannot contain metrics with the same labelset");
  // ...but a later operation may make the labels unique again.
  auto ok = instant(s, "label_replace(abs({__name__=~\"a|b\"}), \"n\", \"$1\", \"__name__\", \"(.*)\")", 0, delayed);
  REQUIRE(ok);
  CHECK(std::get<Vector>(ok->value).size() == 2);
  CHECK(error_of(instant(s, "label_replace(abs({__name__=~\"a|b\"}), \"n\", \"$1\", \"__name__\", \"(.*)\")", 0)) ==
        "vector cannot contain metrics with the same labelset");
  // In a range query, -a or -b is one series in immediate mode too: `or` keeps the left one.
  auto r = range(s, "-a or -b", 0, 60'000, 60'000);
  REQUIRE(r);
  REQUIRE(std::get<Matrix>(r->value).size() == 1);
  CHECK(std::get<Matrix>(r->value)[0].points.front().v == -1);
}

TEST_CASE("rate and increase note metric names that do not look like counters") {
  const Storage s = store({{"requests", "1 2 3"}, {"requests_total", "1 2 3"}});
  auto r = instant(s, "rate(requests[5m])", 120'000);
  REQUIRE(r);
  CHECK(r->annotations.infos ==
        std::set<std::string>{"PromQL info: metric might not be a counter, name does not end in "
                              "_total/_sum/_count/_bucket: \"requests\""});
  auto t = instant(s, "rate(requests_total[5m])", 120'000);
  REQUIRE(t);
  CHECK(t->annotations.empty());
}

TEST_CASE("the sample limit fails with Prometheus's message") {
  const Storage s = store({{"x{i=\"1\"}", "0+1x100"}, {"x{i=\"2\"}", "0+1x100"}});
  EvalOptions o;
  o.max_samples = 150;
  CHECK(error_of(instant(s, "x[2h]", 100 * 60'000, o)) ==
        "query processing would load too many samples into memory in query execution");
  CHECK(error_of(instant(s, "max_over_time(x[2h:1m])", 100 * 60'000, o)) ==
        "query processing would load too many samples into memory in query execution");
  // One window at a time: each series' 101 samples fit.
  CHECK(error_of(instant(s, "max_over_time(x[2h])", 100 * 60'000, o)) == "<no error>");
  CHECK(error_of(range(s, "x", 0, 100 * 60'000, 60'000, o)) ==
        "query processing would load too many samples into memory in query execution");
}

TEST_CASE("evaluation is bounded: runaway subqueries report Prometheus's timeout message") {
  const Storage s = store({{"x", "1"}});
  EvalOptions o;
  o.max_work = 1'000'000;
  CHECK(error_of(instant(s, "count_over_time(x[100y:1s])", 0, o)) == "query timed out in expression evaluation");
  CHECK(error_of(instant(s, "count_over_time(x[1h:1s])", 0, o)) == "<no error>");
}

TEST_CASE("range query checks: step, order of start and end, resolution, expression type") {
  const Storage s = store({{"x", "1"}});
  CHECK(error_of(range(s, "x", 0, 60'000, 0)) ==
        "zero or negative query resolution step widths are not accepted. Try a positive integer");
  CHECK(error_of(range(s, "x", 60'000, 0, 1000)) == "end timestamp must not be before start time");
  CHECK(error_of(range(s, "x", 0, 11'001'000, 1000)) ==
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
  CHECK(error_of(range(s, "x", 0, 11'000'000, 1000)) == "<no error>");
  CHECK(error_of(range(s, "x[5m]", 0, 60'000, 1000)) ==
        "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
  CHECK(error_of(range(s, "\"s\"", 0, 60'000, 1000)) ==
        "invalid expression type \"string\" for range query, must be Scalar or instant Vector");
}

TEST_CASE("@ and negative offsets can be disabled, with Prometheus's messages") {
  const Storage s = store({{"x", "1"}});
  EvalOptions o;
  o.enable_at_modifier = false;
  CHECK(error_of(instant(s, "x @ 0", 0, o)) == "@ modifier is disabled");
  o.enable_at_modifier = true;
  o.enable_negative_offset = false;
  CHECK(error_of(instant(s, "x offset -1m", 0, o)) == "negative offset is disabled");
  CHECK(error_of(instant(s, "x offset 1m", 0, o)) == "<no error>");
}

TEST_CASE("duration expressions are evaluated with the query's step and range") {
  const Storage s = store({{"x", "0+1x10"}});
  auto r = instant(s, "count_over_time(x[2m * 2])", 5 * 60'000);
  REQUIRE(r);
  CHECK(std::get<Vector>(r->value)[0].v == 4);
  CHECK(error_of(instant(s, "x[step()]", 0)) == "2:8: duration must be greater than 0");
  auto rr = range(s, "count_over_time(x[step() * 3])", 5 * 60'000, 6 * 60'000, 60'000);
  REQUIRE(rr);
  CHECK(std::get<Matrix>(rr->value)[0].points[0].v == 3);
  CHECK(error_of(instant(s, "x[1m - 2m]", 0)) == "2:9: duration must be greater than 0");
}

TEST_CASE("native histogram data is reported as unsupported, never evaluated") {
  Storage s;
  REQUIRE_FALSE(s.append(Labels({{"__name__", "x"}}), 0, 1));
  s.mark_native_histograms(Labels({{"__name__", "h"}}));
  auto ok = instant(s, "x", 0);
  REQUIRE(ok);
  auto r = instant(s, "{__name__=~\".+\"}", 0);
  REQUIRE_FALSE(r);
  CHECK(r.error().unsupported);
  CHECK(r.error().message == "native histograms are not supported yet");
}

TEST_CASE("the store rejects out-of-order and conflicting samples as Prometheus's TSDB does") {
  Storage s;
  const Labels l({{"__name__", "x"}});
  CHECK_FALSE(s.append(l, 1000, 1));
  CHECK(s.append(l, 500, 1) == std::optional<std::string>("out of order sample"));
  CHECK_FALSE(s.append(l, 1000, 1));
  CHECK(s.append(l, 1000, 2) == std::optional<std::string>("duplicate sample for timestamp"));
  CHECK_FALSE(s.append(l, 2000, stale_nan()));
  CHECK(s.append(l, 1500, 3) == std::optional<std::string>("out of order sample"));
  CHECK(s.series_count() == 1);
  CHECK(s.sample_count() == 2);
}

TEST_CASE("a store can grow between evaluations (as rule unit tests need)") {
  Storage s;
  const Labels l({{"__name__", "x"}});
  Query q("x");
  REQUIRE_FALSE(s.append(l, 0, 1));
  auto a = evaluate_instant(s, q.root(), 0);
  REQUIRE(a);
  CHECK(std::get<Vector>(a->value)[0].v == 1);
  REQUIRE_FALSE(s.append(l, 60'000, 2));
  REQUIRE_FALSE(s.append(Labels({{"__name__", "x"}, {"a", "b"}}), 60'000, 5));
  auto b = evaluate_instant(s, q.root(), 60'000);
  REQUIRE(b);
  CHECK(std::get<Vector>(b->value).size() == 2);
}

TEST_CASE("a query cache sees series created after it selected, in label order, and a cleared store afresh") {
  Storage s = store({{"x{a=\"2\"}", "1 1 1"}, {"y", "5"}});
  const Query q("sum without () (-x)");
  QueryCache cache;
  auto labels_of = [&](int64_t t) {
    auto r = evaluate_instant(s, q.root(), t, {}, &cache);
    REQUIRE(r);
    std::string out;
    for (const Sample& smp : std::get<Vector>(r->value))
      out += smp.metric.to_string() + "=" + std::to_string(smp.v) + " ";
    return out;
  };
  CHECK(labels_of(60'000) == "{a=\"2\"}=-1.000000 ");
  // A new series sorting before the cached one, and an empty one (not selected until it has a sample).
  REQUIRE_FALSE(s.append(Labels{{"__name__", "x"}, {"a", "1"}}, 120'000, 3));
  s.series(Labels{{"__name__", "x"}, {"a", "0"}});
  CHECK(labels_of(120'000) == "{a=\"1\"}=-3.000000 {a=\"2\"}=-1.000000 ");
  REQUIRE_FALSE(s.append(Labels{{"__name__", "x"}, {"a", "0"}}, 120'000, 4));
  CHECK(labels_of(120'000) == "{a=\"0\"}=-4.000000 {a=\"1\"}=-3.000000 {a=\"2\"}=-1.000000 ");
  s.clear();
  REQUIRE_FALSE(s.append(Labels{{"__name__", "x"}, {"a", "9"}}, 0, 7));
  CHECK(labels_of(0) == "{a=\"9\"}=-7.000000 ");
}
