// End-to-end: `mlmon thresholds` and `mlmon set-threshold` through mlmon_main, on temporary
// copies of the shipped rule file.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <sstream>

#include "read_text.hpp"
#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::read_text;
using mlmon::testing::TempDir;

namespace {

using mlmon::testing::CliRun;
using mlmon::testing::run_cli;

const std::string kShipped = read_text(MLMON_SOURCE_DIR "/rules/ml-platform.rules.yml");

// A copy of the shipped rules in a fresh directory.
struct Project {
  TempDir dir;
  std::string rules = dir.file("rules/ml-platform.rules.yml", kShipped);
};

// The lines that differ between two texts with the same number of lines, as "old => new".
std::vector<std::string> changed_lines(const std::string& a, const std::string& b) {
  std::istringstream sa(a);
  std::istringstream sb(b);
  std::vector<std::string> out;
  std::string la;
  std::string lb;
  while (std::getline(sa, la) && std::getline(sb, lb)) {
    if (la != lb) out.push_back(la + " => " + lb);
  }
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("thresholds: a table of every alert of the shipped rules") {
  Project p;
  const CliRun run = run_cli({"thresholds", p.rules});
  CHECK(run.code == 0);
  CHECK(run.err == "");
  std::istringstream lines(run.out);
  std::string header;
  std::string first;
  std::getline(lines, header);
  std::getline(lines, first);
  CHECK(header.starts_with("ALERT  "));
  CHECK(header.ends_with("COMPARISON  THRESHOLD  FOR  SEVERITY"));
  CHECK(first.starts_with("HighPredictionLatency       ml-platform-prediction.alerts  " + p.rules + ":14"));
  CHECK(first.ends_with(">           0.5        5m   warning"));
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 14);  // header + 13 alerts
}

TEST_CASE("thresholds --format=json") {
  Project p;
  const CliRun run = run_cli({"thresholds", "--format=json", p.rules});
  CHECK(run.code == 0);
  const auto doc = nlohmann::ordered_json::parse(run.out);
  REQUIRE(doc["alerts"].size() == 13);
  const auto& kafka = doc["alerts"][7];
  CHECK(kafka["alert"] == "CriticalKafkaLag");
  CHECK(kafka["group"] == "ml-platform-kafka.alerts");
  CHECK(kafka["file"] == p.rules);
  CHECK(kafka["line"] == 95);
  CHECK(kafka["for"] == "10m");
  CHECK(kafka["severity"] == "critical");
  CHECK(
      kafka["thresholds"].dump() ==
      R"([{"index":0,"op":">","bool":false,"side":"right","threshold":"100000","value":100000.0,"line":96,"column":65}])");
}

TEST_CASE("thresholds: several thresholds get an index, none says so, a left-hand number is marked") {
  TempDir dir;
  const auto file = dir.file("r.yml",
                             "groups:\n- name: g\n  rules:\n"
                             "  - alert: Disk\n    expr: used > 80 and on (instance) ro == 0\n"
                             "  - alert: Absent\n    expr: absent(up)\n"
                             "  - alert: Left\n    expr: 0.5 < x\n");
  const CliRun run = run_cli({"thresholds", file});
  CHECK(run.code == 0);
  const std::string loc = file + ":";
  CHECK(run.out == "ALERT    GROUP  LOCATION" + std::string(loc.size() + 1 - 8, ' ') +
                       "  COMPARISON  THRESHOLD  FOR  SEVERITY\n"
                       "Disk[0]  g      " +
                       loc +
                       "4  >           80         -    -\n"
                       "Disk[1]  g      " +
                       loc +
                       "4  ==          0          -    -\n"
                       "Absent   g      " +
                       loc +
                       "6  -           none       -    -\n"
                       "Left     g      " +
                       loc + "8  < (left)    0.5        -    -\n");
}

TEST_CASE("set-threshold changes exactly the number's line; thresholds then reports it") {
  Project p;
  const CliRun run = run_cli({"set-threshold", "HighPredictionLatency", "0.4", p.rules});
  CHECK(run.code == 0);
  CHECK(run.err == "");
  CHECK(run.out == p.rules + ":15: HighPredictionLatency: threshold 0.5 -> 0.4\n");
  CHECK(read_text(p.rules) == replaced(kShipped, "p99_rate5m > 0.5", "p99_rate5m > 0.4"));
  CHECK(run_cli({"thresholds", p.rules}).out.find("0.4        5m   warning") != std::string::npos);
  CHECK(run_cli({"check-rules", "--no-lint", "-q", p.rules}).code == 0);
}

TEST_CASE("set-threshold keeps the integer style and finds the default rules/ directory") {
  Project p;
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(p.dir.path());
  const CliRun run = run_cli({"set-threshold", "CriticalKafkaLag", "2.5e5"});
  std::filesystem::current_path(cwd);
  CHECK(run.code == 0);
  CHECK(run.out == "rules/ml-platform.rules.yml:96: CriticalKafkaLag: threshold 100000 -> 250000\n");
  CHECK(changed_lines(kShipped, read_text(p.rules)) ==
        std::vector<std::string>{"        expr: consumergroup_topic:kafka_consumergroup_lag:sum > 100000 => "
                                 "        expr: consumergroup_topic:kafka_consumergroup_lag:sum > 250000"});
}

TEST_CASE("set-threshold --dry-run prints a unified diff and writes nothing") {
  Project p;
  const CliRun run = run_cli({"set-threshold", "ModelDriftDetected", "0.15", "--for", "30m", "--dry-run", p.rules});
  CHECK(run.code == 0);
  CHECK(run.out == "--- " + p.rules + "\n+++ " + p.rules +
                       "\n"
                       "@@ -69,8 +69,8 @@\n"
                       "   - name: ml-platform-drift.alerts\n"
                       "     rules:\n"
                       "       - alert: ModelDriftDetected\n"
                       "-        expr: max by (model, feature) (model_drift_score) > 0.1\n"
                       "-        for: 15m\n"
                       "+        expr: max by (model, feature) (model_drift_score) > 0.15\n"
                       "+        for: 30m\n"
                       "         labels:\n"
                       "           severity: warning\n"
                       "           service: drift-monitor\n");
  CHECK(read_text(p.rules) == kShipped);
}

TEST_CASE("set-threshold --check: exit 1 when a file would change, 0 when it already matches") {
  Project p;
  CliRun run = run_cli({"set-threshold", "SparkJobSlow", "3600", "--check", p.rules});
  CHECK(run.code == 1);
  CHECK(run.out == "would change: " + p.rules + ":134: SparkJobSlow: threshold 7200 -> 3600\n");
  CHECK(read_text(p.rules) == kShipped);
  run = run_cli({"set-threshold", "SparkJobSlow", "2h", "--check", p.rules});  // 2h is 7200 seconds
  CHECK(run.code == 0);
  CHECK(run.out == p.rules + ":134: SparkJobSlow: threshold is already 7200\n");
}

TEST_CASE("set-threshold --for alone, and an alert defined twice picked by --label") {
  Project p;
  CliRun run = run_cli({"set-threshold", "HighPredictionErrorRate", "0.1", p.rules});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "mlmon set-threshold: alert \"HighPredictionErrorRate\" is defined 2 times; pick one with --group, --file or "
        "--label NAME=VALUE:\n"
        "  " +
            p.rules +
            ":25: group \"ml-platform-prediction.alerts\", severity=warning\n"
            "  " +
            p.rules +
            ":36: group \"ml-platform-prediction.alerts\", severity=critical\n"
            "mlmon set-threshold: nothing was written\n");
  run = run_cli({"set-threshold", "HighPredictionErrorRate", "--for", "3m", "--label", "severity=critical", p.rules});
  CHECK(run.code == 0);
  CHECK(run.out == p.rules + ":38: HighPredictionErrorRate: for 5m -> 3m\n");
  CHECK(changed_lines(kShipped, read_text(p.rules)) == std::vector<std::string>{"        for: 5m =>         for: 3m"});
}

