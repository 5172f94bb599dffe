// Golden tests: the exact bytes of a file after set-threshold, for every scalar style and the
// edge cases of the issue. Everything but the number (or the for: value) must stay as it was.
#include <doctest/doctest.h>

#include "edit_helpers.hpp"

using thr_test::edit_error;
using thr_test::edited;

TEST_CASE("plain scalar: only the number changes; comments, spacing and other rules stay") {
  const std::string before =
      "# ML platform alerts\n"
      "groups:\n"
      "  - name: prediction   # the serving path\n"
      "    rules:\n"
      "      - alert: HighPredictionLatency\n"
      "        expr: model:prediction_latency_seconds:p99_rate5m > 0.5   \n"
      "        for: 5m\n"
      "        labels: {severity: warning}\n"
      "      - alert: Other\n"
      "        expr: other > 0.5\n";
  const std::string after =
      "# ML platform alerts\n"
      "groups:\n"
      "  - name: prediction   # the serving path\n"
      "    rules:\n"
      "      - alert: HighPredictionLatency\n"
      "        expr: model:prediction_latency_seconds:p99_rate5m > 0.25   \n"
      "        for: 5m\n"
      "        labels: {severity: warning}\n"
      "      - alert: Other\n"
      "        expr: other > 0.5\n";
  CHECK(edited(before, "HighPredictionLatency", "0.25") == after);
}

TEST_CASE("single-quoted scalar") {
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 'up{job=''x''} == 0'\n", "A", "1") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 'up{job=''x''} == 1'\n");
}

TEST_CASE("double-quoted scalar with escapes before the number") {
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: \"x{a=\\\"b\\\"}\\t> 100000\"\n", "A", "1.5e5") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: \"x{a=\\\"b\\\"}\\t> 150000\"\n");
}

TEST_CASE("literal block scalar, threshold on a continuation line") {
  const std::string before =
      "groups:\n"
      "  - name: g\n"
      "    rules:\n"
      "      - alert: KafkaLag\n"
      "        expr: |\n"
      "          sum by (group) (kafka_consumergroup_lag)\n"
      "            > 100000\n"
      "        for: 10m\n";
  CHECK(edited(before, "KafkaLag", "250000") ==
        "groups:\n"
        "  - name: g\n"
        "    rules:\n"
        "      - alert: KafkaLag\n"
        "        expr: |\n"
        "          sum by (group) (kafka_consumergroup_lag)\n"
        "            > 250000\n"
        "        for: 10m\n");
}

TEST_CASE("folded block scalar, threshold on a continuation line") {
  const std::string before =
      "groups:\n"
      "  - name: g\n"
      "    rules:\n"
      "      - alert: Drift\n"
      "        expr: >-\n"
      "          max by (model) (model_drift_score)\n"
      "          > 0.1\n";
  CHECK(edited(before, "Drift", "0.15") ==
        "groups:\n"
        "  - name: g\n"
        "    rules:\n"
        "      - alert: Drift\n"
        "        expr: >-\n"
        "          max by (model) (model_drift_score)\n"
        "          > 0.15\n");
}

TEST_CASE("plain multi-line scalar, threshold on a continuation line") {
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(x[5m])\n      > 3\n", "A", "4") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(x[5m])\n      > 4\n");
}

TEST_CASE("CRLF line endings, trailing spaces and anchors are kept") {
  const std::string before =
      "groups:\r\n"
      "  - name: g\r\n"
      "    labels: &common {team: ml}  \r\n"
      "    rules:\r\n"
      "      - alert: A\r\n"
      "        expr: x > 5 \r\n"
      "        labels: *common\r\n";
  CHECK(edited(before, "A", "7") ==
        "groups:\r\n"
        "  - name: g\r\n"
        "    labels: &common {team: ml}  \r\n"
        "    rules:\r\n"
        "      - alert: A\r\n"
        "        expr: x > 7 \r\n"
        "        labels: *common\r\n");
}

TEST_CASE("PrometheusRule manifest") {
  const std::string before =
      "apiVersion: monitoring.coreos.com/v1\n"
      "kind: PrometheusRule\n"
      "metadata:\n"
      "  name: ml\n"
      "spec:\n"
      "  groups:\n"
      "    - name: g\n"
      "      rules:\n"
      "        - alert: A\n"
      "          expr: x > 5\n";
  std::string after = before;
  after.replace(after.find("x > 5"), 5, "x > 9");
  CHECK(edited(before, "A", "9") == after);
}

TEST_CASE("signs: the folded minus is rewritten only when the sign changes") {
  const std::string base = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x < -5\n";
  CHECK(edited(base, "A", "-7") == "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x < -7\n");
  CHECK(edited(base, "A", "3") == "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x < 3\n");
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 5\n", "A", "-1") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > -1\n");
}

