// The rule-file differ behind `mlmon diff OLD.yml NEW.yml`.
#include "rules/rule_diff.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>

#include "core/change_set.hpp"
#include "rules/loader.hpp"

namespace mlmon::rules {

namespace {

RuleFile load(const std::string& text, const std::string& path) {
  auto file = load_rule_file(std::make_shared<SourceFile>(path, text));
  if (!file) FAIL("cannot load " << path << ": " << file.error().message);
  return std::move(*file);
}

ChangeSet diff(const std::string& a, const std::string& b) {
  return diff_rule_files(load(a, "old.yml"), load(b, "new.yml"));
}

std::string diff_text(const std::string& a, const std::string& b) {
  std::ostringstream out;
  render_changes_text(diff(a, b), out);
  return out.str();
}

/// "line:col: message" of a file that does not load, or "loaded".
std::string load_error(const std::string& text) {
  auto file = load_rule_file(std::make_shared<SourceFile>("bad.yml", text));
  if (file) return "loaded";
  const Diagnostic& d = file.error();
  return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message;
}

/// Replaces the one occurrence of `from`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, from);
  return text.replace(at, from.size(), to);
}

const std::string kBase = R"y(groups:
  - name: api
    interval: 1m
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - alert: HighLatency
        expr: histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5
        for: 5m
        labels:
          severity: warning
        annotations:
          summary: High latency
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 2m
        labels:
          severity: critical
)y";

}  // namespace

TEST_CASE("rule diff: identical files, and files that differ only in form, have no changes") {
  CHECK(diff(kBase, kBase).empty());
  // Key order, comments, quoting, flow style, indentation, block scalars, anchors.
  const std::string reformatted = R"y(# the API
groups:
- rules:
  - expr: "sum   by(job)(rate(http_requests_total[5m]))"
    record: 'job:http_requests:rate5m'
  - annotations: {summary: "High latency"}
    labels: {severity: warning}   # paged in office hours
    for: 300s
    alert: HighLatency
    expr: |
      histogram_quantile(
        0.99,
        sum(rate(latency_bucket[5m])) by (le)
      ) > 0.50
  - alert: ApiDown
    for: &two 2m
    expr: >-
      up{job = "api"}
      == 0
    labels:
      severity: "critical"
  interval: 60s
  name: api
)y";
  CHECK(diff_text(kBase, reformatted) == "");
  CHECK(diff_text(reformatted, kBase) == "");
}

TEST_CASE("rule diff: a threshold change is reported as the threshold alone") {
  CHECK(diff_text(kBase, with(kBase, "> 0.5", "> 0.3")) ==
        "~ alert \"HighLatency\" (group \"api\"): threshold: 0.5 → 0.3\n");
  // Written differently but the same number: no change.
  CHECK(diff_text(kBase, with(kBase, "> 0.5", "> 5e-1")) == "");
  // Sign and non-JSON spellings are kept as written.
  CHECK(diff_text(kBase, with(kBase, "== 0", "== -1")) == "~ alert \"ApiDown\" (group \"api\"): threshold: 0 → -1\n");
  CHECK(diff_text(kBase, with(kBase, "== 0", "== 0x10")) ==
        "~ alert \"ApiDown\" (group \"api\"): threshold: 0 → \"0x10\"\n");
  // One field per threshold that changed, numbered as `mlmon thresholds` numbers them.
  const std::string two = with(kBase, "up{job=\"api\"} == 0", "up{job=\"api\"} == 0 or absent(up{job=\"api\"}) == 1");
  CHECK(diff_text(two, with(two, "== 1", "== 2")) == "~ alert \"ApiDown\" (group \"api\"): threshold[1]: 1 → 2\n");
  CHECK(diff_text(two, with(with(two, "== 1", "== 2"), "== 0", "== 3")) ==
        "~ alert \"ApiDown\" (group \"api\"): threshold[0]: 0 → 3\n"
        "~ alert \"ApiDown\" (group \"api\"): threshold[1]: 1 → 2\n");
}