TEST_CASE("set-threshold: bad input gives a clear error and leaves the file byte-identical") {
  Project p;
  CliRun run = run_cli({"set-threshold", "HighPredictionLatency", "abc", p.rules});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon set-threshold: invalid threshold \"abc\": expected a number such as 0.25, 1e5 or 100000\n");
  run = run_cli({"set-threshold", "HighPredictionLatency", "0.4", "--for", "5x", p.rules});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon set-threshold: invalid --for \"5x\": unknown unit \"x\" in duration \"5x\"\n");
  run = run_cli({"set-threshold", "HighPredictionLatncy", "0.4", p.rules});
  CHECK(run.code == 2);
  CHECK(
      run.err ==
      "mlmon set-threshold: no alerting rule named \"HighPredictionLatncy\"; did you mean \"HighPredictionLatency\"?\n"
      "mlmon set-threshold: nothing was written\n");
  CHECK(read_text(p.rules) == kShipped);
}

TEST_CASE("set-threshold: a read-only file, a symlinked file, a read-only directory") {
  Project p;
  ::chmod(p.rules.c_str(), 0444);
  CliRun run = run_cli({"set-threshold", "HighPredictionLatency", "0.4", p.rules});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon set-threshold: " + p.rules + ": the file is read-only\n");
  CHECK(read_text(p.rules) == kShipped);
  ::chmod(p.rules.c_str(), 0644);

  const auto link = p.dir / "linked.rules.yml";
  std::filesystem::create_symlink(p.rules, link);
  run = run_cli({"set-threshold", "HighPredictionLatency", "0.4", link});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon set-threshold: " + link + ": is a symbolic link; run the command on the file it points to (" +
                       p.rules + ")\n");
  CHECK(read_text(p.rules) == kShipped);
  CHECK(std::filesystem::is_symlink(link));

  if (::geteuid() != 0) {
    ::chmod((p.dir / "rules").c_str(), 0555);
    run = run_cli({"set-threshold", "HighPredictionLatency", "0.4", p.rules});
    CHECK(run.code == 2);
    CHECK(run.err == "mlmon set-threshold: " + p.rules + ": cannot write in directory " + (p.dir / "rules") +
                         ": Permission denied\n");
    CHECK(read_text(p.rules) == kShipped);
  }
}

