// Input series as promtool loads them: its load script, its quirks, mlmon's bounds.
#include "ruletest/input_series.hpp"

#include <doctest/doctest.h>

#include "engine/value.hpp"

using namespace mlmon;
using namespace mlmon::ruletest;

namespace {

InputSeries series(std::string s, std::string v) {
  InputSeries out;
  out.series = std::move(s);
  out.values = std::move(v);
  return out;
}

}  // namespace

TEST_CASE("input series: samples every interval from the start, gaps skipped, stale markers kept") {
  const std::vector<InputSeries> in{series("up", "1 _ 3 stale"), series("x{a=\"b\"}", "_x2 5")};
  const SeriesLoad load = load_input_series(in, 60'000, 1'000);
  REQUIRE_FALSE(load.error);
  REQUIRE(load.series.size() == 2);
  const auto& up = load.series[0].samples;
  REQUIRE(up.size() == 3);
  CHECK(up[0].t == 1'000);
  CHECK(up[1].t == 121'000);
  CHECK(up[1].v == 3);
  CHECK(engine::is_stale_nan(up[2].v));
  CHECK(load.series[1].samples.at(0).t == 121'000);
}

TEST_CASE("input series: promtool's quirks: a later line replaces an earlier one, an empty line ends them") {
  SeriesLoad load = load_input_series({series("up", "1"), series("up", "2 2")}, 60'000, 0);
  REQUIRE(load.series.size() == 1);
  CHECK(load.series[0].samples.size() == 2);
  // `values: |` keeps a final line break: the script then has an empty line, and promtool's load
  // command ends there, ignoring the series after it.
  load = load_input_series({series("a", "1\n"), series("b", "1")}, 60'000, 0);
  REQUIRE_FALSE(load.error);
  REQUIRE(load.series.size() == 1);
  CHECK(load.series[0].labels.get("__name__") == "a");
}

TEST_CASE("input series: errors in promtool's words, positioned in its load script") {
  const std::vector<InputSeries> in{series("up", "1"), series("down", "1 2 x")};
  const SeriesLoad load = load_input_series(in, 60'000, 0);
  REQUIRE(load.error);
  CHECK(load.error->promtool_text == R"(3:10: parse error: unexpected "x")");
  CHECK(load.error->offset == 9);
  CHECK(load.error->source == &in[1]);
}

TEST_CASE("input series: mlmon refuses more values in a test group than it should hold") {
  const SeriesLoad load = load_input_series({series("a", "1x10"), series("b", "1x10")}, 60'000, 0, 15);
  REQUIRE(load.error);
  CHECK(load.error->message == "more than 15 input values in one test group: mlmon refuses to load them");
}
