#include <doctest/doctest.h>

#include "helpers.hpp"

namespace mlmon::dashboards {

using test::lint;

TEST_CASE("dashboards/title") {
  CHECK(lint(R"js({"panels": []})js", "dashboards/title", true) ==
        "d.json:1:1: error: Dashboard title cannot be empty [dashboards/title]\n  hint: add a \"title\"\n");
  CHECK(lint(R"js({"title": "  "})js", "dashboards/title") ==
        "d.json:1:11: error: Dashboard title cannot be empty [dashboards/title]\n");
  CHECK(lint(R"js({"title": 7})js", "dashboards/title") ==
        "d.json:1:11: error: \"title\" is a number, expected a string [dashboards/title]\n");
  CHECK(lint("{\"title\": \"" + std::string(5001, 'x') + "\"}", "dashboards/title") ==
        "d.json:1:11: error: Dashboard title cannot contain more than 5 000 characters [dashboards/title]\n");
  CHECK(lint(R"js({"title": "ok"})js", "dashboards/title").empty());
}

TEST_CASE("dashboards/uid") {
  CHECK(lint(R"js({"title": "T", "uid": "a b"})js", "dashboards/uid", true) ==
        "d.json:1:23: error: uid contains illegal characters [dashboards/uid]\n"
        "  hint: a uid may contain only A-Z, a-z, 0-9, '-' and '_'\n");
  CHECK(lint("{\"title\": \"T\", \"uid\": \"" + std::string(41, 'a') + "\"}", "dashboards/uid", true) ==
        "d.json:1:23: error: uid too long, max 40 characters [dashboards/uid]\n  hint: this uid has 41 characters\n");
  CHECK(lint(R"js({"title": "T", "uid": 12})js", "dashboards/uid") ==
        "d.json:1:23: error: \"uid\" is a number, expected a string [dashboards/uid]\n");
  CHECK(lint("{\"title\": \"T\", \"uid\": \" " + std::string(40, 'a') + " \"}", "dashboards/uid").empty());
  CHECK(lint(R"js({"title": "T", "uid": null})js", "dashboards/uid").empty());
  CHECK(lint(R"js({"title": "T", "uid": "Az09-_"})js", "dashboards/uid").empty());
}

TEST_CASE("dashboards/panel-id-unique: top level and inside collapsed rows") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A"},
  {"id": 2, "type": "row", "title": "R", "collapsed": true, "panels": [
    {"id": 1, "type": "stat", "title": "B"}
  ]},
  {"id": 2, "type": "stat", "title": "C"}
]})js";
  CHECK(lint(text, "dashboards/panel-id-unique", true) ==
        "d.json:4:12: error: panel id 1 is already used by panel \"A\" (line 2) [dashboards/panel-id-unique]\n"
        "  hint: give every panel its own id: Grafana renumbers duplicates on load, which breaks links and "
        "\"-- Dashboard --\" queries that name a panel by id\n"
        "d.json:6:10: error: panel id 2 is already used by row \"R\" (line 3) [dashboards/panel-id-unique]\n"
        "  hint: give every panel its own id: Grafana renumbers duplicates on load, which breaks links and "
        "\"-- Dashboard --\" queries that name a panel by id\n");
}

