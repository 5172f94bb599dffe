// -j: checking files on several threads prints exactly what one thread prints.
#include <doctest/doctest.h>

#include <string>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

namespace {

/// A directory of many files of every kind and verdict: clean rule files, rule files with
/// PromQL errors and lint warnings, a PrometheusRule manifest, broken YAML, an Alertmanager
/// config, a dashboard and files that are none of these.
void fill(const TempDir& dir) {
  for (int i = 0; i < 24; ++i) {
    const std::string n = std::to_string(i);
    std::string rules = "groups:\n- name: g" + n + "\n  rules:\n";
    rules += "  - alert: A" + n + "\n    expr: rate(x_total{job=\"j" + n + "\"}[5m]) > " + n + "\n    for: 5m\n";
    rules += "    labels: {severity: warning}\n    annotations: {summary: \"{{ $labels.job }} is {{ $value }}\"}\n";
    if (i % 3 == 1) rules += "  - alert: B" + n + "\n    expr: sum(rate(y[5m]) > \n";  // PromQL error
    if (i % 4 == 2) rules += "  - record: bad name\n    expr: up\n";                   // invalid name
    if (i % 5 == 3) rules += "  - alert: C" + n + "\n    expr: up == 0\n";             // lint: no for
    dir.file("rules/r" + n + ".yml", rules);
  }
  dir.file("rules/broken.yml", "groups:\n- name: x\n   rules: []\n");
  dir.file("rules/manifest.yaml",
           "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: m}\nspec:\n  groups:\n"
           "  - name: m\n    rules:\n    - alert: M\n      expr: up == 0\n      for: 1m\n");
  dir.file("other/values.yml", "replicas: 3\nimage: {tag: v1}\n");
  dir.file("other/empty.yaml", "");
  dir.file("alertmanager.yml",
           "route:\n  receiver: r\n  routes:\n  - matchers: [severity=\"critical\"]\n    receiver: r\n"
           "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x:9/\n");
  // Rule unit tests, several files of several groups, some failing: `check` runs them at once.
  for (int i = 0; i < 5; ++i) {
    const std::string n = std::to_string(i);
    std::string tests = "rule_files: [../rules/r" + n + ".yml]\nevaluation_interval: 1m\ntests:\n";
    for (int g = 0; g < 4; ++g) {
      const std::string value = (g + i) % 3 == 0 ? "0" : "1";  // a third of the groups expect the wrong value
      tests += "- name: t" + n + "_" + std::to_string(g) + "\n  interval: 1m\n  input_series:\n";
      tests += "  - series: 'x_total{job=\"j" + n + "\"}'\n    values: '0+60x20'\n";
      tests += "  promql_expr_test:\n  - expr: rate(x_total[5m])\n    eval_time: 10m\n    exp_samples:\n";
      tests += "    - labels: '{job=\"j" + n + "\"}'\n      value: " + value + "\n";
    }
    dir.file("tests/t" + n + ".test.yml", tests);
  }
  dir.file("dashboards/d.json", "{\"title\": \"D\", \"uid\": \"d\", \"panels\": [], \"schemaVersion\": 39}");
}

}  // namespace

TEST_CASE("-j: check-rules and check print the same bytes on one thread and on many") {
  TempDir dir;
  fill(dir);
  for (const std::string format : {"text", "json", "github"}) {
    CAPTURE(format);
    const auto one = run_cli({"check-rules", "--color=never", "--format", format, "-v", "-j", "1", dir.path()});
    CHECK(one.code == 1);
    CHECK(one.out.find("r22.yml") != std::string::npos);  // the last files are reported too
    for (const char* jobs : {"2", "4", "16"}) {
      CAPTURE(jobs);
      const auto many = run_cli({"check-rules", "--color=never", "--format", format, "-v", "-j", jobs, dir.path()});
      CHECK(many.code == one.code);
      CHECK(many.out == one.out);
      CHECK(many.err == one.err);
    }
    const auto check_one = run_cli({"check", "--color=never", "--format", format, "-v", "-j", "1", dir.path()});
    CHECK(check_one.code == 1);
    CHECK(check_one.out.find("t4.test.yml") != std::string::npos);  // rule tests ran and failed
    CHECK(check_one.out.find("t0_0") != std::string::npos);
    for (const char* jobs : {"3", "16"}) {
      CAPTURE(jobs);
      const auto many = run_cli({"check", "--color=never", "--format", format, "-v", "-j", jobs, dir.path()});
      CHECK(many.code == check_one.code);
      CHECK(many.out == check_one.out);
      CHECK(many.err == check_one.err);
    }
  }
  // The default is every core; 0 is no number of threads.
  const auto default_jobs = run_cli({"check-rules", "--color=never", dir.path()});
  CHECK(default_jobs.out == run_cli({"check-rules", "--color=never", "-j", "1", dir.path()}).out);
  const auto zero = run_cli({"check-rules", "-j", "0", dir.path()});
  CHECK(zero.code == 2);
  CHECK(zero.err.starts_with("mlmon check-rules: --jobs: Value 0 not in range 1 to 1024\n"));
}
