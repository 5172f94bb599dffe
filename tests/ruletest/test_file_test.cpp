// The test file's strict decoder: what yaml.v2's UnmarshalStrict refuses, in its words, and every
// problem's position.
#include "ruletest/test_file.hpp"

#include <doctest/doctest.h>

using namespace mlmon;
using namespace mlmon::ruletest;

namespace {

DecodedTestFile decode(const std::string& text) {
  return decode_test_file(std::make_shared<SourceFile>("t.yml", text));
}

}  // namespace

TEST_CASE("test file: the model") {
  const auto d = decode(R"(rule_files: [a.yml, "b/*.yml"]
evaluation_interval: 30s
group_eval_order: [x, y]
fuzzy_compare: yes
tests:
  - name: g
    interval: 1m
    external_labels: {cluster: c}
    external_url: http://x
    start_timestamp: 2024-01-01T00:00:00Z
    input_series:
      - series: up
        values: 1 2
    alert_rule_test:
      - eval_time: 5m
        alertname: A
        exp_alerts:
          - exp_labels: {severity: page, n: 1}
            exp_annotations: {summary: s}
    promql_expr_test:
      - expr: up
        eval_time: 1h
        exp_samples:
          - labels: up
            value: 1e3
  - {}
)");
  REQUIRE(d.ok());
  const TestFile& f = d.file;
  CHECK(f.rule_files.size() == 2);
  CHECK(f.rule_files[1].value == "b/*.yml");
  CHECK(f.evaluation_interval_ms == 30'000);
  CHECK(f.fuzzy_compare);  // yaml.v2 reads YAML 1.1's yes as true
  REQUIRE(f.tests.size() == 2);
  const TestGroup& g = f.tests[0];
  CHECK(g.start_ms == 1704067200000);
  CHECK(g.input_series[0].values == "1 2");
  CHECK(g.alert_tests[0].exp_alerts[0].labels == StringPairs{{"severity", "page"}, {"n", "1"}});
  CHECK(g.expr_tests[0].eval_time_ms == 3'600'000);
  CHECK(g.expr_tests[0].exp_samples[0].value == 1000);
  CHECK(g.max_eval_time_ms() == 3'600'000);
  CHECK(f.tests[1].display_name(1) == "unnamed#1");
}

TEST_CASE("test file: type errors and unknown fields, all of them, in yaml.v2's words") {
  const auto d = decode(
      "tests:\n  - interval: 1m\n    foo: 1\n    name: [x]\n    interval: 2m\n"
      "    promql_expr_test:\n      - exp_samples:\n          - value: \"3\"\n");
  REQUIRE(d.problems.size() == 4);
  CHECK(d.promtool_error() ==
        "yaml: unmarshal errors:\n"
        "  line 3: field foo not found in type main.testGroup\n"
        "  line 4: cannot unmarshal !!seq into string\n"
        "  line 5: field interval already set in type main.testGroup\n"
        "  line 8: cannot unmarshal !!str `3` into float64");
  CHECK(d.problems[1].pos.line == 4);
  CHECK(d.problems[1].pos.col == 11);
}

TEST_CASE("test file: a bad duration ends yaml.v2's decoding; mlmon still finds the rest") {
  const auto d = decode("tests:\n  - foo: 1\n    interval: 5mins\n    alert_rule_test:\n      - eval_time: 1.5h\n");
  REQUIRE(d.problems.size() == 3);
  CHECK(d.promtool_error() == R"(unknown unit "mins" in duration "5mins")");
  CHECK(d.problems[2].message == R"(unknown unit "." in duration "1.5h")");
  CHECK(d.problems[2].pos.line == 5);
}

TEST_CASE("test file: start_timestamp as promtool's parseTime") {
  CHECK(parse_start_timestamp("0") == 0);
  CHECK(parse_start_timestamp("1609459200") == 1609459200000);
  CHECK(parse_start_timestamp("1.5") == 1500);
  CHECK(parse_start_timestamp("2024-01-01T00:00:00Z") == 1704067200000);
  CHECK(parse_start_timestamp("2024-01-01T01:00:00.25+01:00") == 1704067200250);
  CHECK_FALSE(parse_start_timestamp("2024-02-30T00:00:00Z"));
  CHECK_FALSE(parse_start_timestamp("yesterday"));
  const auto d = decode("tests:\n  - start_timestamp: yesterday\n");
  REQUIRE(d.problems.size() == 1);
  CHECK(d.promtool_error() == R"(cannot parse "yesterday" to a valid timestamp)");
}
