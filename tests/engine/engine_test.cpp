// Evaluation through the public API: instant and range queries over a Storage.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/engine.hpp"
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

Expected<QueryResult> instant(const Storage& s, const std::string& expr, int64_t t, EvalOptions o = {}) {
  auto parsed = promql::parse(expr, promql::Features::all());
  REQUIRE_MESSAGE(!parsed.error, expr);
  return evaluate_instant(s, parsed.ast->root(), t, o);
}

}  // namespace

TEST_CASE("an instant selector reads the newest sample within the lookback window, left-open") {
  const Storage s = store({{"x", "1 2 3"}});
  auto r = instant(s, "x", 90'000);
  REQUIRE(r);
  const auto& v = std::get<Vector>(r->value);
  REQUIRE(v.size() == 1);
  CHECK(v[0].v == 2);
  CHECK(v[0].t == 90'000);
  // 5m after the last sample (at 2m) it is gone: (7m-5m, 7m] excludes 2m.
  auto gone = instant(s, "x", 7 * 60'000);
  REQUIRE(gone);
  CHECK(std::get<Vector>(gone->value).empty());
}