TEST_CASE("rule diff: redundant parentheses are no change; those that change precedence are") {
  CHECK(diff_text(kBase, with(kBase, "up{job=\"api\"} == 0", "((up{job=\"api\"}) == (0))")) == "");
  CHECK(diff_text(kBase, with(kBase, "(rate(latency_bucket[5m]))", "((rate((latency_bucket[5m]))))")) == "");
  // With the threshold changed as well, the threshold alone.
  CHECK(diff_text(kBase, with(kBase, "up{job=\"api\"} == 0", "(up{job=\"api\"} == 1)")) ==
        "~ alert \"ApiDown\" (group \"api\"): threshold: 0 → 1\n");
  const std::string sum = with(kBase, "up{job=\"api\"} == 0", "up{job=\"api\"} * 2 + 1 > 0");
  CHECK(diff_text(sum, with(sum, "up{job=\"api\"} * 2 + 1", "(up{job=\"api\"} * 2) + 1")) == "");
  CHECK(diff_text(sum, with(sum, "up{job=\"api\"} * 2 + 1", "up{job=\"api\"} * (2 + 1)")) ==
        "~ alert \"ApiDown\" (group \"api\"): expr: "
        "\"up{job=\\\"api\\\"} * 2 + 1 > 0\" → \"up{job=\\\"api\\\"} * (2 + 1) > 0\"\n");
}

TEST_CASE("rule diff: other expression changes show both canonical forms") {
  CHECK(diff_text(kBase, with(kBase, "> 0.5", ">= 0.5")) ==
        "~ alert \"HighLatency\" (group \"api\"): expr: "
        "\"histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5\" → "
        "\"histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) >= 0.5\"\n");
  // A number that is not the threshold, with the threshold changed too: the whole expression.
  CHECK(diff_text(kBase, with(kBase, "(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5",
                              "(0.9,\n          sum by (le) (rate(latency_bucket[5m]))) > 0.4")) ==
        "~ alert \"HighLatency\" (group \"api\"): expr: "
        "\"histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5\" → "
        "\"histogram_quantile(0.9, sum by (le) (rate(latency_bucket[5m]))) > 0.4\"\n");
  // Recording rules have no thresholds: a comparison there is part of what they record.
  const std::string filtered = with(kBase, "(rate(http_requests_total[5m]))", "(rate(http_requests_total[5m])) > 1");
  CHECK(
      diff_text(filtered, with(filtered, "> 1", "> 2")) ==
      "~ record \"job:http_requests:rate5m\" (group \"api\"): expr: "
      "\"sum by (job) (rate(http_requests_total[5m])) > 1\" → \"sum by (job) (rate(http_requests_total[5m])) > 2\"\n");
}

TEST_CASE("rule diff: an expression that does not parse is compared as text") {
  const std::string broken = with(kBase, "up{job=\"api\"} == 0", "up{job=\"api\" == 0");
  CHECK(diff_text(broken, broken) == "");
  CHECK(diff_text(broken, with(broken, "== 0", "== 1")) ==
        "~ alert \"ApiDown\" (group \"api\"): expr: \"up{job=\\\"api\\\" == 0\" → \"up{job=\\\"api\\\" == 1\"\n");
  CHECK(diff_text(kBase, broken) ==
        "~ alert \"ApiDown\" (group \"api\"): expr: \"up{job=\\\"api\\\"} == 0\" → \"up{job=\\\"api\\\" == 0\"\n");
}

TEST_CASE("rule diff: for and keep_firing_for compare as durations and show as written") {
  CHECK(diff_text(kBase, with(kBase, "for: 5m", "for: 10m")) ==
        "~ alert \"HighLatency\" (group \"api\"): for: \"5m\" → \"10m\"\n");
  CHECK(diff_text(kBase, with(kBase, "for: 5m", "for: 1h")) ==
        "~ alert \"HighLatency\" (group \"api\"): for: \"5m\" → \"1h\"\n");
  CHECK(diff_text(kBase, with(kBase, "for: 2m", "for: 120s")) == "");
  // Absent is 0s, as Prometheus reads it.
  CHECK(diff_text(with(kBase, "        for: 2m\n", ""), with(kBase, "for: 2m", "for: 0s")) == "");
  CHECK(diff_text(with(kBase, "        for: 2m\n", ""), kBase) ==
        "~ alert \"ApiDown\" (group \"api\"): for: (none) → \"2m\"\n");
  CHECK(diff_text(kBase, with(kBase, "for: 2m\n", "for: 2m\n        keep_firing_for: 10m\n")) ==
        "~ alert \"ApiDown\" (group \"api\"): keep_firing_for: (none) → \"10m\"\n");
}

