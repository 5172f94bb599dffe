// The CLI itself: version, help, misspelt commands and flags, and the exit code table of the
// README, command by command.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

TEST_CASE("--version and version agree (both said `A subcommand is required` before)") {
  const auto flag = run_cli({"--version"});
  CHECK(flag.code == 0);
  CHECK(flag.out.starts_with("mlmon "));
  CHECK(flag.out == run_cli({"version"}).out);
  CHECK(flag.out == run_cli({"-V"}).out);
}

TEST_CASE("help, help COMMAND, and no command at all") {
  const auto top = run_cli({"help"});
  CHECK(top.code == 0);
  CHECK(top.out.starts_with("mlmon: monitoring-as-code"));
  CHECK(top.out.find("Usage: mlmon [OPTIONS] SUBCOMMAND") != std::string::npos);
  const auto nested = run_cli({"help", "routes", "test"});
  CHECK(nested.code == 0);
  CHECK(nested.out.find("Usage: mlmon routes test [OPTIONS] config [labels...]") != std::string::npos);
  CHECK(nested.out == run_cli({"routes", "test", "--help"}).out);
  const auto unknown = run_cli({"help", "rotes"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err ==
        "mlmon help: unknown command \"rotes\"; did you mean \"routes\"?\n"
        "Run 'mlmon --help' for the commands.\n");
  const auto none = run_cli({});
  CHECK(none.code == 2);
  CHECK(none.err.find("Usage: mlmon [OPTIONS] SUBCOMMAND") != std::string::npos);
}

TEST_CASE("a misspelt command or flag gets the closest one") {
  auto r = run_cli({"chek", "."});
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon: unknown command \"chek\"; did you mean \"check\"?\nRun 'mlmon --help' for the commands.\n");
  r = run_cli({"routes", "tset", "x.yml"});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "mlmon routes: unknown command \"tset\"; did you mean \"test\"?\n"
        "Run 'mlmon routes --help' for the commands.\n");
  r = run_cli({"check", "--formt", "json"});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "mlmon check: The following argument was not expected: --formt; did you mean --format?\n"
        "Run 'mlmon check --help' for usage.\n");
  r = run_cli({"check-rules", "--no-lnt", "x.yml"});
  CHECK(r.code == 2);
  CHECK(r.err.find("did you mean --no-lint?") != std::string::npos);
  r = run_cli({"xyzzy"});
  CHECK(r.err == "mlmon: unknown command \"xyzzy\"\nRun 'mlmon --help' for the commands.\n");
}

TEST_CASE("promql check takes --format like every checking command; empty stdin is not a pass") {
  auto r = run_cli({"promql", "check", "--format=json"}, "sum(\n");
  CHECK(r.code == 1);
  CHECK(r.out == "{\"expr\":\"sum(\",\"ok\":false,\"error\":\"unclosed left parenthesis\",\"line\":1,\"col\":5}\n");
  CHECK(run_cli({"promql", "check", "--json"}, "sum(\n").out == r.out);
  r = run_cli({"promql", "check"}, "");
  CHECK(r.code == 2);
  CHECK(r.err == "mlmon promql check: no expressions: give them as arguments or one per line on stdin\n");
}

TEST_CASE("checks: the one list of check ids, as text and JSON") {
  auto r = run_cli({"checks"});
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("ID "));
  CHECK(r.out.find("\nalerts/for                            warning   lint        ") != std::string::npos);
  CHECK(r.out.find("\nrules/schema                          error     validation  ") != std::string::npos);
  r = run_cli({"checks", "--format=json"});
  CHECK(r.code == 0);
  CHECK(r.out.find(
            "{\n      \"id\": \"dashboards/panel-unit\",\n      \"severity\": \"warning\",\n      \"kind\": \"lint\","
            "\n      \"summary\": \"stat, gauge and time series panels set a unit\"\n    }") != std::string::npos);
  CHECK(run_cli({"checks", "--format=xml"}).code == 2);
}

