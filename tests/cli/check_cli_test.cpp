// End-to-end: `mlmon check DIR`, the main job (`make run`), on temporary projects and on the
// shipped config.
#include <doctest/doctest.h>

#include <string>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

namespace {

// A project with one of each kind of file; the dashboard reads a counter without rate().
void write_project(const TempDir& dir) {
  dir.file(".mlmon.yml", "rules:\n  required_annotations: [summary]\n");
  dir.file("rules/a.yml", R"y(groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: down
)y");
  dir.file("alertmanager.yml",
           "route:\n  receiver: team\nreceivers:\n  - name: team\n    webhook_configs:\n"
           "      - url: http://127.0.0.1:9/hook\n");
  dir.file("dashboards/d.json", R"js({"uid": "d", "title": "D", "panels": [
  {"id": 1, "type": "timeseries", "title": "Total", "fieldConfig": {"defaults": {"unit": "short"}},
   "targets": [{"refId": "A", "expr": "x_total"}]}]}
)js");
}

/// The thresholds table of write_project's rules, its LOCATION column as wide as the path.
std::string thresholds_table(const TempDir& dir) {
  const std::string location = dir.path() + "/rules/a.yml:4";
  const std::string gap(location.size() - 8, ' ');  // LOCATION is 8 wide
  return "Thresholds:\n"
         "ALERT  GROUP  LOCATION" +
         gap +
         "  COMPARISON  THRESHOLD  FOR  SEVERITY\n"
         "Down   g      " +
         location + "  ==          0          5m   critical\n";
}

}  // namespace

TEST_CASE("check: every kind of file under DIR, one report, then the thresholds table") {
  TempDir dir;
  write_project(dir);
  auto r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.code == 0);
  CHECK(r.out == dir.path() +
                     "/dashboards/d.json:3:40: warning: panel \"Total\", query A: counter \"x_total\" is used "
                     "without rate(), irate() or increase() [dashboards/counter-without-rate]\n"
                     "     \"targets\": [{\"refId\": \"A\", \"expr\": \"x_total\"}]}]}\n"
                     "                                         ^\n"
                     "  hint: a counter only grows and restarts from 0; rate(x_total[$__rate_interval]) "
                     "shows how fast it grows, increase() how much\n"
                     "\n" +
                     thresholds_table(dir));
  CHECK(r.err == "checked 1 rule file, 1 Alertmanager config, 1 dashboard: 0 errors, 1 warning\n");
  CHECK(run_cli({"check", "--fail-on=warning", "--no-thresholds", dir.path()}).code == 1);
}

TEST_CASE("check: a dashboard-linter .lint beside the dashboards applies, as in check-dashboards") {
  TempDir dir;
  write_project(dir);
  dir.file("dashboards/.lint",
           "exclusions:\n  target-counter-agg-rule:\n    entries:\n      - panel: Total\n"
           "        reason: a per-run count\n");
  auto r = run_cli({"check", "--fail-on=warning", "--no-thresholds", dir.path()});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "checked 1 rule file, 1 Alertmanager config, 1 dashboard: 0 errors, 0 warnings\n");
  // A .lint with problems is reported where it is wrong.
  dir.file("dashboards/.lint", "exclusions: 3\n");
  r = run_cli({"check", "--color=never", "--no-thresholds", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.starts_with(dir.path() + "/dashboards/.lint:1:13: error: expected a mapping of rule names "
                                       "[dashboards/linter-config]\n  exclusions: 3\n              ^\n"));
}

TEST_CASE("check: a broken project config stops before anything is checked") {
  TempDir dir;
  write_project(dir);
  dir.file(".mlmon.yml", "rulez: {}\n");
  auto r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon check: fix " + dir.path() + "/.mlmon.yml first\n");
  CHECK(r.out.starts_with(dir.path() + "/.mlmon.yml:1:1: error: "));
  CHECK(run_cli({"check", dir.path() + "/rules/a.yml"}).code == 2);
}

TEST_CASE("check: the shipped config is clean") {
  auto r = run_cli({"check", "--fail-on=warning", "--no-thresholds", MLMON_SOURCE_DIR});
  CHECK(r.out == "");
  // Every file is accounted for: the routing cases run against the one config, promtool's rule
  // tests run (and pass); Prometheus's own config, Grafana provisioning and compose files are skipped.
  CHECK(r.err ==
        "checked 2 rule files, 1 Alertmanager config, 1 dashboard, 1 routing-cases file, 3 rule test files (4 other "
        "files skipped; --verbose lists them): 0 errors, 0 warnings\n");
  CHECK(r.code == 0);
}

TEST_CASE("check: a manifest file whose PrometheusRule is not its first resource is a rule file") {
  TempDir dir;
  dir.file(".mlmon.yml", "");
  dir.file("deploy/monitoring.yaml", R"y(apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: a}
spec:
  groups:
    - name: g
      rules:
        - record: job:up:sum
          expr: sum by (job) (up
)y");
  auto r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.starts_with(dir.path() + "/deploy/monitoring.yaml:13:33: error: group \"g\", rule 1, "
                                       "\"job:up:sum\": could not parse expression: parse error: "));
  CHECK(r.err == "checked 1 rule file, 0 Alertmanager configs, 0 dashboards: 1 error, 0 warnings\n");
}
