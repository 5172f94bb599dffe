// End-to-end: `mlmon check-dashboards` (and `mlmon diff` for dashboards) through mlmon_main.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "run_cli.hpp"
#include "temp_dir.hpp"

namespace {

using mlmon::testing::CliRun;
using mlmon::testing::run_cli;

using mlmon::testing::TempDir;

const std::string kClean = R"js({
  "uid": "clean", "title": "Clean",
  "panels": [
    {"id": 1, "type": "timeseries", "title": "Requests", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
     "fieldConfig": {"defaults": {"unit": "reqps"}},
     "targets": [{"refId": "A", "expr": "sum(rate(http_requests_total[$__rate_interval]))"}]}
  ]
}
)js";

const std::string kBroken = R"js({
  "uid": "broken", "title": "Broken",
  "panels": [
    {"id": 1, "type": "stat", "title": "Up", "fieldConfig": {"defaults": {"unit": "none"}},
     "targets": [{"refId": "A", "expr": "sum(up"}]},
    {"id": 1, "type": "stat", "title": "Also up", "targets": [{"refId": "A", "expr": "up"}]}
  ]
}
)js";

}  // namespace

TEST_CASE("check-dashboards: a clean dashboard exits 0 with a summary on stderr") {
  TempDir dir;
  const std::string path = dir.file("clean.json", kClean);
  const CliRun run = run_cli({"check-dashboards", path});
  CHECK(run.code == 0);
  CHECK(run.out == "");
  CHECK(run.err == "1 dashboard checked: 0 errors, 0 warnings\n");
}

TEST_CASE("check-dashboards: findings in text, with the source line and a caret") {
  TempDir dir;
  const std::string path = dir.file("broken.json", kBroken);
  const CliRun run = run_cli({"check-dashboards", "--color=never", path});
  CHECK(run.code == 1);
  CHECK(run.out ==
        path +
            ":5:48: error: panel \"Up\", query A: could not parse expression: parse error: unclosed left "
            "parenthesis [dashboards/promql-parse]\n"
            "       \"targets\": [{\"refId\": \"A\", \"expr\": \"sum(up\"}]},\n"
            "                                                 ^\n" +
            path +
            ":6:5: warning: panel \"Also up\" has no unit [dashboards/panel-unit]\n"
            "      {\"id\": 1, \"type\": \"stat\", \"title\": \"Also up\", \"targets\": [{\"refId\": \"A\", \"expr\": "
            "\"up\"}]}\n"
            "      ^\n"
            "  hint: set fieldConfig.defaults.unit (\"s\", \"bytes\", \"percentunit\", \"reqps\"; \"short\" or "
            "\"none\" for plain numbers)\n" +
            path +
            ":6:12: error: panel id 1 is already used by panel \"Up\" (line 4) [dashboards/panel-id-unique]\n"
            "      {\"id\": 1, \"type\": \"stat\", \"title\": \"Also up\", \"targets\": [{\"refId\": \"A\", \"expr\": "
            "\"up\"}]}\n"
            "             ^\n"
            "  hint: give every panel its own id: Grafana renumbers duplicates on load, which breaks links and "
            "\"-- Dashboard --\" queries that name a panel by id\n");
  CHECK(run.err == "1 dashboard checked: 2 errors, 1 warning\n");
}

TEST_CASE("check-dashboards: --format=json and --fail-on") {
  TempDir dir;
  const std::string path = dir.file("d.json", R"js({"title": "T", "panels": [{"id": 1, "type": "stat", "title": "S",
  "targets": [{"refId": "A", "expr": "up"}]}]})js");
  CliRun run = run_cli({"check-dashboards", "--format=json", path});
  CHECK(run.code == 0);
  CHECK(run.err == "");
  CHECK(run.out ==
        "{\n  \"diagnostics\": [\n    {\n      \"file\": \"" + path +
            "\",\n      \"line\": 1,\n      \"column\": 27,\n      \"severity\": \"warning\",\n"
            "      \"rule\": \"dashboards/panel-unit\",\n      \"message\": \"panel \\\"S\\\" has no unit\",\n"
            "      \"hint\": \"set fieldConfig.defaults.unit (\\\"s\\\", \\\"bytes\\\", \\\"percentunit\\\", "
            "\\\"reqps\\\"; \\\"short\\\" or \\\"none\\\" for plain numbers)\"\n    }\n  ],\n"
            "  \"summary\": {\n    \"errors\": 0,\n    \"warnings\": 1,\n    \"infos\": 0\n  }\n}\n");
  run = run_cli({"check-dashboards", "-q", "--fail-on=warning", path});
  CHECK(run.code == 1);
  CHECK(run.err == "");
}