TEST_CASE("rule diff: labels and annotations, one line per key") {
  CHECK(diff_text(kBase, with(kBase, "severity: warning", "severity: critical")) ==
        "~ alert \"HighLatency\" (group \"api\"): labels.severity: \"warning\" → \"critical\"\n");
  CHECK(diff_text(kBase,
                  with(kBase, "severity: warning", "severity: warning\n          team: ml\n          \"a.b\": x")) ==
        "~ alert \"HighLatency\" (group \"api\"): labels[\"a.b\"]: (none) → \"x\"\n"
        "~ alert \"HighLatency\" (group \"api\"): labels.team: (none) → \"ml\"\n");
  CHECK(diff_text(kBase, with(kBase, "        annotations:\n          summary: High latency\n", "")) ==
        "~ alert \"HighLatency\" (group \"api\"): annotations.summary: \"High latency\" → (none)\n");
  CHECK(diff_text(kBase, with(kBase, "summary: High latency", "summary: \"High\\nlatency\"")) ==
        "~ alert \"HighLatency\" (group \"api\"): annotations.summary: \"High latency\" → \"High\\nlatency\"\n");
}

TEST_CASE("rule diff: rules and groups added and removed") {
  const std::string more = kBase + R"y(  - name: batch
    rules:
      - alert: JobFailed
        expr: job_failed > 0
)y";
  CHECK(diff_text(kBase, more) == "+ group \"batch\"\n+ alert \"JobFailed\" (group \"batch\")\n");
  CHECK(diff_text(more, kBase) == "- group \"batch\"\n- alert \"JobFailed\" (group \"batch\")\n");
  const std::string swapped = with(kBase, "- alert: ApiDown", "- alert: ApiUnavailable");
  CHECK(diff_text(kBase, swapped) ==
        "- alert \"ApiDown\" (group \"api\")\n+ alert \"ApiUnavailable\" (group \"api\")\n");
  // An alert and a recording rule of the same name are different rules.
  const std::string recorded = with(kBase, "- alert: ApiDown", "- record: ApiDown");
  CHECK(diff_text(kBase, recorded) == "- alert \"ApiDown\" (group \"api\")\n+ record \"ApiDown\" (group \"api\")\n");
}

TEST_CASE("rule diff: group settings") {
  CHECK(diff_text(kBase, with(kBase, "interval: 1m", "interval: 60s")) == "");
  CHECK(diff_text(kBase, with(kBase, "interval: 1m",
                              "interval: 2m\n    query_offset: 30s\n    limit: 10\n    labels: {team: ml}")) ==
        "~ group \"api\": interval: \"1m\" → \"2m\"\n"
        "~ group \"api\": query_offset: (none) → \"30s\"\n"
        "~ group \"api\": limit: (none) → 10\n"
        "~ group \"api\": labels.team: (none) → \"ml\"\n");
  // No interval means the global evaluation_interval, not any particular value; no limit is 0.
  CHECK(diff_text(kBase, with(kBase, "    interval: 1m\n", "")) == "~ group \"api\": interval: \"1m\" → (none)\n");
  CHECK(diff_text(kBase, with(kBase, "interval: 1m", "interval: 1m\n    limit: 0")) == "");
}

