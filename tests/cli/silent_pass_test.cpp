// Issue #16: a green run means something. Each case here passed silently (or wrote a broken file,
// or echoed a hostile byte) before; each test fails on the code before the fix.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The shipped config, copied: the rules, the Alertmanager template and routing cases, promtool's
// tests, the dashboard, deploy/ and the project config.
void copy_shipped(const TempDir& dir) {
  namespace fs = std::filesystem;
  for (const char* sub : {"rules", "dashboards", "deploy"}) {
    fs::copy(fs::path(MLMON_SOURCE_DIR) / sub, fs::path(dir.path()) / sub, fs::copy_options::recursive);
  }
  fs::copy(fs::path(MLMON_SOURCE_DIR) / ".mlmon.yml", fs::path(dir.path()) / ".mlmon.yml");
}

void replace_in(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = read(path);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("check: a rule file with a YAML error is an error, in every format (it was skipped, exit 0)") {
  TempDir dir;
  copy_shipped(dir);
  const std::string rules = dir / "rules/ml-platform.rules.yml";
  replace_in(rules, "summary: \"High P99 prediction latency for model {{ $labels.model }}\"",
             "summary: P99 latency: above 500ms");
  auto r = run_cli({"check", "--color=never", "--no-thresholds", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out == rules + ": info: lint checks did not run on this file: it is not valid YAML [rules/lint-skipped]\n" +
                     rules +
                     ":21:31: error: illegal map value [yaml/syntax]\n"
                     "            summary: P99 latency: above 500ms\n"
                     "                                ^\n"
                     "  hint: a `key: value` is not allowed here: check the indentation, or quote a value that "
                     "contains \": \"\n" +
                     // And the rule tests that load it cannot run: each says so at its rule_files entry.
                     dir.path() + "/rules/tests/drift_kafka.test.yml:4:5: error: rule file " + rules +
                     " does not load, so the tests cannot run: illegal map value [test-rules/rule-file]\n"
                     "    - ../ml-platform.rules.yml\n"
                     "      ^\n" +
                     dir.path() + "/rules/tests/prediction.test.yml:4:5: error: rule file " + rules +
                     " does not load, so the tests cannot run: illegal map value [test-rules/rule-file]\n"
                     "    - ../ml-platform.rules.yml\n"
                     "      ^\n" +
                     dir.path() + "/rules/tests/spark.test.yml:5:5: error: rule file " + rules +
                     " does not load, so the tests cannot run: illegal map value [test-rules/rule-file]\n"
                     "    - ../ml-platform.rules.yml\n"
                     "      ^\n");
  CHECK(r.err.ends_with(", 3 rule test files (4 other files skipped; --verbose lists them): 4 errors, 0 warnings\n"));
  auto json = run_cli({"check", "--format=json", dir.path()});
  CHECK(json.code == 1);
  CHECK(json.out.find("\"rule\": \"yaml/syntax\"") != std::string::npos);

  // A tab in the indentation, the other way the issue saw it pass.
  const std::string recording = dir / "rules/ml-platform.recording.yml";
  replace_in(recording, "\n      - record:", "\n\t- record:");
  r = run_cli({"check", "--color=never", "--no-thresholds", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.find(recording + ":") != std::string::npos);
  CHECK(r.out.find("tabs are not allowed for indentation") != std::string::npos);
}

TEST_CASE("check: a YAML file of no known kind that does not parse is an error; one that parses is skipped") {
  TempDir dir;
  dir.file("rules/a.yml", "groups: []\n");
  dir.file("deploy/compose.yml", "services:\n  web: {image: x}\n");
  dir.file("deploy/broken.yml", "services:\n  web: [\n");
  auto r = run_cli({"check", "--color=never", "--verbose", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out == dir.path() +
                     "/deploy/broken.yml:3:1: error: end of sequence flow not found [yaml/syntax]\n"
                     "  hint: a `[` is not closed by a matching `]`\n");
  CHECK(r.err ==
        "skipped " + dir.path() +
            "/deploy/compose.yml: a file of no kind mlmon checks\n"
            "checked 1 rule file, 0 Alertmanager configs, 0 dashboards (1 other file skipped): 1 error, 0 warnings\n");
  auto json = run_cli({"check", "--format=json", dir.path()});
  CHECK(json.out.find("\"files\": {\n    \"checked\": {\n      \"rule-file\": 1\n    },\n    \"skipped\": [\n"
                      "      {\n        \"file\": \"" +
                      dir.path() +
                      "/deploy/compose.yml\",\n"
                      "        \"kind\": \"other\"\n      }\n    ]\n  }") != std::string::npos);
}

TEST_CASE("check: routing cases run through the project's one Alertmanager config") {
  TempDir dir;
  dir.file("alertmanager.yml",
           "route:\n  receiver: team\n  routes:\n    - matchers: ['severity=\"critical\"']\n"
           "      receiver: pager\nreceivers:\n  - name: team\n    webhook_configs: [{url: 'http://127.0.0.1:9/a'}]\n"
           "  - name: pager\n    webhook_configs: [{url: 'http://127.0.0.1:9/b'}]\n");
  dir.file("cases.yml",
           "- {labels: {severity: critical}, receivers: [pager]}\n"
           "- {labels: {severity: warning}, receivers: [pager]}\n");
  auto r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.find(dir.path() + "/cases.yml:2:3: error: ") != std::string::npos);
  CHECK(r.out.find("(routed through " + dir.path() + "/alertmanager.yml)") != std::string::npos);
  CHECK(r.err ==
        "checked 0 rule files, 1 Alertmanager config, 0 dashboards, 1 routing-cases file: 1 error, 0 warnings\n");
  // With two configs, the cases cannot be run without saying which one: an info says so.
  dir.file("other/alertmanager.yml", read(dir / "alertmanager.yml"));
  r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.code == 0);
  CHECK(r.out == dir.path() +
                     "/cases.yml: info: routing cases not run: 2 Alertmanager configs found, and the cases do "
                     "not say which one they are for [alertmanager/route-cases]\n"
                     "  hint: run them with `mlmon routes test CONFIG --cases " +
                     dir.path() + "/cases.yml`\n");
}

TEST_CASE("config: every check id is validated, with the closest id (a typo did nothing before)") {
  TempDir dir;
  dir.file("rules/a.yml", "groups: []\n");
  dir.file(".mlmon.yml",
           "checks:\n"
           "  alerts/required-label: error\n"
           "  dashboards/panel-units: {severity: info, reason: tables have no unit}\n"
           "  rules/schema: off\n"
           "  alertmanager/plain-secret: off\n"
           "exclude:\n"
           "  - {check: alerts/fr, path: 'legacy/*.yml', reason: imported}\n"
           "  - {check: '*', path: 'vendor/*', reason: not ours}\n");
  auto r = run_cli({"check", "--color=never", "--config", dir / ".mlmon.yml", dir.path()});
  CHECK(r.code == 2);
  const std::string config = dir / ".mlmon.yml";
  CHECK(r.out == config +
                     ":2:3: error: unknown check \"alerts/required-label\"; did you mean \"alerts/required-labels\"? "
                     "[config/unknown-check]\n"
                     "    alerts/required-label: error\n    ^\n  hint: `mlmon checks` lists every check id\n" +
                     config +
                     ":3:3: error: unknown check \"dashboards/panel-units\"; did you mean \"dashboards/panel-unit\"? "
                     "[config/unknown-check]\n"
                     "    dashboards/panel-units: {severity: info, reason: tables have no unit}\n    ^\n"
                     "  hint: `mlmon checks` lists every check id\n" +
                     config +
                     ":4:3: error: check \"rules/schema\" is a validation (what the server itself refuses): it always "
                     "runs and cannot be turned off, re-graded or excluded [config/unknown-check]\n"
                     "    rules/schema: off\n    ^\n  hint: `mlmon checks` lists every check id\n" +
                     config +
                     ":7:13: error: unknown check \"alerts/fr\"; did you mean \"alerts/for\"? [config/unknown-check]\n"
                     "    - {check: alerts/fr, path: 'legacy/*.yml', reason: imported}\n              ^\n"
                     "  hint: `mlmon checks` lists every check id\n");
  CHECK(r.err == "mlmon check: fix " + config + " first\n");
  // The same config stops every command that reads it.
  CHECK(run_cli({"check-rules", "--config", config, dir / "rules/a.yml"}).code == 2);
}

TEST_CASE("config: alertmanager lint checks obey checks: and exclude: (they were ignored)") {
  TempDir dir;
  dir.file("alertmanager.yml",
           "route:\n  receiver: team\nreceivers:\n  - name: team\n"
           "    webhook_configs: [{url: 'http://127.0.0.1:9/a'}]\n  - name: unused\n");
  auto r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.out.find("[alertmanager/unused-receiver]") != std::string::npos);
  dir.file(".mlmon.yml", "checks:\n  alertmanager/unused-receiver: off\n");
  r = run_cli({"check", "--color=never", dir.path()});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  dir.file(".mlmon.yml", "checks:\n  alertmanager/unused-receiver: error\n");
  CHECK(run_cli({"check", dir.path()}).code == 1);
}

TEST_CASE("check-rules on a directory takes its rule files and honours ignore: (it failed on this repo)") {
  auto r = run_cli({"check-rules", "--color=never", std::string(MLMON_SOURCE_DIR) + "/rules"});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "2 files, 20 rules checked (4 other files skipped; --verbose lists them): 0 errors, 0 warnings\n");
  const std::string rules = std::string(MLMON_SOURCE_DIR) + "/rules";
  r = run_cli({"check-rules", "--verbose", rules});
  CHECK(r.err == "skipped " + rules +
                     "/alertmanager-routes.cases.yml: a routing-cases file\n"
                     "skipped " +
                     rules +
                     "/tests/drift_kafka.test.yml: a promtool rule test file\n"
                     "skipped " +
                     rules +
                     "/tests/prediction.test.yml: a promtool rule test file\n"
                     "skipped " +
                     rules +
                     "/tests/spark.test.yml: a promtool rule test file\n"
                     "2 files, 20 rules checked (4 other files skipped): 0 errors, 0 warnings\n");

  TempDir dir;
  dir.file(".mlmon.yml", "ignore: ['fixtures/*']\n");
  dir.file("rules/a.yml", "groups: []\n");
  dir.file("fixtures/broken.yml", "groups:\n  - name: [\n");
  r = run_cli({"check-rules", dir.path()});
  CHECK(r.code == 0);
  CHECK(r.err == "1 file, 0 rules checked: 0 errors, 0 warnings\n");
  // Named explicitly, an ignored file is checked; a directory that is all ignored is a usage error.
  CHECK(run_cli({"check-rules", dir / "fixtures/broken.yml"}).code == 1);
  r = run_cli({"check-rules", dir / "fixtures"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon check-rules: every file found under " + dir.path() + "/fixtures is ignored by " + dir.path() +
                     "/.mlmon.yml (ignore:); name the files, or use a glob, to check them anyway\n");
}

TEST_CASE("a file named to a command of another kind says so first (20 schema errors, or nothing, before)") {
  const std::string dashboard = std::string(MLMON_SOURCE_DIR) + "/dashboards/ml_metrics.json";
  auto r = run_cli({"check-rules", "--color=never", dashboard});
  CHECK(r.code == 1);
  CHECK(r.out == dashboard +
                     ": error: this is a Grafana dashboard, not a rule file: check it with "
                     "`mlmon check-dashboards` [rules/not-a-rule-file]\n");
  r = run_cli({"thresholds", dashboard});
  CHECK(r.code == 1);
  CHECK(r.err == dashboard +
                     ": error: this is a Grafana dashboard, not a rule file: check it with "
                     "`mlmon check-dashboards` [rules/not-a-rule-file]\n");
  const std::string rules = std::string(MLMON_SOURCE_DIR) + "/rules/ml-platform.rules.yml";
  r = run_cli({"check-dashboards", "--color=never", rules});
  CHECK(r.code == 1);
  CHECK(r.out == rules +
                     ": error: this is a Prometheus rule file, not a Grafana dashboard: check it with "
                     "`mlmon check-rules` [dashboards/not-a-dashboard]\n");
  // A file of no known kind named explicitly is still checked strictly, as before.
  TempDir dir;
  dir.file("x.yml", "foo: 1\n");
  r = run_cli({"check-rules", "--color=never", dir / "x.yml"});
  CHECK(r.code == 1);
  CHECK(r.out.find("field foo not found in type rulefmt.RuleGroups") != std::string::npos);
}
