#include "dashboards/loader.hpp"

#include <doctest/doctest.h>

#include <string>

#include "helpers.hpp"

namespace mlmon::dashboards {

using test::lint;
using test::load;
using test::source;

namespace {

std::string load_error(std::string text) {
  auto loaded = load_dashboard(source(std::move(text)));
  REQUIRE_FALSE(loaded.has_value());
  const Diagnostic& d = loaded.error();
  return d.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message + " [" +
         d.rule_id + "]";
}

}  // namespace

TEST_CASE("loader: plain dashboard with panels, targets and variables") {
  const Dashboard d = load(R"js({
  "uid": "abc", "title": "T", "schemaVersion": 39,
  "panels": [
    {"id": 1, "type": "timeseries", "title": "CPU", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
     "datasource": {"type": "prometheus", "uid": "${datasource}"},
     "targets": [{"refId": "A", "expr": "up", "instant": true}]}
  ],
  "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus",
                           "current": {"value": ["a", "b"]}}]}
})js");
  CHECK(d.shape == DashboardShape::Plain);
  CHECK(d.root.empty());
  CHECK(d.title == "T");
  CHECK(d.uid == "abc");
  CHECK(d.schema_version == 39);
  REQUIRE(d.panels.size() == 1);
  const Panel& p = d.panels[0];
  CHECK(p.pointer == "/panels/0");
  CHECK(p.id == 1);
  CHECK(p.title == "CPU");
  REQUIRE(p.grid_pos.has_value());
  CHECK(p.grid_pos->w == 12.0);
  CHECK(p.datasource.form == DatasourceRef::Form::Object);
  CHECK(p.datasource.uid == "${datasource}");
  REQUIRE(p.targets.size() == 1);
  CHECK(p.targets[0].pointer == "/panels/0/targets/0");
  CHECK(p.targets[0].expr == "up");
  CHECK(p.targets[0].instant_only);
  CHECK(d.position("/panels/0/targets/0/expr") == Position{6, 41, 272});
  REQUIRE(d.variables.size() == 1);
  CHECK(d.variables[0].current == std::vector<std::string>{"a", "b"});
  CHECK(d.variables[0].query == "prometheus");
}

TEST_CASE("loader: API-shaped file puts pointers under /dashboard") {
  const Dashboard d = load(R"js({"meta": {"slug": "x"},
 "dashboard": {"title": "T", "panels": [{"id": 2, "type": "stat", "title": "S"}]}})js");
  CHECK(d.shape == DashboardShape::Api);
  CHECK(d.root == "/dashboard");
  REQUIRE(d.panels.size() == 1);
  CHECK(d.panels[0].pointer == "/dashboard/panels/0");
  CHECK(d.position(d.panels[0].pointer + "/id").line == 2);
}

TEST_CASE("loader: exported dashboard keeps its __inputs") {
  const Dashboard d = load(R"js({"__inputs": [{"name": "DS_PROM", "type": "datasource", "pluginId": "prometheus"}],
 "__requires": [], "title": "T", "panels": []})js");
  CHECK(d.shape == DashboardShape::Exported);
  CHECK(d.has_inputs);
  REQUIRE(d.inputs.size() == 1);
  CHECK(d.inputs[0].name == "DS_PROM");
  CHECK(d.inputs[0].plugin_id == "prometheus");
}

TEST_CASE("loader: Kubernetes-style resource uses spec") {
  const Dashboard d = load(R"js({"apiVersion": "dashboard.grafana.app/v1beta1", "kind": "Dashboard",
 "metadata": {"name": "x"}, "spec": {"title": "T", "panels": []}})js");
  CHECK(d.shape == DashboardShape::Kubernetes);
  CHECK(d.root == "/spec");
}

TEST_CASE("loader: collapsed rows hold their children; legacy rows[] too") {
  const Dashboard d = load(R"js({"title": "T", "panels": [
  {"id": 1, "type": "row", "title": "R", "collapsed": true, "panels": [{"id": 2, "type": "stat", "title": "In row"}]},
  {"id": 3, "type": "stat", "title": "After"}
],
 "rows": [{"title": "Old", "collapse": false, "panels": [{"id": 4, "type": "graph", "span": 6}]}]})js");
  CHECK(d.legacy_rows);
  REQUIRE(d.panels.size() == 5);
  CHECK(d.panels[0].is_row);
  CHECK(d.panels[0].collapsed);
  CHECK(d.panels[1].pointer == "/panels/0/panels/0");
  CHECK(d.panels[1].row == 0u);
  CHECK_FALSE(d.panels[2].row.has_value());
  CHECK(d.panels[3].pointer == "/rows/0");
  CHECK(d.panels[3].is_row);
  CHECK(d.panels[3].legacy);
  CHECK(d.panels[4].pointer == "/rows/0/panels/0");
  CHECK(d.panels[4].row == 3u);
  CHECK(d.panels[4].legacy);
}

