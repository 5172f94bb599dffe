// The promqltest runner: how evals pass, fail or are unsupported, expect lines, script errors.
#include "engine/promqltest.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mlmon;
using namespace mlmon::engine;
using promqltest::Status;

namespace {

promqltest::FileResult run(const std::string& script, promql::Features f = promql::Features::all()) {
  return promqltest::run_script(script, {f});
}

}  // namespace

TEST_CASE("a wrong value, a missing and an unexpected series each fail with test.go's message") {
  const auto r = run(R"(
load 1m
  x{a="1"} 1
  x{a="2"} 2

eval instant at 0 sum(x)
  {} 4

eval instant at 0 x
  x{a="1"} 1

eval instant at 0 x
  x{a="1"} 1
  x{a="2"} 2
  x{a="3"} 3

eval range from 0 to 1m step 1m x
  x{a="1"} 1 1
  x{a="2"} 2 3
)");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.evals.size() == 4);
  CHECK(r.evals[0].status == Status::failed);
  CHECK(r.evals[0].line == 6);
  CHECK(r.evals[0].message == "expected 4 for {} but got 3");
  CHECK(r.evals[0].expected == std::vector<std::string>{"{} 4"});
  CHECK(r.evals[0].got == std::vector<std::string>{"{} 3"});
  CHECK(r.evals[1].message == "unexpected metric {__name__=\"x\", a=\"2\"} in result, has value 2");
  CHECK(r.evals[2].message == "expected metric {__name__=\"x\", a=\"3\"} with 3: [3.000000] not found");
  CHECK(r.evals[3].message ==
        "expected float value at index 1 (t=60000) for {__name__=\"x\", a=\"2\"} to be 3, but got 2 (result has 2 "
        "float points [2 @[0] 2 @[60000]])");
  CHECK(r.evals[3].got == std::vector<std::string>{"x{a=\"1\"} 1 1", "x{a=\"2\"} 2 2"});
}

TEST_CASE("expect lines: fail, warn, info, no_warn, ordered, string, range vector, scalars") {
  const auto r = run(R"(
load 1m
  x{a="1"} 1
  x{a="2"} 2
  y 1 2 3

eval instant at 0 x
  expect fail

eval instant at 0 topk(1, x) / on() group_left x
  expect fail msg: found duplicate series for the match group {} on the right hand-side of the operation: [{__name__="x", a="2"}, {__name__="x", a="1"}];many-to-many matching not allowed: matching labels must be unique on one side

eval_fail instant at 0 topk(1, x) / on() group_left x
  expected_fail_regexp found duplicate series

eval instant at 0 quantile(2, x)
  expect warn
  {} +Inf

eval instant at 0 quantile(2, x)
  expect no_warn
  {} +Inf

eval instant at 0 quantile(0.5, x)
  expect no_warn
  expect no_info
  {} 1.5

eval instant at 0 quantile(0.5, x)
  expect warn
  {} 1.5

eval_ordered instant at 0 sort_desc(x)
  x{a="2"} 2
  x{a="1"} 1

eval_ordered instant at 0 sort_desc(x)
  x{a="1"} 1
  x{a="2"} 2

eval instant at 0 "text"
  expect string "text"

eval instant at 2m y[2m]
  expect range vector from 1m to 2m step 1m
  y 2 3

eval instant at 0 1 + 1
  2

eval instant at 0 1 + 1
  3
)");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.evals.size() == 13);
  CHECK(r.evals[0].status == Status::failed);
  CHECK(r.evals[0].message == "expected error evaluating query \"x\" but got none");
  CHECK(r.evals[1].status == Status::passed);
  CHECK(r.evals[2].status == Status::passed);
  CHECK(r.evals[3].status == Status::passed);
  CHECK(r.evals[4].status == Status::failed);
  CHECK(r.evals[4].message.starts_with("unexpected warning annotations evaluating query \"quantile(2, x)\""));
  CHECK(r.evals[5].status == Status::passed);
  CHECK(r.evals[6].status == Status::failed);
  CHECK(r.evals[6].message == "expected warn annotations but none were found for query \"quantile(0.5, x)\"");
  CHECK(r.evals[7].status == Status::passed);
  CHECK(r.evals[8].status == Status::failed);
  CHECK(r.evals[8].message == "expected metric {__name__=\"x\", a=\"2\"} with [2.000000] at position 2 but was at 1");
  CHECK(r.evals[9].status == Status::passed);
  CHECK(r.evals[10].status == Status::passed);
  CHECK(r.evals[11].status == Status::passed);
  CHECK(r.evals[12].status == Status::failed);
  CHECK(r.evals[12].message == "expected scalar 3 but got 2");
}

