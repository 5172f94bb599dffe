// Functions on corner cases Prometheus's own test files do not cover: NaN, ±Inf, empty input, a
// single sample, stale markers, parameters out of range. Expected values worked out by hand from
// functions.go (and, where the semantics did not change, checked against promtool 3.5).
#include <doctest/doctest.h>

#include "script.hpp"

using mlmon::engine::testing::check_script;

TEST_CASE("math functions on special values") {
  check_script(R"promql(
load 1m
  x{v="zero"} 0
  x{v="one"} 1
  x{v="minus_one"} -1
  x{v="half"} 2.5
  x{v="minus_half"} -2.5
  x{v="nan"} NaN
  x{v="inf"} Inf
  x{v="minus_inf"} -Inf

eval instant at 0 abs(x)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} 1
  {v="half"} 2.5
  {v="minus_half"} 2.5
  {v="nan"} NaN
  {v="inf"} Inf
  {v="minus_inf"} Inf

eval instant at 0 ceil(x)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} -1
  {v="half"} 3
  {v="minus_half"} -2
  {v="nan"} NaN
  {v="inf"} Inf
  {v="minus_inf"} -Inf

eval instant at 0 floor(x)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} -1
  {v="half"} 2
  {v="minus_half"} -3
  {v="nan"} NaN
  {v="inf"} Inf
  {v="minus_inf"} -Inf

# Ties round toward +Inf: -2.5 becomes -2.
eval instant at 0 round(x)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} -1
  {v="half"} 3
  {v="minus_half"} -2
  {v="nan"} NaN
  {v="inf"} Inf
  {v="minus_inf"} -Inf

eval instant at 0 round(x{v=~"half|minus_half"}, 2)
  {v="half"} 2
  {v="minus_half"} -2

eval instant at 0 sqrt(x)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} NaN
  {v="half"} 1.5811388300841898
  {v="minus_half"} NaN
  {v="nan"} NaN
  {v="inf"} Inf
  {v="minus_inf"} NaN

eval instant at 0 ln(x)
  {v="zero"} -Inf
  {v="one"} 0
  {v="minus_one"} NaN
  {v="half"} 0.9162907318741551
  {v="minus_half"} NaN
  {v="nan"} NaN
  {v="inf"} Inf
  {v="minus_inf"} NaN

eval instant at 0 exp(x{v=~"zero|inf|minus_inf|nan"})
  {v="zero"} 1
  {v="inf"} Inf
  {v="minus_inf"} 0
  {v="nan"} NaN

eval instant at 0 sgn(x)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} -1
  {v="half"} 1
  {v="minus_half"} -1
  {v="nan"} NaN
  {v="inf"} 1
  {v="minus_inf"} -1

eval instant at 0 atanh(x{v=~"one|minus_one|zero"})
  {v="zero"} 0
  {v="one"} Inf
  {v="minus_one"} -Inf

eval instant at 0 sin(x{v=~"inf|nan"})
  {v="inf"} NaN
  {v="nan"} NaN

# clamp follows Go's math.Max/Min: NaN stays NaN.
eval instant at 0 clamp(x, 0, 1)
  {v="zero"} 0
  {v="one"} 1
  {v="minus_one"} 0
  {v="half"} 1
  {v="minus_half"} 0
  {v="nan"} NaN
  {v="inf"} 1
  {v="minus_inf"} 0

eval instant at 0 clamp_min(x{v=~"nan|minus_inf|half"}, 0)
  {v="nan"} NaN
  {v="minus_inf"} 0
  {v="half"} 2.5

eval instant at 0 clamp_max(x{v=~"nan|inf|minus_half"}, 0)
  {v="nan"} NaN
  {v="inf"} 0
  {v="minus_half"} -2.5

# A maximum below the minimum gives nothing.
eval instant at 0 clamp(x, 1, 0)
)promql");
}

TEST_CASE("functions on empty input and on constants") {
  check_script(R"promql(
load 1m
  x 1

eval instant at 0 abs(nonexistent)

eval instant at 0 sum_over_time(nonexistent[5m])

eval instant at 0 scalar(nonexistent)
  NaN

eval instant at 0 scalar(x)
  1

eval instant at 0 vector(scalar(nonexistent))
  {} NaN

eval instant at 0 absent(nonexistent{job="a", instance=~"b"})
  {job="a"} 1

eval instant at 0 absent(x)

eval instant at 1m time()
  60

eval instant at 0 pi()
  3.141592653589793

eval instant at 0 histogram_quantile(0.5, nonexistent)

eval instant at 0 sort(nonexistent)
)promql");
}