TEST_CASE("loader: bad input gives one positioned error, never a crash") {
  CHECK(load_error("") ==
        "d.json:1:1: invalid JSON: syntax error while parsing value - unexpected end of input; "
        "expected '[', '{', or a literal [dashboards/json]");
  CHECK(
      load_error("{\"title\": \"T\",\n \"panels\": [") ==
      "d.json:2:13: invalid JSON: syntax error while parsing value - unexpected end of input; expected '[', '{', or a "
      "literal [dashboards/json]");
  CHECK(load_error("{\"a\": tru}") ==
        "d.json:1:10: invalid JSON: syntax error while parsing value - invalid literal; last read: '\"a\": tru}' "
        "[dashboards/json]");
  CHECK(load_error("[1, 2]") ==
        "d.json:1:1: not a Grafana dashboard: the top-level value is an array, expected an object "
        "[dashboards/not-a-dashboard]");
  CHECK(load_error("\"x\"") ==
        "d.json:1:1: not a Grafana dashboard: the top-level value is a string, expected an object "
        "[dashboards/not-a-dashboard]");
  CHECK(load_error("{\"groups\": []}") ==
        "d.json:1:1: not a Grafana dashboard: no \"panels\", \"rows\" or \"title\" [dashboards/not-a-dashboard]");
  CHECK(load_error("{\"dashboard\": 3}") ==
        "d.json:1:15: \"dashboard\" is a number, expected an object [dashboards/not-a-dashboard]");
  CHECK(load_error("{\"kind\": \"Dashboard\", \"spec\": {\"elements\": {}, \"layout\": {}}}") ==
        "d.json:1:31: v2 dashboards (spec.elements, spec.layout) are not supported [dashboards/not-a-dashboard]");
  CHECK(load_error("{\"title\": \"\xff\"}") ==
        "d.json:1:12: invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last "
        "read: '\"\xff' [dashboards/json]");
}

TEST_CASE("loader: deep nesting is refused before nlohmann sees it") {
  std::string deep = "{\"title\": ";
  for (int i = 0; i < 100000; ++i) deep += '[';
  CHECK(load_error(deep) == "d.json:1:138: JSON nested deeper than 128 levels [dashboards/json]");
  std::string ok = "{\"title\": \"T\", \"x\": ";
  for (int i = 0; i < 120; ++i) ok += '[';
  for (int i = 0; i < 120; ++i) ok += ']';
  ok += "}";
  CHECK(load_dashboard(source(ok)).has_value());
}

TEST_CASE("loader: a file over the size limit is refused without parsing") {
  std::string big(kMaxDashboardBytes + 1, ' ');
  CHECK(load_error(std::move(big)) ==
        "d.json:0:0: file is 20971521 bytes; dashboards larger than 20 MiB are not loaded [dashboards/json]");
}

TEST_CASE("loader: a large valid dashboard loads") {
  std::string text = "{\"title\": \"Big\", \"panels\": [";
  for (int i = 0; i < 20000; ++i) {
    if (i) text += ',';
    text += "{\"id\": " + std::to_string(i) + ", \"type\": \"text\", \"title\": \"p\"}";
  }
  text += "]}";
  const Dashboard d = load(text);
  CHECK(d.panels.size() == 20000u);
}

TEST_CASE("loader: odd member types are tolerated") {
  const Dashboard d = load(R"js({"title": 5, "uid": [], "panels": [3, "x", null,
  {"id": "7", "type": 1, "title": null, "gridPos": "big", "targets": {"refId": "A"}, "datasource": 4}],
  "templating": {"list": "nope"}, "__inputs": {}})js");
  CHECK(d.title.empty());
  REQUIRE(d.panels.size() == 1);
  CHECK_FALSE(d.panels[0].id.has_value());
  CHECK_FALSE(d.panels[0].title.has_value());
  CHECK_FALSE(d.panels[0].grid_pos.has_value());
  CHECK(d.panels[0].has_targets);
  CHECK(d.panels[0].targets.empty());
  CHECK(d.panels[0].datasource.form == DatasourceRef::Form::Other);
  CHECK(d.has_inputs);
  CHECK(d.variables.empty());
}

TEST_CASE("loader errors come out of lint as findings") {
  CHECK(lint("{") ==
        "d.json:1:2: error: invalid JSON: syntax error while parsing object key - unexpected end of "
        "input; expected string literal [dashboards/json]\n");
}

}  // namespace mlmon::dashboards
