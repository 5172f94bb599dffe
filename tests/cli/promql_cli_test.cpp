#include <doctest/doctest.h>

#include "run_cli.hpp"

using mlmon::testing::run_cli;

TEST_CASE("promql check: arguments, in order, with Prometheus's errors") {
  auto r = run_cli({"promql", "check", "sum(rate(x[5m]))", "rate(x)", "foo{"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "ok\n"
        "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector\n"
        "1:5: parse error: unexpected end of input inside braces\n");
}

TEST_CASE("promql check: stdin lines and JSON lines") {
  auto r = run_cli({"promql", "check", "--json"}, "up == 1\nsum(\n");
  CHECK(r.code == 1);
  CHECK(r.out ==
        "{\"expr\":\"up == 1\",\"ok\":true}\n"
        "{\"expr\":\"sum(\",\"ok\":false,\"error\":\"unclosed left parenthesis\",\"line\":1,\"col\":5}\n");
  CHECK(run_cli({"promql", "check"}, "up\n").out == "ok\n");
}

TEST_CASE("promql check: experimental functions need the feature flag") {
  CHECK(run_cli({"promql", "check", "sort_by_label(up, \"job\")"}).out ==
        "1:1: parse error: function \"sort_by_label\" is not enabled\n");
  CHECK(run_cli({"promql", "check", "--enable-feature=promql-experimental-functions", "sort_by_label(up, \"job\")"})
            .code == 0);
  CHECK(run_cli({"promql", "check", "--enable-feature=nope", "up"}).code == 2);
}

TEST_CASE("promql format: canonical form") {
  auto r = run_cli({"promql", "format", "SUM BY(job)(rate(x{a='b'}[5m]))"});
  CHECK(r.code == 0);
  CHECK(r.out == "sum by (job) (rate(x{a=\"b\"}[5m]))\n");
  CHECK(run_cli({"promql", "format", "up +"}).code == 1);
}
