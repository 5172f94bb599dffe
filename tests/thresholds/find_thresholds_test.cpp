#include "thresholds/find_thresholds.hpp"

#include <doctest/doctest.h>

#include "promql/parser.hpp"

namespace {

// "op text side" for each threshold, e.g. "> 0.5 right".
std::vector<std::string> thresholds_of(std::string_view expr) {
  auto parsed = mlmon::promql::parse(expr, mlmon::promql::Features::all());
  REQUIRE_MESSAGE(!parsed.error, parsed.error->message);
  std::vector<std::string> out;
  for (const auto& site : mlmon::thresholds::find_thresholds(parsed.ast->root())) {
    const auto& lit = *site.literal;
    out.push_back(site.op_text() + " " + std::string(expr.substr(lit.begin, lit.text_end - lit.begin)) +
                  (site.literal_on_left ? " left" : " right"));
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("find_thresholds: the number on one side of the top-level comparison") {
  CHECK(thresholds_of("model:latency:p99 > 0.5") == V{"> 0.5 right"});
  CHECK(thresholds_of("0.5 < model:latency:p99") == V{"< 0.5 left"});
  CHECK(thresholds_of("up{job=\"x\"} == 0") == V{"== 0 right"});
  CHECK(thresholds_of("rate(x[5m]) >= 1e5") == V{">= 1e5 right"});
  CHECK(thresholds_of("x != -1") == V{"!= -1 right"});
  CHECK(thresholds_of("x <= 0x1f") == V{"<= 0x1f right"});
  CHECK(thresholds_of("time() - x > 10m") == V{"> 10m right"});
  CHECK(thresholds_of("x > bool 3") == V{"> bool 3 right"});
  CHECK(thresholds_of("1 > bool 0") == V{"> bool 0 right"});  // both numbers: the right one
}

TEST_CASE("find_thresholds: through parentheses and and/or/unless, in source order") {
  CHECK(thresholds_of("(x > (5))") == V{"> 5 right"});
  CHECK(thresholds_of("x > 80 and on (instance) y == 0") == V{"> 80 right", "== 0 right"});
  CHECK(thresholds_of("(a > 1 or b < 2) unless c >= 3") == V{"> 1 right", "< 2 right", ">= 3 right"});
  CHECK(thresholds_of("x > 5 unless y") == V{"> 5 right"});
}

TEST_CASE("find_thresholds: nothing inside arithmetic, functions or aggregations") {
  CHECK(thresholds_of("x").empty());
  CHECK(thresholds_of("(x > 5) * 100").empty());
  CHECK(thresholds_of("count(x > 5)").empty());
  CHECK(thresholds_of("x > y").empty());
  CHECK(thresholds_of("absent(x)").empty());
  CHECK(thresholds_of("count(x > 5) > 3") == V{"> 3 right"});
  CHECK(thresholds_of("x / y > 0.5 * 2").empty());  // the right side is arithmetic, not a literal
}