TEST_CASE("number on the left, bool, durations and several thresholds") {
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 0.5 < x\n", "A", "0.6") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 0.6 < x\n");
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > bool 3\n", "A", "4") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > bool 4\n");
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: time() - x > 10m\n", "A", "900") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: time() - x > 15m\n");
  const std::string two = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 80 and y == 0\n";
  CHECK(edited(two, "A", "90", std::nullopt, 0) ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 90 and y == 0\n");
  CHECK(edited(two, "A", "1", std::nullopt, 1) ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 80 and y == 1\n");
  CHECK(edit_error(two, "A", "90") ==
        "rules.yml:4: alert A has 2 thresholds; pick one with --index:\n  0: > 80 (line 5)\n  1: == 0 (line 5)");
  CHECK(edit_error(two, "A", "90", std::nullopt, 2) ==
        "rules.yml:4: alert A has no threshold --index 2; it has 2:\n  0: > 80 (line 5)\n  1: == 0 (line 5)");
}

TEST_CASE("--for changes the value's bytes only, quoted or not") {
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 5\n    for: 5m # why\n", "A", std::nullopt,
               "10m") == "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 5\n    for: 10m # why\n");
  CHECK(edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 5\n    for: \"5m\"\n", "A", "6", "1h") ==
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 6\n    for: \"1h\"\n");
}

TEST_CASE("--for inserts for: after expr in the file's own indentation and line endings") {
  // `- alert:` first: `for:` lines up with `expr:`.
  CHECK(edited("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x > 5\n        labels: {}\n", "A",
               std::nullopt, "10m") ==
        "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x > 5\n        for: 10m\n        labels: "
        "{}\n");
  // `- expr:` first, four-space indentation.
  CHECK(
      edited("groups:\n    -   name: g\n        rules:\n            -   expr: x > 5   # c\n                alert: A\n",
             "A", std::nullopt, "1m") ==
      "groups:\n    -   name: g\n        rules:\n            -   expr: x > 5   # c\n                for: 1m\n"
      "                alert: A\n");
  // A block scalar expr: after its last line.
  CHECK(
      edited("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: |\n      x\n        > 5\n\n    labels: {}\n", "A",
             std::nullopt, "2m") ==
      "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: |\n      x\n        > 5\n    for: 2m\n\n    labels: {}\n");
  // CRLF, and a last line without a line ending.
  CHECK(edited("groups:\r\n- name: g\r\n  rules:\r\n  - alert: A\r\n    expr: x > 5", "A", std::nullopt, "3m") ==
        "groups:\r\n- name: g\r\n  rules:\r\n  - alert: A\r\n    expr: x > 5\r\n    for: 3m");
  // A flow mapping rule.
  CHECK(edited("groups:\n- name: g\n  rules:\n  - {alert: A, expr: 'x > 5', labels: {}}\n", "A", std::nullopt, "4m") ==
        "groups:\n- name: g\n  rules:\n  - {alert: A, expr: 'x > 5', for: 4m, labels: {}}\n");
  // Quoted like the file's other for: values.
  CHECK(
      edited("groups:\n- name: g\n  rules:\n  - alert: B\n    expr: y\n    for: '1m'\n  - alert: A\n    expr: x > 5\n",
             "A", std::nullopt, "5m") ==
      "groups:\n- name: g\n  rules:\n  - alert: B\n    expr: y\n    for: '1m'\n  - alert: A\n    expr: x > 5\n"
      "    for: '5m'\n");
}

TEST_CASE("refused edits leave the text alone and say why") {
  // The number is written with an escape (\x35 is "5").
  CHECK(edit_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: \"x > \\x35\"\n", "A", "7") ==
        "rules.yml:4: alert A: the threshold 5 on line 5 is written with YAML escapes or a line break inside it; "
        "edit it by hand");
  // The expr is shared through an anchor with another rule.
  CHECK(
      edit_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: &e x > 5\n  - alert: B\n    expr: *e\n", "A",
                 "7") ==
      "rules.yml:4: alert A: its expr is shared with other places through a YAML anchor &e (line 5); edit it by hand");
  CHECK(edit_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > y\n", "A", "7") ==
        "rules.yml:4: alert A has no threshold: its expr is not a comparison with a number");
  CHECK(edit_error("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 5\n", "A", "abc") ==
        "invalid threshold \"abc\": expected a number such as 0.25, 1e5 or 100000");
}

TEST_CASE("the same value is not rewritten, even when spelled differently") {
  const std::string text = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > 0.50\n";
  auto r = thr_test::run_edit(text, "A", "0.5");
  CHECK(r.error.empty());
  CHECK(r.text == text);
  CHECK(r.notes == std::vector<std::string>{"rules.yml:5: A: threshold is already 0.50"});
}

TEST_CASE("unknown and ambiguous alerts") {
  const std::string text =
      "groups:\n- name: g\n  rules:\n  - alert: HighErrorRate\n    expr: x > 0.01\n    labels: {severity: warning}\n"
      "  - alert: HighErrorRate\n    expr: x > 0.05\n    labels: {severity: critical}\n";
  CHECK(edit_error(text, "HighErorRate", "1") ==
        "no alerting rule named \"HighErorRate\"; did you mean \"HighErrorRate\"?");
  CHECK(edit_error(text, "HighErrorRate", "1") ==
        "alert \"HighErrorRate\" is defined 2 times; pick one with --group, --file or --label NAME=VALUE:\n"
        "  rules.yml:4: group \"g\", severity=warning\n"
        "  rules.yml:7: group \"g\", severity=critical");
}
