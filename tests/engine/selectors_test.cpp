// Selection over time: lookback and range windows (left-open), offset, @, subqueries, and series
// that appear or vanish inside a range query.
#include <doctest/doctest.h>

#include "script.hpp"

using mlmon::engine::testing::check_script;

TEST_CASE("lookback and range windows exclude their left boundary") {
  check_script(R"promql(
load 5m
  x 1 2

eval instant at 299999ms x
  x 1

eval instant at 10m x

eval instant at 599999ms x
  x 2

eval instant at 5m count_over_time(x[5m])
  {} 1

eval instant at 5m count_over_time(x[5m1ms])
  {} 2
)promql");
}

TEST_CASE("a series appearing and vanishing inside a range query") {
  check_script(R"promql(
load 1m
  appear _ _ 1 2 _ _ _ _ _ _ _

eval range from 0 to 10m step 1m appear
  appear _ _ 1 2 2 2 2 2 _ _ _

eval range from 0 to 10m step 1m count_over_time(appear[2m])
  {} _ _ 1 2 1 _ _ _ _ _ _
)promql");
}

TEST_CASE("offset, negative offset, @ with start() and end(), and @ beyond the data") {
  check_script(R"promql(
load 1m
  x 0 1 2 3 4 5 6 7 8 9 10

eval instant at 5m x offset 2m
  x 3

eval instant at 5m x offset -2m
  x 7

eval instant at 5m x @ 60
  x 1

eval instant at 5m x @ 120 offset 1m
  x 1

# @ after the data: the last sample is at 10m, visible until its lookback ends at 15m.
eval instant at 5m x @ 800
  x 10

eval instant at 5m x @ 900

eval instant at 5m x @ 10000

eval instant at 5m x @ -100

eval range from 1m to 3m step 1m x @ start()
  x 1 1 1

eval range from 1m to 3m step 1m x @ end()
  x 3 3 3

eval range from 1m to 3m step 1m x offset -1m
  x 2 3 4
)promql");
}

TEST_CASE("huge offsets and @ timestamps select nothing and do not overflow") {
  check_script(R"promql(
load 1m
  x 1 2

eval instant at 1m x offset 100y

eval instant at 1m x offset -100y

# Two samples in a 100-year window: extrapolated by half an interval at the start.
eval instant at 1m rate(x[100y])
  {} 4.756468797564688e-10

eval instant at 1m count_over_time(x[100y])
  {} 2

eval instant at 1m x @ 9223372036854775

eval instant at 1m count_over_time(x[1m] @ -9223372036854775)

eval instant at 1m max_over_time(x[10y:1y] offset -10y)
)promql");
}

TEST_CASE("subquery steps are aligned to multiples of the step from the epoch") {
  check_script(R"promql(
load 1m
  x 0 1 2 3 4 5

# Inner steps at the multiples of 1m in (2m30s - 3m, 2m30s]: 0, 1m, 2m.
eval instant at 150s count_over_time(x[3m:1m])
  {} 3

eval instant at 150s sum_over_time(x[3m:1m])
  {} 3

# The default step is 1m (the runner's evaluation interval).
eval instant at 5m count_over_time(x[5m:])
  {} 5

eval instant at 5m x[2m:1m]
  expect range vector from 4m to 5m step 1m
  x 4 5

# A subquery with @: steps at (60s - 2m, 60s].
eval instant at 5m sum_over_time(x[2m:1m] @ 60)
  {} 1
)promql");
}

TEST_CASE("regex matchers are anchored and . matches newlines; empty matchers match missing labels") {
  check_script(R"promql(
load 1m
  x{a="ab"} 1
  x{a="b"} 2
  x{a="line\nbreak"} 3
  x 4

eval instant at 0 x{a=~"b"}
  x{a="b"} 2

eval instant at 0 x{a=~"line.break"}
  x{a="line\nbreak"} 3

eval instant at 0 x{a=""}
  x 4

eval instant at 0 x{a!~"a.*|b"}
  x{a="line\nbreak"} 3
  x 4

eval instant at 0 x{a=~"(?i)AB"}
  x{a="ab"} 1

eval instant at 0 {"x", a="b"}
  x{a="b"} 2
)promql");
}