TEST_CASE("native histograms, start timestamps and disabled features are unsupported, never passed") {
  const auto r = run(R"(
load 1m
  h {{schema:0 sum:1 count:1}}
  f 1
  c_bucket{le="1"} 1
  c_bucket{le="+Inf"} 2

eval instant at 0 f
  f 1

eval instant at 0 h
  h 1

eval instant at 0 {__name__=~".+"}
  expect fail

eval instant at 0 f
  f {{schema:0 sum:1 count:1}}

clear
load_with_nhcb 1m
  c_bucket{le="1"} 1
  c_bucket{le="+Inf"} 2

eval instant at 0 histogram_quantile(0.5, c_bucket)
  {} 1

eval instant at 0 c
  c 1

clear
load 1m
  s@st 0s
  s 1
  t 1

eval instant at 0 t
  t 1

eval instant at 0 rate(s[5m])
)");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.evals.size() == 8);
  CHECK(r.evals[0].status == Status::passed);
  CHECK(r.evals[1].status == Status::unsupported);
  CHECK(r.evals[1].message == "native histograms are not supported yet");
  // Even an expected failure: an unsupported evaluation is not Prometheus's failure.
  CHECK(r.evals[2].status == Status::unsupported);
  CHECK(r.evals[3].status == Status::unsupported);
  CHECK(r.evals[3].message == "expects native histogram results");
  CHECK(r.evals[4].status == Status::passed);
  CHECK(r.evals[5].status == Status::unsupported);
  CHECK(r.evals[6].status == Status::passed);
  CHECK(r.evals[7].status == Status::unsupported);
  CHECK(r.evals[7].message == "start timestamps (@st) are not supported yet");

  const auto flags = run(R"(
load 1m
  x 1

eval instant at 0 limitk(1, x)
  x 1
)",
                         promql::Features{});
  REQUIRE_FALSE(flags.error);
  REQUIRE(flags.evals.size() == 1);
  CHECK(flags.evals[0].status == Status::unsupported);
  CHECK(flags.evals[0].message ==
        "needs --enable-feature: limitk() is experimental and must be enabled with "
        "--enable-feature=promql-experimental-functions");
}

TEST_CASE("a malformed script fails as a whole, as Prometheus's runner fails the file") {
  const auto bad_command = run(R"(
load 1m
  x 1

eval instant at 0 x
  x 1

frobnicate
)");
  REQUIRE(bad_command.error);
  CHECK(*bad_command.error == "invalid command \"frobnicate\"");
  CHECK(bad_command.error_line == 8);
  REQUIRE(bad_command.evals.size() == 1);
  CHECK(bad_command.evals[0].status == Status::failed);
  CHECK(bad_command.evals[0].message == "not run: invalid command \"frobnicate\" (line 8)");

  const auto bad_expr = run("eval instant at 0 sum(\n");
  REQUIRE(bad_expr.error);
  CHECK(*bad_expr.error == "1:5: parse error: unclosed left parenthesis");

  const auto bad_load = run(R"(
load 1m
  x 1 2

load 1m
  x 5

eval instant at 0 x
  x 1
)");
  REQUIRE(bad_load.error);
  CHECK(*bad_load.error == "out of order sample");
  CHECK(bad_load.error_line == 5);
  REQUIRE(bad_load.evals.size() == 1);
  CHECK(bad_load.evals[0].status == Status::failed);

  const auto multi = run(R"(
load 1m
  x 1

eval instant at 0 x
  x 1 2
)");
  REQUIRE(multi.error);
  CHECK(multi.error->ends_with(
      "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' directive to "
      "enable a range vector result for an instant query"));
}

TEST_CASE("a comment line ends a block; later definitions of a series in one load replace earlier ones") {
  const auto r = run(R"(
load 1m
  x 1
  x 2 3
# the load block ends here
eval instant at 1m x
  x 3
)");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.evals.size() == 1);
  CHECK(r.evals[0].status == Status::passed);
}

TEST_CASE("histogram load lines are decoded and stored: invalid ones fail the load as the TSDB refuses them") {
  const auto ok = run(R"(
load 1m
  h {{schema:0 sum:3 count:2 buckets:[2]}}+{{sum:1 count:1 buckets:[1]}}x3
  f 1+1x3

eval instant at 2m f
  f 3

eval instant at 2m h
  h {{count:4 sum:5 counter_reset_hint:not_reset buckets:[4]}}
)");
  REQUIRE_FALSE(ok.error);
  REQUIRE(ok.evals.size() == 2);
  CHECK(ok.evals[0].status == Status::passed);
  CHECK(ok.evals[1].status == Status::unsupported);

  const auto invalid = run(R"(
load 1m
  bad {{buckets:[-1]}}

eval instant at 0 vector(1)
  {} 1
)");
  REQUIRE(invalid.error);
  CHECK(*invalid.error ==
        "positive side: bucket number 1 has observation count of -1: histogram has a bucket whose observation count is "
        "negative");

  const auto duplicate = run(R"(
load 1m
  bad {{sum:1 sum:2}}
)");
  REQUIRE(duplicate.error);
  CHECK(duplicate.error->find("duplicate key \"sum\" in histogram") != std::string::npos);
}
