#include <doctest/doctest.h>

#include "check_helpers.hpp"

using mlmon::test::check_text;
using mlmon::test::Lines;

namespace {

// A rule file with one alerting rule whose body is `body` (indented under `- alert: A`).
std::string alert(const std::string& body) { return "groups:\n  - name: g\n    rules:\n      - alert: A\n" + body; }

const std::string kGoodAnnotations =
    "        annotations:\n"
    "          summary: s\n"
    "          description: d\n";

}  // namespace

TEST_CASE("alerts/for: missing or zero for") {
  CHECK(check_text(alert("        expr: up == 0\n        labels:\n          severity: warning\n" + kGoodAnnotations)) ==
        Lines{"4:16: alerts/for: alert \"A\" has no `for`; it fires on the first matching evaluation"});
  CHECK(check_text(alert("        expr: up == 0\n        for: 0s\n        labels:\n          severity: warning\n" +
                         kGoodAnnotations)) ==
        Lines{"6:14: alerts/for: alert \"A\" has `for: 0s`; it fires on the first matching evaluation"});
}

TEST_CASE("alerts/required-labels: missing label and disallowed value") {
  CHECK(check_text(alert("        expr: up == 0\n        for: 5m\n" + kGoodAnnotations)) ==
        Lines{"4:16: alerts/required-labels: alert \"A\" has no \"severity\" label"});
  CHECK(
      check_text(alert("        expr: up == 0\n        for: 5m\n        labels:\n          severity: page\n" +
                       kGoodAnnotations)) ==
      Lines{
          "8:21: alerts/required-labels: alert \"A\" has severity=\"page\"; allowed values: critical, warning, info"});
}

TEST_CASE("alerts/required-annotations and alerts/runbook-url") {
  CHECK(check_text(alert("        expr: up == 0\n        for: 5m\n        labels:\n          severity: info\n"
                         "        annotations:\n          summary: ''\n          runbook_url: wiki/A\n")) ==
        Lines{"4:16: alerts/required-annotations: alert \"A\" has no \"description\" annotation",
              "10:20: alerts/required-annotations: alert \"A\" has no \"summary\" annotation",
              "11:24: alerts/runbook-url: runbook_url of alert \"A\" is not an http(s) URL: \"wiki/A\""});
}

TEST_CASE("alerts/template-labels: labels removed by aggregation") {
  CHECK(check_text(alert("        expr: sum by (job) (rate(errors_total[5m])) > 1\n        for: 5m\n"
                         "        labels:\n          severity: info\n"
                         "        annotations:\n"
                         "          summary: \"{{ $labels.job }} on {{ $labels.instance }}\"\n"
                         "          description: d\n")) ==
        Lines{"10:53: alerts/template-labels: template of annotation \"summary\" uses label \"instance\", which the "
              "expression of alert \"A\" does not produce"});
  // A selector keeps every label; without() removes only the listed ones.
  CHECK(check_text(
            alert("        expr: up == 0\n        for: 5m\n        labels:\n          severity: info\n"
                  "        annotations:\n          summary: '{{ $labels.instance }}'\n          description: d\n")) ==
        Lines{});
  CHECK(check_text(alert("        expr: sum without (instance) (up) == 0\n        for: 5m\n"
                         "        labels:\n          severity: info\n"
                         "        annotations:\n          summary: '{{ $labels.instance }} {{ $labels.job }}'\n"
                         "          description: d\n")) ==
        Lines{"10:32: alerts/template-labels: template of annotation \"summary\" uses label \"instance\", which the "
              "expression of alert \"A\" does not produce"});
}

TEST_CASE("rules/record-naming") {
  CHECK(
      check_text("groups:\n  - name: g\n    rules:\n      - record: errors_rate\n        expr: sum(up)\n"
                 "      - record: job:errors:rate5m\n        expr: sum by (job) (up)\n") ==
      Lines{"4:17: rules/record-naming: recording rule name \"errors_rate\" does not follow level:metric:operations"});
}

TEST_CASE("promql/counter-comparison") {
  CHECK(check_text(alert("        expr: (http_request_duration_seconds_bucket{le=\"0.5\"}) > 100\n        for: 5m\n"
                         "        labels:\n          severity: info\n" +
                         kGoodAnnotations)) ==
        Lines{"5:16: promql/counter-comparison: \"http_request_duration_seconds_bucket\" is a counter compared without "
              "rate(); once it passes the threshold it never goes back"});
  CHECK(check_text(alert("        expr: rate(http_requests_count[5m]) > 100\n        for: 5m\n"
                         "        labels:\n          severity: info\n" +
                         kGoodAnnotations)) == Lines{});
}