TEST_CASE("rate, increase, delta, irate and idelta over a counter with a reset") {
  // Window (0, 5m] holds 10 20 30 5 15: the reset adds 30, so the increase is 35 over 4 minutes,
  // extrapolated by one minute at the start (below 1.1 × the average interval, and above the
  // zero point) and none at the end.
  check_script(R"promql(
load 1m
  c_total 0 10 20 30 5 15

eval instant at 5m rate(c_total[5m])
  {} 0.14583333333333334

eval instant at 5m increase(c_total[5m])
  {} 43.75

eval instant at 5m delta(c_total[5m])
  {} 6.25

eval instant at 5m irate(c_total[5m])
  {} 0.16666666666666666

eval instant at 5m idelta(c_total[5m])
  {} 10

eval instant at 4m irate(c_total[5m])
  {} 0.08333333333333333

eval instant at 5m resets(c_total[5m])
  {} 1

eval instant at 5m changes(c_total[5m])
  {} 4

# One sample in the window: no rate; resets and changes are 0.
eval instant at 5m rate(c_total[1m])

eval instant at 5m resets(c_total[1m])
  {} 0

eval instant at 5m changes(c_total[1m])
  {} 0
)promql");
}

TEST_CASE("rate extrapolates to the zero point of a counter, not below it") {
  // 5 10 15 at 1m, 2m, 3m; window (0, 3m]: the counter would reach 0 at 0, one minute before the
  // first sample, which is also the extrapolation limit.
  check_script(R"promql(
load 1m
  c_total _ 5 10 15

eval instant at 3m increase(c_total[3m])
  {} 15

# The first sample is two intervals after the window's start: the extrapolation is half an
# interval (the zero point, at 50, is far away).
clear
load 1m
  c_total _ _ 50 55 60

eval instant at 4m increase(c_total[4m])
  {} 12.5
)promql");
}

TEST_CASE("regression, over-time aggregates and quantiles over one window") {
  check_script(R"promql(
load 1m
  g 0 10 20 30 5 15

eval instant at 5m deriv(g[5m])
  {} -0.008333333333333333

eval instant at 5m predict_linear(g[5m], 60)
  {} 14.5

eval instant at 5m avg_over_time(g[5m])
  {} 16

eval instant at 5m sum_over_time(g[5m])
  {} 80

eval instant at 5m count_over_time(g[5m])
  {} 5

eval instant at 5m min_over_time(g[5m])
  {} 5

eval instant at 5m max_over_time(g[5m])
  {} 30

eval instant at 5m stdvar_over_time(g[5m])
  {} 74

eval instant at 5m stddev_over_time(g[5m])
  {} 8.602325267042627

eval instant at 5m last_over_time(g[5m])
  g 15

eval instant at 5m first_over_time(g[5m])
  g 10

eval instant at 5m present_over_time(g[5m])
  {} 1

eval instant at 5m quantile_over_time(0.5, g[5m])
  {} 15

eval instant at 5m quantile_over_time(0.25, g[5m])
  {} 10

eval instant at 5m quantile_over_time(1.5, g[5m])
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 1.5
  {} +Inf

eval instant at 5m quantile_over_time(-1, g[5m])
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got -1
  {} -Inf

eval instant at 5m quantile_over_time(NaN, g[5m])
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got NaN
  {} NaN

eval instant at 5m mad_over_time(g[5m])
  {} 5

eval instant at 5m ts_of_max_over_time(g[5m])
  {} 180

eval instant at 5m ts_of_min_over_time(g[5m])
  {} 240

eval instant at 5m ts_of_first_over_time(g[5m])
  {} 60

eval instant at 5m ts_of_last_over_time(g[5m])
  {} 300

eval instant at 5m double_exponential_smoothing(g[5m], 0.5, 0.5)
  {} 19.375

eval instant at 5m double_exponential_smoothing(g[5m], 1, 0.5)
  expect fail msg: invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000

eval instant at 5m double_exponential_smoothing(g[5m], 0.5, 0)
  expect fail msg: invalid trend factor. Expected: 0 < tf < 1, got: 0.000000

eval instant at 5m deriv(g[1m])

eval instant at 5m absent_over_time(g[5m])

eval instant at 5m absent_over_time(nonexistent{job="a"}[5m])
  {job="a"} 1
)promql");
}