TEST_CASE("set-threshold --values: all files or none, every failure reported") {
  Project p;
  const auto other =
      p.dir.file("rules/other.yml", "groups:\n- name: extra\n  rules:\n  - alert: QueueFull\n    expr: q > 10\n");
  const auto good = p.dir.file("prod.yml",
                               "HighPredictionLatency: 0.3\n"
                               "QueueFull: {value: 20, for: 2m}\n"
                               "HighPredictionErrorRate:\n"
                               "  - {value: 0.02, labels: {severity: warning}}\n"
                               "  - {value: 0.1, labels: {severity: critical}}\n");
  CliRun run = run_cli({"set-threshold", "--values", good, p.dir / "rules"});
  CHECK(run.code == 0);
  CHECK(run.err == "");
  CHECK(changed_lines(kShipped, read_text(p.rules)) ==
        std::vector<std::string>{
            "        expr: model:prediction_latency_seconds:p99_rate5m > 0.5 =>         expr: "
            "model:prediction_latency_seconds:p99_rate5m > 0.3",
            "        expr: model:prediction_errors:ratio_rate5m > 0.01 =>         expr: "
            "model:prediction_errors:ratio_rate5m > 0.02",
            "        expr: model:prediction_errors:ratio_rate5m > 0.05 =>         expr: "
            "model:prediction_errors:ratio_rate5m > 0.1",
        });
  CHECK(read_text(other) == "groups:\n- name: extra\n  rules:\n  - alert: QueueFull\n    expr: q > 20\n    for: 2m\n");

  // --check against the same values: nothing to change, exit 0; against others: exit 1.
  run = run_cli({"set-threshold", "--values", good, "--check", p.dir / "rules"});
  CHECK(run.code == 0);
  CHECK(run.out.find("would change") == std::string::npos);
  const auto drift = p.dir.file("drift.yml", "QueueFull: 25\n");
  run = run_cli({"set-threshold", "--values", drift, "--check", p.dir / "rules"});
  CHECK(run.code == 1);
  CHECK(run.out == "would change: " + other + ":5: QueueFull: threshold 20 -> 25\n");

  // One entry fails: nothing is written, and every failure is listed.
  const std::string rules_before = read_text(p.rules);
  const std::string other_before = read_text(other);
  const auto bad = p.dir.file("bad.yml",
                              "HighPredictionLatency: 0.9\n"
                              "QueueFul: 30\n"
                              "HighPredictionErrorRate: 0.5\n");
  run = run_cli({"set-threshold", "--values", bad, p.dir / "rules"});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon set-threshold: " + bad +
                       ":2: no alerting rule named \"QueueFul\"; did you mean \"QueueFull\"?\n"
                       "mlmon set-threshold: " +
                       bad +
                       ":3: alert \"HighPredictionErrorRate\" is defined 2 times; pick one with "
                       "`group:`, `file:` or `labels:`:\n"
                       "  " +
                       p.rules +
                       ":25: group \"ml-platform-prediction.alerts\", severity=warning\n"
                       "  " +
                       p.rules +
                       ":36: group \"ml-platform-prediction.alerts\", severity=critical\n"
                       "mlmon set-threshold: nothing was written\n");
  CHECK(read_text(p.rules) == rules_before);
  CHECK(read_text(other) == other_before);

  // A file that cannot be written stops the others too.
  ::chmod(other.c_str(), 0444);
  const auto both = p.dir.file("both.yml", "HighPredictionLatency: 0.9\nQueueFull: 30\n");
  run = run_cli({"set-threshold", "--values", both, p.dir / "rules"});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon set-threshold: " + other + ": the file is read-only\n");
  CHECK(read_text(p.rules) == rules_before);
  CHECK(read_text(other) == other_before);
}