TEST_CASE("check-dashboards: directories, stdin, bad JSON and missing paths") {
  TempDir dir;
  dir.file("a/clean.json", kClean);
  dir.file("a/notes.txt", "not a dashboard");
  dir.file("a/b/bad.json", "{\"title\": ");
  CliRun run = run_cli({"check-dashboards", "--color=never", dir.path() + "/a"});
  CHECK(run.code == 1);
  CHECK(run.out == dir.path() +
                       "/a/b/bad.json:1:11: error: invalid JSON: syntax error while parsing value - "
                       "unexpected end of input; expected '[', '{', or a literal [dashboards/json]\n"
                       "  {\"title\": \n"
                       "            ^\n");
  CHECK(run.err == "2 dashboards checked: 1 error, 0 warnings\n");

  run = run_cli({"check-dashboards", "-"}, kClean);
  CHECK(run.code == 0);
  CHECK(run.err == "1 dashboard checked: 0 errors, 0 warnings\n");

  run = run_cli({"check-dashboards", "--color=never", "-"}, "[]");
  CHECK(run.code == 1);
  CHECK(run.out ==
        "-:1:1: error: not a Grafana dashboard: the top-level value is an array, expected an object "
        "[dashboards/not-a-dashboard]\n  []\n  ^\n");

  run = run_cli({"check-dashboards", dir.path() + "/nope.json"});
  CHECK(run.code == 2);
  CHECK(run.out == "");
  CHECK(run.err == "mlmon check-dashboards: " + dir.path() + "/nope.json: no such file or directory\n");
}

TEST_CASE("check-dashboards: .mlmon.yml disables checks, changes severities and excludes panels") {
  TempDir dir;
  const std::string path = dir.file("d.json", kBroken);
  dir.file(
      ".mlmon.yml",
      "checks:\n  dashboards/panel-unit: off\n  dashboards/panel-id-unique: warning\n"
      "exclude:\n  - check: dashboards/promql-parse\n    dashboard: broken\n    panel: Up\n    reason: on purpose\n");
  const CliRun run = run_cli({"check-dashboards", "--color=never", path});
  CHECK(run.code == 0);
  CHECK(run.out == path +
                       ":6:12: warning: panel id 1 is already used by panel \"Up\" (line 4) "
                       "[dashboards/panel-id-unique]\n"
                       "      {\"id\": 1, \"type\": \"stat\", \"title\": \"Also up\", \"targets\": [{\"refId\": \"A\", "
                       "\"expr\": \"up\"}]}\n"
                       "             ^\n"
                       "  hint: give every panel its own id: Grafana renumbers duplicates on load, which breaks "
                       "links and \"-- Dashboard --\" queries that name a panel by id\n");
}

TEST_CASE("check-dashboards: a dashboard-linter .lint beside the dashboards applies") {
  TempDir dir;
  const std::string path = dir.file("dash/d.json", R"js({"title": "D", "panels": [
  {"id": 1, "type": "timeseries", "title": "Total", "fieldConfig": {"defaults": {"unit": "short"}},
   "targets": [{"refId": "A", "expr": "x_total"}]}]})js");
  CliRun run = run_cli({"check-dashboards", "--fail-on=warning", path});
  CHECK(run.code == 1);
  dir.file("dash/.lint",
           "exclusions:\n  target-counter-agg-rule:\n    entries:\n      - panel: Total\n"
           "        reason: a per-run count\n");
  run = run_cli({"check-dashboards", "--fail-on=warning", path});
  CHECK(run.code == 0);
  CHECK(run.out == "");
  dir.file("dash/.lint", "exclusions: 3\n");
  run = run_cli({"check-dashboards", "--color=never", path});
  CHECK(run.code == 1);
  CHECK(run.out == dir.path() +
                       "/dash/.lint:1:13: error: expected a mapping of rule names "
                       "[dashboards/linter-config]\n  exclusions: 3\n              ^\n" +
                       path +
                       ":3:40: warning: panel \"Total\", query A: counter \"x_total\" is used without rate(), "
                       "irate() or increase() [dashboards/counter-without-rate]\n"
                       "     \"targets\": [{\"refId\": \"A\", \"expr\": \"x_total\"}]}]}\n"
                       "                                         ^\n"
                       "  hint: a counter only grows and restarts from 0; rate(x_total[$__rate_interval]) shows "
                       "how fast it grows, increase() how much\n");
}

TEST_CASE("diff: exit codes 0 same, 1 different, 2 trouble; text and json") {
  TempDir dir;
  const std::string a = dir.file("a.json", kClean);
  std::string changed = kClean;
  changed.replace(changed.find("reqps"), 5, "ops");
  const std::string b = dir.file("b.json", changed);
  CliRun run = run_cli({"diff", a, a});
  CHECK(run.code == 0);
  CHECK(run.out == "");
  run = run_cli({"diff", a, b});
  CHECK(run.code == 1);
  CHECK(run.out == "~ panel \"Requests\": fieldConfig.defaults.unit: \"reqps\" → \"ops\"\n");
  run = run_cli({"diff", "--format=json", a, "-"}, kClean);
  CHECK(run.code == 0);
  CHECK(run.out == "{\n  \"old\": \"" + a + "\",\n  \"new\": \"-\",\n  \"equal\": true,\n  \"changes\": []\n}\n");

  run = run_cli({"diff", a, dir.path() + "/missing.json"});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon diff: " + dir.path() + "/missing.json: cannot open: No such file or directory\n");
  const std::string bad = dir.file("bad.json", "{\"title\": [}");
  run = run_cli({"diff", a, bad});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon diff: " + bad +
                       ":1:12: invalid JSON: syntax error while parsing value - unexpected '}'; "
                       "expected '[', '{', or a literal\n");
  const std::string rules = dir.file("r.yml", "groups: []\n");
  run = run_cli({"diff", rules, rules});  // rule files have their own differ (tests/cli)
  CHECK(run.code == 0);
  CHECK(run.err == "");
  run = run_cli({"diff", a, rules});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon diff: " + a + " is a dashboard and " + rules + " is not\n");
}