// The README's table: 0 clean, 1 problems found (differences, a failing case, a file that would
// change), 2 usage, unreadable input, I/O or network failure.
TEST_CASE("exit codes, command by command") {
  const std::string src = MLMON_SOURCE_DIR;
  TempDir dir;
  const std::string bad_rules =
      dir.file("bad.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n");
  const std::string bad_am = dir.file("am.yml", "route: {receiver: nobody}\nreceivers: [{name: team}]\n");
  const std::string good_am = dir.file("good-am.yml", "route: {receiver: team}\nreceivers: [{name: team}]\n");
  const std::string bad_json = dir.file("d.json", "{\"panels\": [\n");
  const std::string failing_test =
      dir.file("t.test.yml", "tests:\n  - promql_expr_test:\n      - expr: vector(1)\n        eval_time: 0\n");
  const std::string rules = src + "/rules/ml-platform.rules.yml";
  const std::string dashboard = src + "/dashboards/ml_metrics.json";
  struct Case {
    std::vector<std::string> args;
    int code;
  };
  const std::vector<Case> cases = {
      {{"check", "--no-thresholds", src}, 0},
      {{"check", dir.path()}, 1},
      {{"check", dir / "nope"}, 2},
      {{"checks"}, 0},
      {{"check-rules", rules}, 0},
      {{"check-rules", bad_rules}, 1},
      {{"check-rules", dir / "nope.yml"}, 2},
      {{"check-alertmanager", good_am}, 0},
      {{"check-alertmanager", bad_am}, 1},
      {{"check-alertmanager", dir / "nope.yml"}, 2},
      {{"check-dashboards", dashboard}, 0},
      {{"check-dashboards", bad_json}, 1},
      {{"check-dashboards", dir / "nope.json"}, 2},
      {{"diff", rules, rules}, 0},
      {{"diff", rules, src + "/rules/ml-platform.recording.yml"}, 1},
      {{"diff", rules, dir / "nope.yml"}, 2},
      {{"test-rules", src + "/rules/tests"}, 0},
      {{"test-rules", failing_test}, 1},
      {{"test-rules", dir / "nope.yml"}, 2},
      {{"promql", "check", "up"}, 0},
      {{"promql", "check", "up{"}, 1},
      {{"promql", "check", "--enable-feature=nope", "up"}, 2},
      {{"promql", "format", "up"}, 0},
      {{"promql", "format", "up{"}, 1},
      {{"thresholds", rules}, 0},
      {{"thresholds", dashboard}, 1},
      {{"thresholds", dir / "nope.yml"}, 2},
      {{"set-threshold", "HighPredictionLatency", "0.5", rules, "--check"}, 0},
      {{"set-threshold", "HighPredictionLatency", "0.3", rules, "--check"}, 1},
      {{"set-threshold", "NoSuchAlert", "0.3", rules, "--check"}, 2},
      {{"routes", "show", good_am}, 0},
      {{"routes", "show", bad_am}, 1},
      {{"routes", "show", dir / "nope.yml"}, 2},
      {{"routes", "test", good_am, "severity=critical", "--verify-receivers=team"}, 0},
      {{"routes", "test", good_am, "severity=critical", "--verify-receivers=pager"}, 1},
      {{"routes", "test", good_am, "not a label"}, 2},
      {{"render-alertmanager", dir / "nope.tmpl", "-o", dir / "out.yml"}, 2},
      {{"import-dashboard", "--url", "", dashboard}, 2},
      {{"export-dashboard", "--all", "-o", dir / "out"}, 2},
      {{"test-rules", src + "/rules/tests"}, 0},
      {{"test-rules", src + "/tests/ruletest/promtool-cases/alert-states/test.yml"}, 1},
      {{"test-rules", dir / "nope.yml"}, 2},
      {{"doctor", "--prometheus", "http://127.0.0.1:1", "--alertmanager", "http://127.0.0.1:1", "--skip", "grafana",
        "--retries", "0", "--timeout", "1", src},
       2},  // nothing answered (its 0 and 1 need servers: tests/integration/doctor.sh)
      {{"completion", "bash"}, 0},
      {{"completion", "ksh"}, 2},
      {{"checks", "alerts/for"}, 0},
      {{"checks", "alerts/nope"}, 2},
      {{"version"}, 0},
      {{"help", "check"}, 0},
      {{"help", "nope"}, 2},
  };
  for (const Case& c : cases) {
    std::string line = "mlmon";
    for (const std::string& a : c.args) line += " " + a;
    CAPTURE(line);
    CHECK(run_cli(c.args).code == c.code);
  }
}

TEST_CASE("docs/checks.md is `mlmon checks --format=markdown`: every check has its doc line, every line a check") {
  std::ifstream in(std::string(MLMON_SOURCE_DIR) + "/docs/checks.md");
  REQUIRE(in.good());
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto table = doc.find("| id | severity | kind | what it finds |");
  REQUIRE(table != std::string::npos);
  const auto generated = run_cli({"checks", "--format=markdown"});
  REQUIRE(generated.code == 0);
  CHECK(doc.substr(table) == generated.out);
}