TEST_CASE("over-time functions with NaN and infinities in the window") {
  check_script(R"promql(
load 1m
  n 1 NaN 3
  i 1 Inf -Inf
  big 1e308 1e308 1e308

eval instant at 2m max_over_time(n[5m])
  {} 3

eval instant at 2m min_over_time(n[5m])
  {} 1

eval instant at 2m sum_over_time(n[5m])
  {} NaN

eval instant at 2m sum_over_time(i[5m])
  {} NaN

eval instant at 2m mad_over_time(n[5m])
  {} NaN

# The sum overflows; avg_over_time continues with an incremental mean.
eval instant at 2m avg_over_time(big[5m])
  {} 1e308

eval instant at 2m sum_over_time(big[5m])
  {} +Inf

eval instant at 2m stddev_over_time(i[5m])
  {} NaN

eval instant at 2m changes(n[5m])
  {} 2
)promql");
}

TEST_CASE("stale markers end a series and are never part of a range window") {
  check_script(R"promql(
load 1m
  s 1 2 stale 4

eval instant at 1m s
  s 2

eval instant at 2m s

eval instant at 3m s
  s 4

eval instant at 3m count_over_time(s[5m])
  {} 3

eval instant at 2m last_over_time(s[5m])
  s 2

# A window with only a stale marker is empty.
eval instant at 2m count_over_time(s[30s])

eval range from 0 to 4m step 1m s
  s 1 2 _ 4 4
)promql");
}

