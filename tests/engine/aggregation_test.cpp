// Aggregation operators on corner cases: NaN and infinities, overflow, k and φ out of range,
// grouping with and without __name__.
#include <doctest/doctest.h>

#include "script.hpp"

using mlmon::engine::testing::check_script;

TEST_CASE("sum, avg, min, max, count, group, stddev, stdvar with NaN and infinities") {
  check_script(R"promql(
load 1m
  v{g="a", i="1"} 1
  v{g="a", i="2"} NaN
  v{g="a", i="3"} 3
  v{g="b", i="1"} Inf
  v{g="b", i="2"} -Inf
  v{g="c", i="1"} NaN
  big{i="1"} 1e308
  big{i="2"} 1e308

eval instant at 0 sum by (g) (v)
  {g="a"} NaN
  {g="b"} NaN
  {g="c"} NaN

eval instant at 0 min by (g) (v)
  {g="a"} 1
  {g="b"} -Inf
  {g="c"} NaN

eval instant at 0 max by (g) (v)
  {g="a"} 3
  {g="b"} Inf
  {g="c"} NaN

eval instant at 0 count by (g) (v)
  {g="a"} 3
  {g="b"} 2
  {g="c"} 1

eval instant at 0 group by (g) (v)
  {g="a"} 1
  {g="b"} 1
  {g="c"} 1

eval instant at 0 stddev by (g) (v{g!="a"})
  {g="b"} NaN
  {g="c"} NaN

eval instant at 0 stdvar(v{g="a", i!="2"})
  {} 1

# The running sum overflows: avg switches to the incremental mean and stays finite.
eval instant at 0 avg(big)
  {} 1e308

eval instant at 0 sum(big)
  {} +Inf

eval instant at 0 avg(nonexistent)
)promql");
}

TEST_CASE("grouping: by keeps only listed labels, without always drops __name__") {
  check_script(R"promql(
load 1m
  a{job="x", inst="1"} 1
  a{job="x", inst="2"} 2
  b{job="x", inst="1"} 4

eval instant at 0 sum by (job) ({__name__=~"a|b"})
  {job="x"} 7

eval instant at 0 sum by (__name__) ({__name__=~"a|b"})
  a 3
  b 4

eval instant at 0 sum without (inst) ({__name__=~"a|b"})
  {job="x"} 7

eval instant at 0 sum by (nonexistent) (a)
  {} 3

eval instant at 0 sum(a)
  {} 3
)promql");
}

TEST_CASE("topk and bottomk: NaN is the worst value; k below 1, NaN or too large") {
  check_script(R"promql(
load 1m
  v{i="1"} 1
  v{i="2"} NaN
  v{i="3"} 3

eval_ordered instant at 0 topk(2, v)
  v{i="3"} 3
  v{i="1"} 1

eval_ordered instant at 0 bottomk(2, v)
  v{i="1"} 1
  v{i="3"} 3

eval_ordered instant at 0 topk(3, v)
  v{i="3"} 3
  v{i="1"} 1
  v{i="2"} NaN

eval_ordered instant at 0 bottomk(5, v)
  v{i="1"} 1
  v{i="3"} 3
  v{i="2"} NaN

eval instant at 0 topk(0, v)

eval instant at 0 topk(-1, v)

eval instant at 0 topk(NaN, v)
  expect fail msg: Parameter value is NaN

eval instant at 0 topk(1e19, v)
  expect fail msg: Scalar value 1e+19 overflows int64

eval instant at 0 bottomk(-1e19, v)

eval instant at 0 topk(1.9, v)
  v{i="3"} 3
)promql");
}

TEST_CASE("quantile: φ outside [0, 1] or NaN, with a warning") {
  check_script(R"promql(
load 1m
  v{i="1"} 1
  v{i="2"} 2
  v{i="3"} 3
  v{i="4"} 4

eval instant at 0 quantile(0.5, v)
  {} 2.5

eval instant at 0 quantile(0, v)
  {} 1

eval instant at 0 quantile(1, v)
  {} 4

eval instant at 0 quantile(-0.1, v)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got -0.1
  {} -Inf

eval instant at 0 quantile(1.1, v)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 1.1
  {} +Inf

eval instant at 0 quantile(NaN, v)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got NaN
  {} NaN
)promql");
}

TEST_CASE("count_values formats values like strconv 'f' -1") {
  check_script(R"promql(
load 1m
  v{i="1"} 1e6
  v{i="2"} 1e6
  v{i="3"} NaN
  v{i="4"} -Inf
  v{i="5"} 0.1

eval instant at 0 count_values("value", v)
  {value="1000000"} 2
  {value="NaN"} 1
  {value="-Inf"} 1
  {value="0.1"} 1

# With without, the value label is not added to the grouping: overwriting i and then dropping it
# leaves one group.
eval instant at 0 count_values without (i) ("i", v)
  {} 5

eval instant at 0 count_values("", v)
  expect fail msg: invalid label name ""
)promql");
}

TEST_CASE("limitk and limit_ratio (experimental)") {
  check_script(R"promql(
load 1m
  v{i="1"} 1
  v{i="2"} 2
  v{i="3"} 3

eval instant at 0 count(limitk(2, v))
  {} 2

eval instant at 0 count(limit_ratio(1, v))
  {} 3

eval instant at 0 count(limit_ratio(-1, v))
  {} 3

eval instant at 0 limit_ratio(0, v)

eval instant at 0 count(limit_ratio(1.5, v))
  expect warn msg: PromQL warning: ratio value should be between -1 and 1, got 1.5, capping to 1
  {} 3

eval instant at 0 limit_ratio(NaN, v)
  expect fail msg: Ratio value is NaN

# A ratio and its complement split the series.
eval instant at 0 count(limit_ratio(0.5, v) or limit_ratio(-0.5, v))
  {} 3
)promql");
}
