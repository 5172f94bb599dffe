// mlmon test-rules end to end: promtool's output byte for byte on the cases in
// tests/ruletest/promtool-cases (recorded from promtool 3.5.3 by record.sh there), the shipped
// rules/tests, mlmon's failures for tests that pass whatever the rules do, its own formats, flags
// and usage errors.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(MLMON_SOURCE_DIR) / "tests/ruletest/promtool-cases";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct InDir {
  fs::path previous = fs::current_path();
  explicit InDir(const fs::path& dir) { fs::current_path(dir); }
  ~InDir() { fs::current_path(previous); }
};

// The JUnit report with its timestamp (the time of the run) left out.
std::string without_timestamp(const std::string& xml) {
  return std::regex_replace(xml, std::regex(R"(timestamp="[0-9T:-]+")"), "timestamp=\"T\"");
}

}  // namespace

TEST_CASE("test-rules: promtool 3.5.3's stdout, stderr, exit code and JUnit report on every recorded case") {
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (!entry.is_directory()) continue;
    const fs::path dir = entry.path();
    CAPTURE(dir.filename().string());
    std::vector<std::string> args{"test-rules"};
    std::istringstream words(read(dir / "args"));
    for (std::string w; words >> w;) args.push_back(w);
    TempDir out;
    args.push_back("--junit=" + (out / "junit.xml"));
    args.push_back("test.yml");
    InDir in(dir);
    const auto r = run_cli(args);
    CHECK(r.out == read(dir / "promtool.stdout"));
    CHECK(r.err == read(dir / "promtool.stderr"));
    CHECK(r.code == std::stoi(read(dir / "promtool.rc")));
    CHECK(without_timestamp(out.read("junit.xml")) == without_timestamp(read(dir / "promtool.junit.xml")));
    ++cases;
  }
  CHECK(cases == 15);
}

TEST_CASE("test-rules: the shipped rule tests pass") {
  const auto r = run_cli({"test-rules", std::string(MLMON_SOURCE_DIR) + "/rules/tests"});
  CHECK(r.out == "  SUCCESS\n\n  SUCCESS\n\n  SUCCESS\n\n");
  CHECK(r.err == "");
  CHECK(r.code == 0);
  // And every rule of the shipped rule files is asserted by them.
  const auto c =
      run_cli({"test-rules", "--format=json", "--min-coverage=100", std::string(MLMON_SOURCE_DIR) + "/rules/tests"});
  CHECK(c.code == 0);
  const auto j = nlohmann::json::parse(c.out);
  CHECK(j["passed"] == 15);
  CHECK(j["failed"] == 0);
  CHECK(j["coverage"]["rules"] == 20);
  CHECK(j["coverage"]["asserted"] == 20);
}

namespace {

const char* kRules = R"(groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
        labels: {severity: page}
        annotations: {summary: "{{ $labels.instance }} is down"}
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Never
        expr: up > 100
)";

}  // namespace