TEST_CASE("label_replace and label_join") {
  check_script(R"promql(
load 1m
  x{a="foo-1", b="bar"} 1

eval instant at 0 label_replace(x, "dst", "$1-$2", "a", "(\\w+)-(\\d)")
  x{a="foo-1", b="bar", dst="foo-1"} 1

# $1x is the group named "1x", which does not exist.
eval instant at 0 label_replace(x, "dst", "$1x", "a", "(.*)")
  x{a="foo-1", b="bar"} 1

eval instant at 0 label_replace(x, "dst", "${1}x", "a", "(.*)")
  x{a="foo-1", b="bar", dst="foo-1x"} 1

eval instant at 0 label_replace(x, "dst", "$$1", "a", "(.*)")
  x{a="foo-1", b="bar", dst="$1"} 1

eval instant at 0 label_replace(x, "dst", "$name", "a", "(?P<name>foo)-.*")
  x{a="foo-1", b="bar", dst="foo"} 1

# The regex is anchored: no match leaves the series unchanged.
eval instant at 0 label_replace(x, "dst", "y", "a", "foo")
  x{a="foo-1", b="bar"} 1

# An empty replacement deletes the label.
eval instant at 0 label_replace(x, "b", "", "a", ".*")
  x{a="foo-1"} 1

eval instant at 0 label_replace(x, "dst", "y", "a", "(")
  expect fail msg: invalid regular expression in label_replace(): (

eval instant at 0 label_replace(x, "", "y", "a", ".*")
  expect fail regex: ^invalid destination label name in label_replace\(\): $

eval instant at 0 label_join(x, "dst", "/", "a", "missing", "b")
  x{a="foo-1", b="bar", dst="foo-1//bar"} 1

eval instant at 0 label_join(x, "dst", "/", "")
  expect fail regex: ^invalid source label name in label_join\(\): $
)promql");
}

TEST_CASE("date functions: UTC fields of the value, or of the time without argument") {
  check_script(R"promql(
load 1m
  t{at="leap"} 1709251199
  t{at="negative"} -1
  t{at="nan"} NaN

eval instant at 0 day_of_month(t{at="leap"})
  {at="leap"} 29

eval instant at 0 days_in_month(t{at="leap"})
  {at="leap"} 29

eval instant at 0 day_of_year(t{at="leap"})
  {at="leap"} 60

eval instant at 0 day_of_week(t{at="leap"})
  {at="leap"} 4

eval instant at 0 hour(t{at="leap"})
  {at="leap"} 23

eval instant at 0 minute(t{at="leap"})
  {at="leap"} 59

eval instant at 0 year(t{at="negative"})
  {at="negative"} 1969

eval instant at 0 month(t{at="negative"})
  {at="negative"} 12

# NaN is math.MinInt64 seconds in Go; its calendar fields come from Go's wrapping arithmetic.
eval instant at 0 year(t{at="nan"})
  {at="nan"} 292277026596

eval instant at 0 month(t{at="nan"})
  {at="nan"} 12

eval instant at 0 day_of_month(t{at="nan"})
  {at="nan"} 4

eval instant at 0 days_in_month(t{at="nan"})
  {at="nan"} 31

eval instant at 90061s day_of_month()
  {} 2

eval instant at 90061s hour()
  {} 1
)promql");
}

TEST_CASE("histogram_quantile on classic buckets: monotonicity fix, missing +Inf, parameters") {
  check_script(R"promql(
load 1m
  b_bucket{le="1"} 10
  b_bucket{le="2"} 20
  b_bucket{le="+Inf"} 20
  nonmono_bucket{le="1"} 10
  nonmono_bucket{le="2"} 5
  nonmono_bucket{le="3"} 20
  nonmono_bucket{le="+Inf"} 20
  noinf_bucket{le="1"} 10
  noinf_bucket{le="2"} 20
  neg_bucket{le="-1"} 10
  neg_bucket{le="+Inf"} 20
  bad_bucket{le="x"} 1
  empty_bucket{le="1"} 0
  empty_bucket{le="+Inf"} 0

eval instant at 0 histogram_quantile(0.5, b_bucket)
  {} 1

eval instant at 0 histogram_quantile(0.75, b_bucket)
  {} 1.5

# The rank falls in the +Inf bucket: the second-highest bound.
eval instant at 0 histogram_quantile(1, b_bucket)
  {} 2

eval instant at 0 histogram_quantile(-0.5, b_bucket)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got -0.5
  {} -Inf

eval instant at 0 histogram_quantile(1.5, b_bucket)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 1.5
  {} +Inf

eval instant at 0 histogram_quantile(NaN, b_bucket)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got NaN
  {} NaN

# 5 is raised to 10; the median (rank 10) is then in the first bucket.
eval instant at 0 histogram_quantile(0.5, nonmono_bucket)
  expect info msg: PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "nonmono_bucket"
  {} 1

eval instant at 0 histogram_quantile(0.5, noinf_bucket)
  {} NaN

# The lowest bucket's bound is not above 0: the quantile is that bound.
eval instant at 0 histogram_quantile(0.25, neg_bucket)
  {} -1

eval instant at 0 histogram_quantile(0.5, bad_bucket)
  expect warn msg: PromQL warning: bucket label "le" is missing or has a malformed value of "x" for metric name "bad_bucket"

eval instant at 0 histogram_quantile(0.5, empty_bucket)
  {} NaN

eval instant at 0 histogram_fraction(0, 1.5, b_bucket)
  {} 0.75

eval instant at 0 histogram_fraction(2, 1, b_bucket)
  {} 0

eval instant at 0 histogram_fraction(0, 1, noinf_bucket)
  {} NaN
)promql");
}

TEST_CASE("timestamp() of a selector returns the sample's time, also with @ and offset") {
  check_script(R"promql(
load 1m
  x 1 2 3

eval instant at 150s timestamp(x)
  {} 120

eval instant at 150s timestamp(x offset 1m)
  {} 60

eval instant at 10m timestamp(x @ 90)
  {} 60

eval instant at 150s timestamp(-x)
  {} 150
)promql");
}

// An instant query over metrics that no series has is answered without evaluating it when that
// is provably empty (rule tests run thousands of such queries); everything that makes a value, a
// warning or an error from nothing must still be evaluated.
TEST_CASE("queries over missing metrics: empty, unless something makes a value, a warning or an error") {
  check_script(R"(
load 1m
  present{job="a"} 1+1x10

eval instant at 5m missing > 1

eval instant at 5m time() - missing > 5

eval instant at 5m max by (job) (rate(missing[5m])) > 0.1

eval instant at 5m histogram_quantile(0.9, sum by (le) (rate(missing_bucket[5m])))

eval instant at 5m present and missing

eval instant at 5m present unless missing
  present{job="a"} 6

eval instant at 5m missing or present
  present{job="a"} 6

eval instant at 5m absent(missing)
  {} 1

eval instant at 5m sum(missing) or vector(0)
  {} 0

eval instant at 5m histogram_quantile(2, missing)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 2

# Prometheus warns about the quantile per series read: none here, no warning.
eval instant at 5m quantile_over_time(-1, missing[5m])

eval instant at 5m max_over_time(missing[5m] anchored)
  expect fail msg: anchored modifier can only be used with: changes, delta, increase, rate, resets - not with max_over_time

eval instant at 5m count_values("v", missing)

eval instant at 5m topk(2, missing)
)");
}

// Fuzzer finding: the emptiness check looked at each side of a binary operator again per clause,
// so a chain of n operators over a metric that exists took 2^n steps (this one would not finish).
TEST_CASE("a deep expression is checked for emptiness in linear time") {
  // missing - (present + (missing - (present + ... present))): each level's right side is one the
  // check cannot prove empty, which the old check then looked at twice.
  std::string query = "present";
  for (int i = 0; i < 48; ++i) query = "missing - (present + " + query + ")";
  check_script("load 1m\n  present{job=\"a\"} 1+1x10\n\neval instant at 5m " + query + "\n");
}
