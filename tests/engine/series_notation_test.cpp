// The series notation of test files and promtool unit tests.
#include <doctest/doctest.h>

#include "engine/series_notation.hpp"
#include "engine/value.hpp"

using namespace mlmon::engine;

TEST_CASE("expanding a+bxN adds b repeatedly, N+1 values") {
  auto v = parse_series_values("1+2x3");
  REQUIRE(v);
  REQUIRE(v->size() == 4);
  CHECK((*v)[0].value == 1);
  CHECK((*v)[3].value == 7);
}
