// A loaded group against git's, with mlmon diff's semantics.
#include "doctor/rule_compare.hpp"

#include <doctest/doctest.h>

#include <memory>

#include "core/change_set.hpp"
#include "printers.hpp"
#include "rules/loader.hpp"

using namespace mlmon;
using namespace mlmon::doctor;

namespace {

struct RepoFile {
  std::unique_ptr<rules::RuleFile> file;
  const rules::Group& group() const { return file->groups.front(); }
};

RepoFile repo(const std::string& text) {
  auto loaded = rules::load_rule_file(std::make_shared<SourceFile>("rules/x.yml", text));
  REQUIRE(loaded);
  return RepoFile{std::make_unique<rules::RuleFile>(std::move(*loaded))};
}

LiveRule alert(std::string name, std::string query, double for_s, LabelMap labels, LabelMap annotations = {}) {
  LiveRule rule;
  rule.alerting = true;
  rule.name = std::move(name);
  rule.query = std::move(query);
  rule.duration_s = for_s;
  rule.labels = std::move(labels);
  rule.annotations = std::move(annotations);
  rule.health = "ok";
  return rule;
}

std::vector<std::string> lines(const ChangeSet& changes) { return change_lines(changes); }

const char* kRepo = R"(groups:
  - name: latency
    labels: {team: ml}
    rules:
      - alert: HighLatency
        expr: |
          job:latency:p99 >    0.5
        for: 5m
        labels: {severity: warning}
        annotations:
          summary: 'p99 of {{ $labels.job }} is high'
      - record: job:latency:p99
        expr: histogram_quantile(0.99, sum by (le, job) (rate(latency_bucket[5m])))
)";

LiveGroup live_group() {
  LiveGroup group;
  group.name = "latency";
  group.file = "/etc/prometheus/rules/x.yml";
  group.interval_s = 15;
  // As Prometheus prints it: canonical expression, `for` in seconds, the group's labels merged in.
  group.rules.push_back(alert("HighLatency", "job:latency:p99 > 0.5", 300, {{"severity", "warning"}, {"team", "ml"}},
                              {{"summary", "p99 of {{ $labels.job }} is high"}}));
  LiveRule record;
  record.name = "job:latency:p99";
  record.query = "histogram_quantile(0.99, sum by (le, job) (rate(latency_bucket[5m])))";
  record.labels = {{"team", "ml"}};
  group.rules.push_back(record);
  return group;
}

}  // namespace

TEST_CASE("a loaded group that means what git says: no change") {
  const RepoFile file = repo(kRepo);
  CHECK(compare_group(file.group(), live_group()).empty());
}

TEST_CASE("a threshold, a `for`, a label and an annotation changed in git but not reloaded") {
  const RepoFile file = repo(R"(groups:
  - name: latency
    labels: {team: ml}
    rules:
      - alert: HighLatency
        expr: job:latency:p99 > 0.3
        for: 10m
        labels: {severity: critical}
        annotations:
          summary: 'p99 of {{ $labels.job }} is very high'
      - record: job:latency:p99
        expr: histogram_quantile(0.99, sum by (le, job) (rate(latency_bucket[5m])))
)");
  CHECK(lines(compare_group(file.group(), live_group())) ==
        std::vector<std::string>{
            R"x(~ alert "HighLatency" (group "latency"): threshold: 0.5 → 0.3)x",
            R"x(~ alert "HighLatency" (group "latency"): for: "5m" → "10m")x",
            R"x(~ alert "HighLatency" (group "latency"): labels.severity: "warning" → "critical")x",
            R"x(~ alert "HighLatency" (group "latency"): annotations.summary: "p99 of {{ $labels.job }} is high")x"
            R"x( → "p99 of {{ $labels.job }} is very high")x"});
}

TEST_CASE("rules only one side has, and an expression that changed its meaning") {
  LiveGroup live = live_group();
  live.rules[1].query = "histogram_quantile(0.9, sum by (le, job) (rate(latency_bucket[5m])))";
  live.rules.push_back(alert("Old", "up == 0", 60, {{"team", "ml"}}));
  const RepoFile file = repo(std::string(kRepo) + R"(      - alert: New
        expr: up == 0
        for: 1m
)");
  CHECK(lines(compare_group(file.group(), live)) ==
        std::vector<std::string>{R"x(- alert "Old" (group "latency"))x",
                                 R"x(~ record "job:latency:p99" (group "latency"): expr: )x"
                                 R"x("histogram_quantile(0.9, sum by (le, job) (rate(latency_bucket[5m])))")x"
                                 R"x( → "histogram_quantile(0.99, sum by (le, job) (rate(latency_bucket[5m])))")x",
                                 R"x(+ alert "New" (group "latency"))x"});
}

TEST_CASE("same-named alerts pair by their labels, and the subject finds the repository's rule") {
  const RepoFile file = repo(R"(groups:
  - name: errors
    rules:
      - alert: Errors
        expr: err > 0.01
        for: 10m
        labels: {severity: warning}
      - alert: Errors
        expr: err > 0.05
        for: 5m
        labels: {severity: critical}
)");
  LiveGroup live;
  live.name = "errors";
  live.rules.push_back(alert("Errors", "err > 0.05", 300, {{"severity", "critical"}}));
  live.rules.push_back(alert("Errors", "err > 0.01", 600, {{"severity", "warning"}}));
  CHECK(compare_group(file.group(), live).empty());
  live.rules[0] = alert("Errors", "err > 0.1", 300, {{"severity", "critical"}});
  const ChangeSet changes = compare_group(file.group(), live);
  REQUIRE(lines(changes) == std::vector<std::string>{
                                R"x(~ alert "Errors" {severity="critical"} (group "errors"): threshold: 0.1 → 0.05)x"});
  const rules::Rule* rule = rule_of_subject(file.group(), changes.changes[0].subject);
  REQUIRE(rule != nullptr);
  CHECK(rule->index == 2);
  CHECK(rule_of_subject(file.group(), R"x(alert "Errors" (group "errors"))x")->index == 1);
  CHECK(rule_of_subject(file.group(), R"x(record "Errors" (group "errors"))x") == nullptr);
}

TEST_CASE("keep_firing_for compares as a duration; absent is zero") {
  const RepoFile file = repo(R"(groups:
  - name: g
    rules:
      - alert: A
        expr: up == 0
        keep_firing_for: 120s
)");
  LiveGroup live;
  live.name = "g";
  live.rules.push_back(alert("A", "up == 0", 0, {}));
  live.rules[0].keep_firing_for_s = 120;
  CHECK(compare_group(file.group(), live).empty());
  live.rules[0].keep_firing_for_s = 0;
  CHECK(lines(compare_group(file.group(), live)) ==
        std::vector<std::string>{R"x(~ alert "A" (group "g"): keep_firing_for: (none) → "120s")x"});
}

TEST_CASE("names, labels and annotations with quotes, backslashes and non-ASCII survive the comparison") {
  const RepoFile file = repo(R"(groups:
  - name: "grüße \"q\""
    rules:
      - alert: 'A'
        expr: 'up{job="a\\b"} == 0'
        labels: {"x_y": "tab\there"}
        annotations: {d: "line\nbreak — ok"}
)");
  LiveGroup live;
  live.name = "grüße \"q\"";
  live.rules.push_back(alert("A", "up{job=\"a\\\\b\"} == 0", 0, {{"x_y", "tab\there"}}, {{"d", "line\nbreak — ok"}}));
  CHECK(compare_group(file.group(), live).empty());
}