TEST_CASE("rule diff: a rule found in another group has moved") {
  const std::string split =
      with(kBase, "      - alert: ApiDown", "  - name: availability\n    rules:\n      - alert: ApiDown");
  CHECK(diff_text(kBase, split) ==
        "+ group \"availability\"\n"
        "> alert \"ApiDown\" (group \"availability\") moved: group \"api\" → group \"availability\"\n");
  CHECK(diff_text(kBase, with(split, "for: 2m", "for: 3m")) ==
        "+ group \"availability\"\n"
        "> alert \"ApiDown\" (group \"availability\") moved: group \"api\" → group \"availability\"\n"
        "~ alert \"ApiDown\" (group \"availability\"): for: \"2m\" → \"3m\"\n");
  // A renamed group: every rule moves with it.
  CHECK(diff_text(kBase, with(kBase, "name: api", "name: http")) ==
        "- group \"api\"\n"
        "+ group \"http\"\n"
        "> record \"job:http_requests:rate5m\" (group \"http\") moved: group \"api\" → group \"http\"\n"
        "> alert \"HighLatency\" (group \"http\") moved: group \"api\" → group \"http\"\n"
        "> alert \"ApiDown\" (group \"http\") moved: group \"api\" → group \"http\"\n");
}

TEST_CASE("rule diff: order in a group matters only where a rule reads a recording rule of its group") {
  const std::string chained = R"y(groups:
  - name: g
    rules:
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors_total[5m]))
      - alert: Errors
        expr: job:errors:rate5m > 1
      - alert: Other
        expr: other > 1
)y";
  const std::string others_moved = R"y(groups:
  - name: g
    rules:
      - alert: Other
        expr: other > 1
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors_total[5m]))
      - alert: Errors
        expr: job:errors:rate5m > 1
)y";
  CHECK(diff_text(chained, others_moved) == "");
  const std::string reader_first = R"y(groups:
  - name: g
    rules:
      - alert: Errors
        expr: job:errors:rate5m > 2
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors_total[5m]))
      - alert: Other
        expr: other > 1
)y";
  CHECK(diff_text(chained, reader_first) ==
        "> alert \"Errors\" (group \"g\") moved: after record \"job:errors:rate5m\" → before record "
        "\"job:errors:rate5m\"\n"
        "~ alert \"Errors\" (group \"g\"): threshold: 1 → 2\n");
  // The recording rule moving is the same change for the rule that reads it, by any spelling.
  const std::string by_label =
      with(chained, "expr: job:errors:rate5m > 1", "expr: '{__name__=\"job:errors:rate5m\"} > 1'");
  const std::string record = "      - record: job:errors:rate5m\n        expr: sum by (job) (rate(errors_total[5m]))\n";
  const std::string recorded_last = with(by_label, record, "") + record;
  CHECK(diff_text(by_label, recorded_last) ==
        "> alert \"Errors\" (group \"g\") moved: after record \"job:errors:rate5m\" → before record "
        "\"job:errors:rate5m\"\n");
  // Groups are evaluated independently: the order of groups never matters.
  const std::string records =
      "  - name: records\n    rules:\n      - record: job:errors:rate5m\n        expr: errors\n";
  const std::string alerts =
      "  - name: alerts\n    rules:\n      - alert: Errors\n        expr: job:errors:rate5m > 1\n";
  CHECK(diff_text("groups:\n" + records + alerts, "groups:\n" + alerts + records) == "");
}