TEST_CASE("test-rules: an alertname no rule defines fails unless --compat (promtool passes it)") {
  TempDir dir;
  dir.file("rules.yml", kRules);
  dir.file("t.yml", R"(rule_files: [rules.yml]
tests:
  - name: typo
    input_series:
      - series: 'up{instance="a"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: Dwon
        exp_alerts: []
)");
  InDir in(dir.path());
  auto r = run_cli({"test-rules", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.out == "\n\n");
  CHECK(r.err ==
        "  FAILED:\n    name: typo,\n    alertname: Dwon, time: 5m, err: no alerting rule of the rule files is "
        "named \"Dwon\": a test that expects no alert from it passes whatever the rules do (--compat "
        "accepts it)\n");
  r = run_cli({"test-rules", "--compat", "t.yml"});
  CHECK(r.code == 0);
  CHECK(r.out == "  SUCCESS\n\n");
  r = run_cli({"test-rules", "--format=text", "t.yml"});
  CHECK(r.out ==
        "t.yml:9:20: error: no alerting rule of the rule files is named \"Dwon\": a test that expects no alert "
        "from it passes whatever the rules do (--compat accepts it) (test group typo) "
        "[test-rules/silent-pass]\n1 file, 1 test group: 0 passed, 1 failed\n");
}

TEST_CASE("test-rules: a rule_files pattern matching nothing fails unless --compat (promtool only warns)") {
  TempDir dir;
  dir.file("rules.yml", kRules);
  dir.file("t.yml",
           "rule_files: [rules.yml, rulez/*.yml]\ntests:\n  - promql_expr_test:\n"
           "      - expr: vector(1)\n        eval_time: 0\n        exp_samples: [{value: 1}]\n");
  InDir in(dir.path());
  auto r = run_cli({"test-rules", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "  WARNING: no file match pattern rulez/*.yml\n  FAILED:\nrule_files: pattern \"rulez/*.yml\" "
        "matches no file, so no rule of it is tested (promtool only warns; --compat accepts it)\n");
  r = run_cli({"test-rules", "--compat", "t.yml"});
  CHECK(r.code == 0);
  CHECK(r.err == "  WARNING: no file match pattern rulez/*.yml\n");
  CHECK(r.out == "  SUCCESS\n\n");
}

TEST_CASE("test-rules: expecting nothing after every input series has ended fails unless --compat") {
  TempDir dir;
  dir.file("rules.yml", kRules);
  dir.file("t.yml", R"(rule_files: [rules.yml]
tests:
  - input_series:
      - series: 'up{instance="a", job="j"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 10m
        alertname: Down
        exp_alerts: [{exp_labels: {severity: page, instance: a, job: j}, exp_annotations: {summary: a is down}}]
      - eval_time: 16m
        alertname: Down
        exp_alerts: []
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 20m
)");
  InDir in(dir.path());
  auto r = run_cli({"test-rules", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "  FAILED:\n"
        "    alertname: Down, time: 16m, err: eval_time 16m is after the last input sample (at 10m) by more than the "
        "5m lookback, so expecting nothing proves nothing (--compat accepts it)\n"
        "    expr: \"job:up:sum\", time: 20m, err: eval_time 20m is after the last input sample (at 10m) by more than "
        "the 5m lookback, so expecting nothing proves nothing (--compat accepts it)\n");
  r = run_cli({"test-rules", "--compat", "t.yml"});
  CHECK(r.code == 0);
}

TEST_CASE("test-rules: --format=json has one object per test group, expected and got as data") {
  InDir in(kCases / "diff");
  const auto r = run_cli({"test-rules", "--format=json", "test.yml"});
  CHECK(r.code == 1);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["groups"].size() == 2);
  const auto& g = j["groups"][1];
  CHECK(g["file"] == "test.yml");
  CHECK(g["name"] == "Failing alert test");
  CHECK(g["passed"] == false);
  const auto& f = g["failures"][0];
  CHECK(f["kind"] == "alert");
  CHECK(f["alertname"] == "InstanceDown");
  CHECK(f["eval_time"] == "5m");
  CHECK(f["line"] == 34);
  CHECK(f["expected"] == nlohmann::json::array());
  CHECK(f["got"][0]["labels"] ==
        nlohmann::json({{"alertname", "InstanceDown"}, {"job", "test"}, {"severity", "page"}}));
  CHECK(f["diff"] ==
        nlohmann::json({"unexpected alert {alertname=\"InstanceDown\", job=\"test\", severity=\"page\"}"}));
  const auto& e = j["groups"][0]["failures"][1];
  CHECK(e["kind"] == "expr");
  CHECK(e["expected"][0]["value"] == 1);
  CHECK(e["got"][0]["value"] == 0);
  CHECK(e["diff"] == nlohmann::json({"sample {__name__=\"test\"}: expected 1E+00, got 0E+00"}));
  CHECK(j["passed"] == 0);
  CHECK(j["failed"] == 2);
}

TEST_CASE("test-rules: --format=text shows only what differs, at file:line:col") {
  TempDir dir;
  dir.file("rules.yml", kRules);
  dir.file("t.yml", R"(rule_files: [rules.yml]
tests:
  - name: wrong severity
    input_series:
      - series: 'up{instance="a", job="j"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: Down
        exp_alerts:
          - exp_labels: {severity: ticket, instance: a, job: j}
            exp_annotations: {summary: a is down}
)");
  InDir in(dir.path());
  const auto r = run_cli({"test-rules", "--format=text", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "t.yml:9:20: error: alert Down at 5m: expected 1 firing, got 1 that differ (test group wrong severity) "
        "[test-rules/alert]\n"
        "    alert {alertname=\"Down\", instance=\"a\", job=\"j\", severity=\"page\"}: label severity: expected "
        "\"ticket\", got \"page\"\n"
        "1 file, 1 test group: 0 passed, 1 failed\n");
}

TEST_CASE("test-rules: --coverage lists the rules no test asserted; --min-coverage fails below it") {
  TempDir dir;
  dir.file("rules.yml", kRules);
  dir.file("t.yml", R"(rule_files: [rules.yml]
tests:
  - input_series:
      - series: 'up{instance="a", job="j"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: Down
        exp_alerts: [{exp_labels: {severity: page, instance: a, job: j}, exp_annotations: {summary: a is down}}]
)");
  InDir in(dir.path());
  auto r = run_cli({"test-rules", "--coverage", "t.yml"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "  SUCCESS\n\n"
        "rule coverage: 2 of 3 rules asserted by a test (66.7%)\n"
        "KIND       RULE   GROUP  LOCATION      WHY\n"
        "alerting   Never  g      rules.yml:11  no alert test expects it to fire\n");
  r = run_cli({"test-rules", "--min-coverage=70", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.err == "mlmon test-rules: rule coverage 66.7% is below --min-coverage 70%\n");
  r = run_cli({"test-rules", "--min-coverage=60", "t.yml"});
  CHECK(r.code == 0);
}

TEST_CASE("test-rules: files run in parallel, reported in the order given") {
  TempDir dir;
  std::vector<std::string> args{"test-rules", "-j", "4", "--compat"};
  std::string expected_err;
  const char* values[] = {"0E+00", "1E+00", "2E+00", "3E+00", "4E+00", "5E+00",
                          "6E+00", "7E+00", "8E+00", "9E+00", "1E+01", "1.1E+01"};
  for (int i = 0; i < 12; ++i) {
    const std::string name = "t" + std::to_string(i) + ".yml";
    dir.file(name,
             "tests:\n  - promql_expr_test:\n      - expr: vector(" + std::to_string(i) + ")\n        eval_time: 0\n");
    args.push_back(dir / name);
    expected_err += "  FAILED:\n    expr: \"vector(" + std::to_string(i) + ")\", time: 0s,\n        exp: nil\n" +
                    "        got: {} " + values[i] + "\n";
  }
  const auto r = run_cli(args);
  CHECK(r.code == 1);
  CHECK(r.err == expected_err);
}

TEST_CASE("test-rules: a huge eval_time is refused with its bound, not evaluated for hours") {
  TempDir dir;
  dir.file("rules.yml", kRules);
  dir.file("t.yml",
           "rule_files: [rules.yml]\nevaluation_interval: 1s\ntests:\n  - name: ten years\n"
           "    promql_expr_test:\n      - expr: vector(1)\n        eval_time: 10y\n");
  InDir in(dir.path());
  const auto r = run_cli({"test-rules", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "  FAILED:\n    eval_time 10y at evaluation_interval 1s needs 315360001 evaluations of the rules; "
        "mlmon runs at most 1000000 per test group (raise evaluation_interval or lower eval_time)\n");
}

TEST_CASE("test-rules: usage errors exit 2") {
  auto r = run_cli({"test-rules", "--enable-feature=promql-at-modifier", "x.yml"});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("mlmon test-rules: unknown feature \"promql-at-modifier\"; known: "));
  r = run_cli({"test-rules", "--run", "a(", "x.yml"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon test-rules: --run: error parsing regexp: missing closing ): `a(`\n");
  r = run_cli({"test-rules", "/nonexistent/t.yml"});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("mlmon test-rules: "));
  TempDir dir;
  dir.file("rules.yml", kRules);
  r = run_cli({"test-rules", dir.path()});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon test-rules: no promtool test file (rule_files: and tests:) under " + dir.path() + "\n");
}

TEST_CASE("check: runs the rule tests it finds; a failing test is an error at its assertion") {
  TempDir dir;
  dir.file(".mlmon.yml", "");
  dir.file("rules/rules.yml", R"(groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
        labels: {severity: critical}
        annotations: {summary: "{{ $labels.instance }} is down", description: "It is down."}
)");
  dir.file("rules/tests/t.yml", R"(rule_files: [../rules.yml]
tests:
  - name: down
    input_series:
      - series: 'up{instance="a", job="j"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: Down
        exp_alerts: []
      - eval_time: 5m
        alertname: Nope
        exp_alerts: []
)");
  const auto r = run_cli({"check", "--color=never", "--no-thresholds", dir.path()});
  CHECK(r.code == 1);
  const std::string t = dir / "rules/tests/t.yml";
  CHECK(r.out == t +
                     ":9:20: error: test group \"down\": alert Down at 5m: expected 0 firing, got 1: unexpected alert "
                     "{alertname=\"Down\", instance=\"a\", job=\"j\", severity=\"critical\"} [test-rules/alert]\n"
                     "          alertname: Down\n"
                     "                     ^\n" +
                     t +
                     ":12:20: error: test group \"down\": no alerting rule of the rule files is named \"Nope\": a "
                     "test that expects no alert from it passes whatever the rules do (--compat accepts it) "
                     "[test-rules/silent-pass]\n"
                     "          alertname: Nope\n"
                     "                     ^\n"
                     "  hint: make the test assert something, or run promtool's way with --compat\n");
  CHECK(r.err == "checked 1 rule file, 0 Alertmanager configs, 0 dashboards, 1 rule test file: 2 errors, 0 warnings\n");
}

TEST_CASE("test-rules: v3.14 runs test queries with the parser's defaults, whatever --enable-feature says") {
  // Prometheus v3.14's LazyLoader builds its engine without promtool's parser options, so
  // experimental functions and duration expressions do not parse in test queries and rules.
  // promtool 3.5.3 (global parser flags) accepted sort_by_label here: a difference from 3.5.3.
  TempDir dir;
  dir.file("t.yml", R"(tests:
  - input_series:
      - series: 'up{a="1"}'
        values: 1
    promql_expr_test:
      - expr: sort_by_label(up, "a")
        eval_time: 0
        exp_samples: [{labels: 'up{a="1"}', value: 1}]
      - expr: up[1m * 2]
        eval_time: 0
)");
  InDir in(dir.path());
  const auto r = run_cli({"test-rules", "--enable-feature=promql-experimental-functions", "t.yml"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "  FAILED:\n"
        "    expr: \"sort_by_label(up, \\\"a\\\")\", time: 0s, err: 1:1: parse error: function \"sort_by_label\" "
        "is not enabled\n"
        "    expr: \"up[1m * 2]\", time: 0s, err: 1:4: parse error: experimental duration expression is not "
        "enabled\n");
}

TEST_CASE("test-rules: --format=text shows a refused rule file's problems, each where it is") {
  InDir in(kCases / "rule-file-bad1");
  const auto r = run_cli({"test-rules", "--format=text", "test.yml"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "test.yml:1:14: error: rule file bad1.yml does not load, so the tests cannot run: Groupname must not be empty "
        "(test group unnamed#0) [test-rules/rule-file]\n"
        "    bad1.yml:2:11: Groupname must not be empty\n"
        "    bad1.yml:4:9: group \"\", rule 1, \"\": one of 'record' or 'alert' must be set\n"
        "    bad1.yml:10:9: group \"\", rule 2, \"x{a}\": invalid field 'annotations' in recording rule\n"
        "    bad1.yml:9:9: group \"\", rule 2, \"x{a}\": invalid field 'for' in recording rule\n"
        "    bad1.yml:7:17: group \"\", rule 2, \"x{a}\": braces present in the recording rule name; should it be in "
        "expr?: x{a}\n"
        "    bad1.yml:15:15: group \"\", rule 3, \"T\": annotation \"s\": template: __alert_T:1: unclosed action\n"
        "    bad1.yml:18:16: group \"g2\", rule 1, \"U\": only one of 'record' and 'alert' must be set\n"
        "    bad1.yml:20:20: group \"g2\", rule 1, \"U\": could not parse expression: parse error: unclosed left "
        "parenthesis\n"
        "1 file, 1 test group: 0 passed, 1 failed\n");
}

TEST_CASE("test-rules: --format=text puts a malformed series, duration and PromQL at their character") {
  TempDir dir;
  dir.file("t.yml",
           "tests:\n"
           "  - input_series:\n"
           "      - series: 'up{job=\"a\" 1'\n"
           "        values: '1 2'\n"
           "  - interval: 1mins\n"
           "  - promql_expr_test:\n"
           "      - expr: 'sum(up'\n"
           "        eval_time: 0\n");
  InDir in(dir.path());
  auto r = run_cli({"test-rules", "--format=text", "t.yml"});
  CHECK(r.code == 1);
  // promtool stops decoding at the bad duration; mlmon reports it where it is.
  CHECK(r.out ==
        "t.yml:5:15: error: unknown unit \"mins\" in duration \"1mins\" [test-rules/decode]\n"
        "1 file, 0 test groups: 0 passed, 0 failed; 1 file with errors of their own\n");
  dir.file("t.yml",
           "tests:\n"
           "  - input_series:\n"
           "      - series: 'up{job=\"a\" 1'\n"
           "        values: '1 2'\n"
           "  - promql_expr_test:\n"
           "      - expr: 'sum(up'\n"
           "        eval_time: 0\n");
  r = run_cli({"test-rules", "--format=text", "t.yml"});
  CHECK(r.out ==
        "t.yml:3:29: error: input series: unexpected character inside braces: '1' (test group unnamed#0) "
        "[test-rules/series]\n"
        "t.yml:6:22: error: expr \"sum(up\" at 0s: 1:7: parse error: unclosed left parenthesis (test group "
        "unnamed#1) [test-rules/expr-error]\n"
        "1 file, 2 test groups: 0 passed, 2 failed\n");
  r = run_cli({"test-rules", "t.yml"});
  CHECK(r.err ==
        "  FAILED:\n2:12: parse error: unexpected character inside braces: '1'\n"
        "    expr: \"sum(up\", time: 0s, err: 1:7: parse error: unclosed left parenthesis\n");
}

TEST_CASE("test-rules: --format=text names each kind of failure: expr, rule-eval, config, limit") {
  TempDir dir;
  dir.file("rules.yml",
           "groups:\n  - name: g\n    rules:\n      - record: r:up:x\n        expr: up\n"
           "  - name: limited\n    limit: 1\n    rules:\n      - record: r:up:y\n        expr: up\n");
  dir.file("t.yml",
           "rule_files: [rules.yml]\ntests:\n"
           "  - name: expr\n    input_series:\n      - series: 'up{job=\"a\"}'\n        values: '1 1'\n"
           "    promql_expr_test:\n      - expr: up\n        eval_time: 1m\n        exp_samples:\n"
           "          - labels: 'up{job=\"a\"}'\n            value: 2\n"
           "  - name: rule-eval\n    input_series:\n      - series: 'up{job=\"a\"}'\n        values: '1'\n"
           "      - series: 'up{job=\"b\"}'\n        values: '1'\n"
           "  - name: config\n    alert_rule_test:\n      - eval_time: 1m\n        exp_alerts: []\n"
           "  - name: limit\n    promql_expr_test:\n      - expr: vector(1)\n        eval_time: 10y\n");
  InDir in(dir.path());
  const auto r = run_cli({"test-rules", "--format=text", "t.yml"});
  CHECK(r.code == 1);
  const std::string out = r.out;
  CHECK(
      out.starts_with("t.yml:8:15: error: expr \"up\" at 1m: expected 1 sample, got 1 that differ (test group expr) "
                      "[test-rules/expr]\n"
                      "    sample {__name__=\"up\", job=\"a\"}: expected 2E+00, got 1E+00\n"));
  // Reported at the failing rule, in the rule file.
  CHECK(out.find("\nrules.yml:9:17: error: rule r:up:y failed at 0s: exceeded limit of 1 with 2 series (test group "
                 "rule-eval) [test-rules/rule-eval]\n") != std::string::npos);
  CHECK(
      out.find("\nt.yml:21:9: error: an item under alert_rule_test misses required attribute alertname at eval_time 1m "
               "(in TestGroup config) (test group config) [test-rules/config]\n"
               "t.yml:23:5: error: eval_time 10y at evaluation_interval 1m needs 5256001 evaluations of the rules; "
               "mlmon runs at most 1000000 per test group (raise evaluation_interval or lower eval_time) (test group "
               "limit) [test-rules/limit]\n"
               "1 file, 4 test groups: 0 passed, 4 failed\n") != std::string::npos);
}