TEST_CASE("rules/duplicate: same name, labels and expression") {
  const std::string rule = "      - record: job:up:sum\n        expr: sum by (job) (up)\n";
  CHECK(check_text("groups:\n  - name: g\n    rules:\n" + rule + rule) ==
        Lines{"6:17: rules/duplicate: duplicate rule \"job:up:sum\": same labels and expression as rule 1 of group "
              "\"g\" at line 4"});
  // Different labels, or the same text split differently between label and value, are no duplicate.
  auto labelled = [](const std::string& key, const std::string& value) {
    return "      - record: job:up:sum\n        expr: sum by (job) (up)\n        labels:\n          " + key + ": " +
           value + "\n";
  };
  CHECK(check_text("groups:\n  - name: g\n    rules:\n" + labelled("a", "x") + labelled("a", "y")) == Lines{});
  CHECK(check_text("groups:\n  - name: g\n    rules:\n" + labelled("ab", "c") + labelled("a", "bc")) == Lines{});
  // A group label counts as the rule's own.
  CHECK(check_text("groups:\n  - name: g\n    labels:\n      a: x\n    rules:\n" + rule + labelled("a", "x")) ==
        Lines{"8:17: rules/duplicate: duplicate rule \"job:up:sum\": same labels and expression as rule 1 of group "
              "\"g\" at line 6"});
}

TEST_CASE("inline comments silence one check on one rule") {
  const std::string text =
      "groups:\n  - name: g\n    rules:\n"
      "      # mlmon: disable=alerts/for,alerts/required-labels\n"
      "      - alert: A\n        expr: up == 0\n" +
      kGoodAnnotations + "      - alert: B\n        expr: up == 0\n" + kGoodAnnotations;
  CHECK(check_text(text) ==
        Lines{"10:16: alerts/for: alert \"B\" has no `for`; it fires on the first matching evaluation",
              "10:16: alerts/required-labels: alert \"B\" has no \"severity\" label"});
}

// Before, lint waited for a file Prometheus would load: a file with four mistakes showed two, and
// the other two only on the next run.
TEST_CASE("lint runs on the rules that decoded even when Prometheus would refuse the file") {
  CHECK(check_text(alert("        expr: up ==\n")) ==
        Lines{"4:16: alerts/for: alert \"A\" has no `for`; it fires on the first matching evaluation",
              "4:16: alerts/required-annotations: alert \"A\" has no \"summary\" annotation",
              "4:16: alerts/required-annotations: alert \"A\" has no \"description\" annotation",
              "4:16: alerts/required-labels: alert \"A\" has no \"severity\" label",
              "5:20: promql/parse: group \"g\", rule 1, \"A\": could not parse expression: parse error: unexpected "
              "end of input"});
}

TEST_CASE("where lint cannot run, one info line says so") {
  // Not YAML: nothing decodes.
  CHECK(check_text("groups:\n  - name: g\n    rules: [\n") ==
        Lines{"0:0: rules/lint-skipped: lint checks did not run on this file: it is not valid YAML",
              "4:1: yaml/syntax: end of sequence flow not found"});
  // A group that is not a mapping: the other group is linted, and the info counts the one that is not.
  CHECK(check_text("groups:\n  - just a string\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n"
                   "        for: 5m\n        labels: {severity: critical}\n"
                   "        annotations: {summary: s, description: d}\n") ==
        Lines{"0:0: rules/lint-skipped: lint checks did not run on 1 group that did not decode; fix the errors above "
              "and run again",
              "2:5: rules/schema: cannot unmarshal !!str `just a ...` into rulefmt.RuleGroup"});
  // `groups` of the wrong kind: nothing to lint.
  CHECK(check_text("groups: 3\n") ==
        Lines{"0:0: rules/lint-skipped: lint checks did not run on this file: its rule groups could not be read",
              "1:9: rules/schema: cannot unmarshal !!int `3` into []rulefmt.RuleGroup"});
  // No lint asked for: no info either.
  mlmon::rules::CheckRulesOptions no_lint;
  no_lint.lint = false;
  CHECK(check_text("groups: 3\n", no_lint) ==
        Lines{"1:9: rules/schema: cannot unmarshal !!int `3` into []rulefmt.RuleGroup"});
}

TEST_CASE("a `# mlmon: disable=` comment naming no rule lint check is an error, with a suggestion") {
  const std::string text =
      "groups:\n  - name: g\n    rules:\n"
      "      # mlmon: disable=alerts/fr, rules/schema,alerts/for\n"
      "      - alert: A\n        expr: up == 0\n" +
      kGoodAnnotations;
  CHECK(check_text(text) ==
        Lines{"4:24: config/unknown-check: \"alerts/fr\" is not a lint check of rule files, so this comment silences "
              "nothing; did you mean \"alerts/for\"?",
              "4:35: config/unknown-check: \"rules/schema\" is not a lint check of rule files, so this comment "
              "silences nothing",
              "5:16: alerts/required-labels: alert \"A\" has no \"severity\" label"});
}