TEST_CASE("set-threshold: an alert in two files is refused until --file or --group picks one") {
  TempDir dir;
  const auto a = dir.file("a.yml", "groups:\n- name: ga\n  rules:\n  - alert: Q\n    expr: q > 1\n");
  const auto b = dir.file("b.yml", "groups:\n- name: gb\n  rules:\n  - alert: Q\n    expr: q > 1\n");
  CliRun run = run_cli({"set-threshold", "Q", "2", dir.path()});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "mlmon set-threshold: alert \"Q\" is defined 2 times; pick one with --group, --file or --label NAME=VALUE:\n"
        "  " +
            a +
            ":4: group \"ga\"\n"
            "  " +
            b +
            ":4: group \"gb\"\n"
            "mlmon set-threshold: nothing was written\n");
  run = run_cli({"set-threshold", "Q", "2", "--file", b, dir.path()});
  CHECK(run.code == 0);
  CHECK(read_text(b) == "groups:\n- name: gb\n  rules:\n  - alert: Q\n    expr: q > 2\n");
  run = run_cli({"set-threshold", "Q", "4", "--file", b});  // no PATHS: the file alone
  CHECK(run.code == 0);
  CHECK(read_text(b) == "groups:\n- name: gb\n  rules:\n  - alert: Q\n    expr: q > 4\n");
  run = run_cli({"set-threshold", "Q", "3", "--group", "ga", dir.path()});
  CHECK(run.code == 0);
  CHECK(read_text(a) == "groups:\n- name: ga\n  rules:\n  - alert: Q\n    expr: q > 3\n");
  run = run_cli({"set-threshold", "Q", "3", "--group", "gc", dir.path()});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "mlmon set-threshold: no alerting rule named \"Q\" in group \"gc\"; it is defined in:\n"
        "  " +
            a +
            ":4: group \"ga\"\n"
            "  " +
            b +
            ":4: group \"gb\"\n"
            "mlmon set-threshold: nothing was written\n");
}

TEST_CASE("a file with a YAML error: thresholds says so, set-threshold refuses unless --file picks another") {
  TempDir dir;
  const auto good = dir.file("good.yml", "groups:\n- name: g\n  rules:\n  - alert: Q\n    expr: q > 1\n");
  const auto broken = dir.file("broken.yml", "groups:\n- name: g\n  rules:\n  - alert: Q\n    expr: [q > 1\n");
  CliRun run = run_cli({"thresholds", good, broken});
  CHECK(run.code == 1);
  CHECK(run.out.find("Q      g      " + good + ":4") != std::string::npos);
  CHECK(run.err.starts_with(broken + ":"));
  run = run_cli({"set-threshold", "Q", "2", good, broken});
  CHECK(run.code == 2);
  CHECK(run.err.ends_with("mlmon set-threshold: fix the YAML errors above first (or pick the file with --file)\n"));
  CHECK(read_text(good) == "groups:\n- name: g\n  rules:\n  - alert: Q\n    expr: q > 1\n");
  run = run_cli({"set-threshold", "Q", "2", "--file", good, good, broken});
  CHECK(run.code == 0);
  CHECK(read_text(good) == "groups:\n- name: g\n  rules:\n  - alert: Q\n    expr: q > 2\n");
}