TEST_CASE("rule diff: same-named rules of a group pair by content, then labels, then order") {
  const std::string twice = R"y(groups:
  - name: g
    rules:
      - alert: ErrorRate
        expr: errors:ratio > 0.01
        for: 10m
        labels: {severity: warning}
      - alert: ErrorRate
        expr: errors:ratio > 0.05
        for: 5m
        labels: {severity: critical}
)y";
  const std::string swapped = R"y(groups:
  - name: g
    rules:
      - alert: ErrorRate
        expr: errors:ratio > 0.05
        for: 5m
        labels: {severity: critical}
      - alert: ErrorRate
        expr: errors:ratio > 0.01
        for: 10m
        labels: {severity: warning}
)y";
  CHECK(diff_text(twice, swapped) == "");
  CHECK(diff_text(twice, with(swapped, "0.05", "0.1")) ==
        "~ alert \"ErrorRate\" {severity=\"critical\"} (group \"g\"): threshold: 0.05 → 0.1\n");
  // Labels are an alert's identity (ALERTS{alertname, severity}, Alertmanager's grouping), so
  // they pair before order does: demoting both reads as the warning alert taking new settings.
  CHECK(diff_text(twice, with(with(twice, "{severity: warning}", "{severity: info}"), "{severity: critical}",
                              "{severity: warning}")) ==
        "~ alert \"ErrorRate\" {severity=\"info\"} (group \"g\"): threshold: 0.05 → 0.01\n"
        "~ alert \"ErrorRate\" {severity=\"info\"} (group \"g\"): for: \"5m\" → \"10m\"\n"
        "~ alert \"ErrorRate\" {severity=\"info\"} (group \"g\"): labels.severity: \"critical\" → \"info\"\n"
        "~ alert \"ErrorRate\" {severity=\"warning\"} (group \"g\"): threshold: 0.01 → 0.05\n"
        "~ alert \"ErrorRate\" {severity=\"warning\"} (group \"g\"): for: \"10m\" → \"5m\"\n");
  // Labels changed on both, none alike: paired in order.
  CHECK(diff_text(twice, with(with(twice, "{severity: warning}", "{severity: info}"), "{severity: critical}",
                              "{severity: page}")) ==
        "~ alert \"ErrorRate\" {severity=\"info\"} (group \"g\"): labels.severity: \"warning\" → \"info\"\n"
        "~ alert \"ErrorRate\" {severity=\"page\"} (group \"g\"): labels.severity: \"critical\" → \"page\"\n");
  // One of them removed.
  CHECK(diff_text(twice, with(twice,
                              "      - alert: ErrorRate\n        expr: errors:ratio > 0.01\n        for: 10m\n"
                              "        labels: {severity: warning}\n",
                              "")) == "- alert \"ErrorRate\" {severity=\"warning\"} (group \"g\")\n");
  // Labels that do not tell them apart: the rule's number.
  const std::string same_labels = with(twice, "{severity: critical}", "{severity: warning}");
  CHECK(diff_text(same_labels, with(same_labels, "for: 5m", "for: 1m")) ==
        "~ alert \"ErrorRate\" (group \"g\", rule 2): for: \"5m\" → \"1m\"\n");
}

TEST_CASE("rule diff: a PrometheusRule manifest compares by its groups") {
  const std::string manifest = R"y(apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: api
spec:
  groups:
    - name: api
      interval: 1m
      rules:
        - record: job:http_requests:rate5m
          expr: sum by (job) (rate(http_requests_total[5m]))
        - alert: HighLatency
          expr: histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5
          for: 5m
          labels:
            severity: warning
          annotations:
            summary: High latency
        - alert: ApiDown
          expr: up{job="api"} == 0
          for: 2m
          labels:
            severity: critical
)y";
  CHECK(diff_text(kBase, manifest) == "");
  CHECK(diff_text(manifest, with(kBase, "> 0.5", "> 1")) ==
        "~ alert \"HighLatency\" (group \"api\"): threshold: 0.5 → 1\n");
}

TEST_CASE("rule diff: a multi-document manifest file compares by the groups of all its PrometheusRules") {
  const std::string two = R"y(apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: first}
spec:
  groups:
    - name: api
      interval: 1m
      rules:
        - record: job:http_requests:rate5m
          expr: sum by (job) (rate(http_requests_total[5m]))
        - alert: HighLatency
          expr: histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m]))) > 0.5
          for: 5m
          labels:
            severity: warning
          annotations:
            summary: High latency
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: second}
spec:
  groups:
    - name: api-availability
      rules:
        - alert: ApiDown
          expr: up{job="api"} == 0
          for: 2m
          labels:
            severity: critical
)y";
  CHECK(diff_text(two, two) == "");
  CHECK(diff_text(two, with(two, "== 0", "== 2")) ==
        "~ alert \"ApiDown\" (group \"api-availability\"): threshold: 0 → 2\n");
  // The same rules in one plain file: ApiDown moved between groups, nothing else.
  CHECK(diff_text(kBase, two) ==
        "+ group \"api-availability\"\n"
        "> alert \"ApiDown\" (group \"api-availability\") moved: group \"api\" → group "
        "\"api-availability\"\n");
}