TEST_CASE("dashboards/grid-pos") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "gridPos": {"x": 0, "y": 0, "w": 0, "h": 0}},
  {"id": 2, "type": "stat", "title": "B", "gridPos": {"x": 20, "y": -1, "w": 6, "h": 3}},
  {"id": 3, "type": "stat", "title": "C", "gridPos": {"x": 24, "y": 0, "w": 30, "h": 3}},
  {"id": 4, "type": "stat", "title": "D", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 3}}
]})js";
  CHECK(lint(text, "dashboards/grid-pos") ==
        "d.json:2:76: warning: gridPos.w is 0, must be at least 1 [dashboards/grid-pos]\n"
        "d.json:2:84: warning: gridPos.h is 0, must be at least 1 [dashboards/grid-pos]\n"
        "d.json:3:69: warning: gridPos.y is -1, must not be negative [dashboards/grid-pos]\n"
        "d.json:4:60: warning: gridPos.x is 24, must be from 0 to 23 [dashboards/grid-pos]\n"
        "d.json:4:77: warning: gridPos.w is 30, wider than the 24 grid columns [dashboards/grid-pos]\n");
  CHECK(lint(R"js({"title": "T", "panels": [{"id": 1, "type": "stat", "title": "A",
  "gridPos": {"x": 20, "y": 0, "w": 6, "h": 3}}]})js",
             "dashboards/grid-pos", true) ==
        "d.json:2:14: warning: gridPos x + w is 26, beyond the 24 grid columns [dashboards/grid-pos]\n"
        "  hint: Grafana squeezes the panel back into the grid when it loads the dashboard\n");
}

TEST_CASE("dashboards/panel-overlap: per layer; collapsed rows lay out their own children") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}},
  {"id": 2, "type": "stat", "title": "B", "gridPos": {"x": 11, "y": 7, "w": 6, "h": 8}},
  {"id": 3, "type": "stat", "title": "C", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 7}},
  {"id": 4, "type": "row", "title": "R", "collapsed": true, "gridPos": {"x": 0, "y": 15, "w": 24, "h": 1}, "panels": [
    {"id": 5, "type": "stat", "title": "D", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}},
    {"id": 6, "type": "stat", "title": "E", "gridPos": {"x": 12, "y": 16, "w": 12, "h": 8}},
    {"id": 7, "type": "stat", "title": "F", "gridPos": {"x": 6, "y": 4, "w": 12, "h": 8}}
  ]}
]})js";
  CHECK(lint(text, "dashboards/panel-overlap", true) ==
        "d.json:3:54: warning: panel \"B\" overlaps panel \"A\" (line 2) [dashboards/panel-overlap]\n"
        "  hint: Grafana moves overlapping panels when it loads the dashboard; fix gridPos x and y\n"
        "d.json:8:56: warning: panel \"F\" overlaps panel \"D\" (line 6) [dashboards/panel-overlap]\n"
        "  hint: Grafana moves overlapping panels when it loads the dashboard; fix gridPos x and y\n");
}

TEST_CASE("dashboards/ref-id-unique") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "targets": [
    {"refId": "A", "expr": "up"}, {"refId": "B", "expr": "up"}, {"refId": "A", "expr": "up"}, {"expr": "up"}, {"expr": "up"}
  ]},
  {"id": 2, "type": "stat", "title": "B", "targets": [{"refId": "A", "expr": "up"}]}
]})js";
  CHECK(lint(text, "dashboards/ref-id-unique") ==
        "d.json:3:75: error: duplicate refId \"A\" in panel \"A\" [dashboards/ref-id-unique]\n");
}

TEST_CASE("dashboards/panel-no-targets") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "timeseries", "title": "Empty", "targets": []},
  {"id": 2, "type": "stat", "title": "None"},
  {"id": 3, "type": "text", "title": "Notes"},
  {"id": 4, "type": "row", "title": "Row"},
  {"id": 5, "type": "stat", "title": "Lib", "libraryPanel": {"uid": "x", "name": "y"}},
  {"id": 6, "type": "stat", "title": "Ok", "targets": [{"refId": "A"}]}
]})js";
  CHECK(lint(text, "dashboards/panel-no-targets", true) ==
        "d.json:2:64: warning: panel \"Empty\" has no targets [dashboards/panel-no-targets]\n"
        "  hint: add a query, or remove the panel\n"
        "d.json:3:3: warning: panel \"None\" has no targets [dashboards/panel-no-targets]\n"
        "  hint: add a query, or remove the panel\n");
}

}  // namespace mlmon::dashboards