TEST_CASE("set-threshold on a PrometheusRule manifest with CRLF line endings, inserting for:") {
  TempDir dir;
  const auto file = dir.file("ml.yaml",
                             "apiVersion: monitoring.coreos.com/v1\r\n"
                             "kind: PrometheusRule\r\n"
                             "metadata: {name: ml}\r\n"
                             "spec:\r\n"
                             "  groups:\r\n"
                             "    - name: g\r\n"
                             "      rules:\r\n"
                             "        - alert: Lag\r\n"
                             "          expr: >\r\n"
                             "            sum(lag)\r\n"
                             "            > 1e5\r\n"
                             "          labels: {severity: critical}\r\n");
  const CliRun run = run_cli({"set-threshold", "Lag", "200000", "--for", "10m", file});
  CHECK(run.code == 0);
  CHECK(run.out == file + ":11: Lag: threshold 1e5 -> 2e5\n" + file + ":8: Lag: for: 10m (added)\n");
  CHECK(read_text(file) ==
        "apiVersion: monitoring.coreos.com/v1\r\n"
        "kind: PrometheusRule\r\n"
        "metadata: {name: ml}\r\n"
        "spec:\r\n"
        "  groups:\r\n"
        "    - name: g\r\n"
        "      rules:\r\n"
        "        - alert: Lag\r\n"
        "          expr: >\r\n"
        "            sum(lag)\r\n"
        "            > 2e5\r\n"
        "          for: 10m\r\n"
        "          labels: {severity: critical}\r\n");
}

TEST_CASE("thresholds and set-threshold on every PrometheusRule of a multi-document manifest file") {
  TempDir dir;
  const std::string manifests = R"y(apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: a}
spec:
  groups:
    - name: a
      rules:
        - alert: A
          expr: up == 0
          for: 5m
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: b}
spec:
  groups:
    - name: b
      rules:
        - alert: B
          expr: rate(errors_total[5m]) > 0.5
          for: 10m
)y";
  const auto file = dir.file("monitoring.yaml", manifests);
  CliRun run = run_cli({"thresholds", file});
  CHECK(run.code == 0);
  CHECK(run.out.find(file + ":12  ==          0          5m   -\n") != std::string::npos);
  CHECK(run.out.find(file + ":23  >           0.5        10m  -\n") != std::string::npos);

  run = run_cli({"set-threshold", "B", "0.25", file});
  CHECK(run.code == 0);
  CHECK(run.out == file + ":24: B: threshold 0.5 -> 0.25\n");
  CHECK(changed_lines(manifests, read_text(file)) ==
        std::vector<std::string>{"          expr: rate(errors_total[5m]) > 0.5 => "
                                 "          expr: rate(errors_total[5m]) > 0.25"});
}

TEST_CASE("set-threshold: PrometheusRules reusing a group and alert name are told apart by --resource") {
  TempDir dir;
  const std::string manifests = R"y(apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: team-a
spec:
  groups:
    - name: latency
      rules:
        - alert: High
          expr: x > 1
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: team-b
spec:
  groups:
    - name: latency
      rules:
        - alert: High
          expr: y > 1
)y";
  const auto file = dir.file("teams.yaml", manifests);
  CliRun run = run_cli({"set-threshold", "High", "5", "--group", "latency", file});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "mlmon set-threshold: alert \"High\" is defined 2 times in group \"latency\"; pick one with --group, "
        "--resource, --file or --label NAME=VALUE:\n  " +
            file + ":9: group \"latency\" of PrometheusRule \"team-a\"\n  " + file +
            ":20: group \"latency\" of PrometheusRule \"team-b\"\nmlmon set-threshold: nothing was written\n");
  CHECK(read_text(file) == manifests);

  run = run_cli({"set-threshold", "High", "5", "--resource", "team-b", file});
  CHECK(run.code == 0);
  CHECK(run.out == file + ":21: High: threshold 1 -> 5\n");
  CHECK(changed_lines(manifests, read_text(file)) ==
        std::vector<std::string>{"          expr: y > 1 =>           expr: y > 5"});

  run = run_cli({"set-threshold", "High", "7", "--resource", "team-c", file});
  CHECK(run.code == 2);
  CHECK(
      run.err.starts_with("mlmon set-threshold: no alerting rule named \"High\" in PrometheusRule \"team-c\"; it is "
                          "defined in:\n"));

  const auto values = dir.file("values.yml", "High: {value: 3, resource: team-a}\n");
  run = run_cli({"set-threshold", "--values", values, file});
  CHECK(run.code == 0);
  CHECK(run.out == file + ":10: High: threshold 1 -> 3\n");

  run = run_cli({"thresholds", "--format", "json", file});
  CHECK(run.code == 0);
  const auto listed = nlohmann::json::parse(run.out);
  CHECK(listed["alerts"][0]["resource"] == "team-a");
  CHECK(listed["alerts"][1]["resource"] == "team-b");
  CHECK(listed["alerts"][1]["thresholds"][0]["threshold"] == "5");
}