TEST_CASE("rule diff: PrometheusRules reusing a group name pair by resource, and say which") {
  const std::string team_a = R"y(apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: team-a}
spec:
  groups:
    - name: latency
      rules:
        - alert: High
          expr: x > 1
)y";
  const std::string team_b = with(with(team_a, "team-a", "team-b"), "x > 1", "y > 1");
  const std::string both = team_a + "---\n" + team_b;
  // The same resources in the other order: nothing changed (pairing by group name alone would
  // compare team-a's alert with team-b's).
  CHECK(diff_text(both, team_b + "---\n" + team_a) == "");
  CHECK(diff_text(both, with(both, "y > 1", "y > 2")) ==
        "~ alert \"High\" (group \"latency\" of PrometheusRule \"team-b\"): threshold: 1 → 2\n");
  CHECK(diff_text(both, with(both, "name: team-b", "name: team-c")) ==
        "~ group \"latency\" of PrometheusRule \"team-c\": PrometheusRule: \"team-b\" → \"team-c\"\n");
  // One PrometheusRule, renamed: its group pairs by name and the rename is reported on it.
  CHECK(diff_text(team_a, with(with(team_a, "name: team-a", "name: team-z"), "x > 1", "x > 3")) ==
        "~ group \"latency\" of PrometheusRule \"team-z\": PrometheusRule: \"team-a\" → \"team-z\"\n"
        "~ alert \"High\" (group \"latency\" of PrometheusRule \"team-z\"): threshold: 1 → 3\n");
  // Not a rename when both PrometheusRules are still there: team-a renames its group, and a new
  // team-b takes up the old group name.
  const std::string handed_over = with(team_a, "name: latency", "name: slow") + "---\n" +
                                  with(with(team_b, "alert: High", "alert: Other"), "y > 1", "z > 1");
  CHECK(diff_text(team_a, handed_over) ==
        "- group \"latency\" of PrometheusRule \"team-a\"\n"
        "+ group \"slow\" of PrometheusRule \"team-a\"\n"
        "> alert \"High\" (group \"slow\" of PrometheusRule \"team-a\") moved: group \"latency\" of PrometheusRule "
        "\"team-a\" → group \"slow\" of PrometheusRule \"team-a\"\n"
        "+ group \"latency\" of PrometheusRule \"team-b\"\n"
        "+ alert \"Other\" (group \"latency\" of PrometheusRule \"team-b\")\n");
}

TEST_CASE("rule diff: JSON output holds typed values") {
  std::ostringstream out;
  render_changes_json(diff(kBase, with(with(kBase, "> 0.5", "> 0.3"), "severity: warning", "severity: critical")),
                      "old.yml", "new.yml", out);
  CHECK(out.str() == R"y({
  "old": "old.yml",
  "new": "new.yml",
  "equal": false,
  "changes": [
    {
      "kind": "changed",
      "subject": "alert \"HighLatency\" (group \"api\")",
      "fields": [
        {
          "path": "threshold",
          "old": 0.5,
          "new": 0.3
        },
        {
          "path": "labels.severity",
          "old": "warning",
          "new": "critical"
        }
      ]
    }
  ]
}
)y");
}

TEST_CASE("load_rule_file: what does not load, and where") {
  CHECK(load_error("") == "loaded");
  CHECK(load_error("groups: []\n") == "loaded");
  CHECK(load_error("groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: [\n") ==
        "6:1: end of sequence flow not found");
  CHECK(load_error("route:\n  receiver: x\n") ==
        "1:1: not a rule file: expected `groups:` or a PrometheusRule manifest");
  CHECK(load_error("- a\n") == "1:1: not a rule file: expected `groups:` or a PrometheusRule manifest");
  CHECK(load_error("groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: x\n        severity: page\n") ==
        "6:9: field severity not found in type rulefmt.Rule");
  CHECK(load_error("groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: x\n        for: 5mins\n") ==
        "6:14: unknown unit \"mins\" in duration \"5mins\"");
}

}  // namespace mlmon::rules
