#include <doctest/doctest.h>

#include "helpers.hpp"

namespace mlmon::dashboards {

using test::lint;

TEST_CASE("dashboards/datasource-by-name") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "datasource": "Prometheus", "targets": [{"refId": "A", "datasource": "$ds"}]},
  {"id": 2, "type": "stat", "title": "B", "datasource": "-- Grafana --"},
  {"id": 3, "type": "stat", "title": "C", "datasource": {"type": "prometheus", "uid": "x"}},
  {"id": 4, "type": "stat", "title": "D", "datasource": null}
],
 "templating": {"list": [{"name": "ds", "type": "datasource", "query": "prometheus"}]}})js";
  CHECK(lint(text, "dashboards/datasource-by-name", true) ==
        "d.json:2:57: warning: datasource referenced by name \"Prometheus\" [dashboards/datasource-by-name]\n"
        "  hint: write {\"type\": \"<type>\", \"uid\": \"<uid>\"}: Grafana 8.3+ rewrites name references on load, so "
        "they churn in every diff\n"
        "d.json:2:112: warning: datasource referenced by the string \"$ds\" [dashboards/datasource-by-name]\n"
        "  hint: write {\"type\": \"prometheus\", \"uid\": \"$ds\"}: Grafana 8.3+ rewrites name references on load, "
        "so they churn in every diff\n"
        "d.json:3:57: warning: datasource referenced by name \"-- Grafana --\" [dashboards/datasource-by-name]\n"
        "  hint: write {\"type\": \"datasource\", \"uid\": \"grafana\"}: Grafana 8.3+ rewrites name references on "
        "load, so they churn in every diff\n");
}

TEST_CASE("dashboards/undefined-input and dashboards/unused-input") {
  const std::string text = R"js({"__inputs": [
  {"name": "DS_PROM", "type": "datasource", "pluginId": "prometheus"},
  {"name": "DS_UNUSED", "type": "datasource", "pluginId": "prometheus"}
],
 "title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "datasource": {"uid": "${DS_PROM}"},
   "targets": [{"refId": "A", "datasource": {"uid": "${DS_LOKI}"}, "expr": "x{a=\"${VAR_X}\"}"}]}
]})js";
  CHECK(lint(text, "dashboards/undefined-input", true) ==
        "d.json:7:54: error: ${DS_LOKI} is not declared in __inputs [dashboards/undefined-input]\n"
        "  hint: declare it in __inputs ({\"name\": \"DS_LOKI\", \"type\": \"datasource\", ...}) or define a "
        "datasource variable named DS_LOKI; otherwise Grafana shows \"Datasource named ${DS_LOKI} was not found\"\n"
        "d.json:7:83: error: ${VAR_X} is not declared in __inputs [dashboards/undefined-input]\n"
        "  hint: declare it in __inputs ({\"name\": \"VAR_X\", \"type\": \"constant\", ...}) or define a variable "
        "named VAR_X\n");
  CHECK(lint(text, "dashboards/unused-input", true) ==
        "d.json:3:12: warning: input DS_UNUSED is declared in __inputs but never used [dashboards/unused-input]\n"
        "  hint: remove it, or refer to it as ${DS_UNUSED}: importing asks for a value nothing uses\n");
}

TEST_CASE("dashboards/undefined-input: a variable of that name is fine (rfmoz dashboards do this)") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}}],
 "templating": {"list": [{"name": "DS_PROMETHEUS", "type": "datasource", "query": "prometheus"}]}})js";
  CHECK(lint(text, "dashboards/undefined-input").empty());
  CHECK(lint(text, "dashboards/datasource-variable").empty());
}

TEST_CASE("dashboards/datasource-variable") {
  const std::string text = R"js({"__inputs": [{"name": "VAR_C", "type": "constant", "value": "x"}],
 "title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "datasource": {"uid": "$nope"}},
  {"id": 2, "type": "stat", "title": "B", "datasource": "${job}"},
  {"id": 3, "type": "stat", "title": "C", "datasource": {"uid": "${VAR_C}"}},
  {"id": 4, "type": "stat", "title": "D", "datasource": {"uid": "[[ds]]"}}
],
 "templating": {"list": [{"name": "job", "type": "query", "query": "label_values(job)"},
                         {"name": "ds", "type": "datasource", "query": "prometheus"}]}})js";
  CHECK(lint(text, "dashboards/datasource-variable", true) ==
        "d.json:3:66: error: unknown datasource variable \"nope\" [dashboards/datasource-variable]\n"
        "  hint: define a variable of type \"datasource\" named nope\n"
        "d.json:4:58: error: variable \"job\" is a query variable, not a datasource variable "
        "[dashboards/datasource-variable]\n"
        "  hint: define a variable of type \"datasource\" named job\n"
        "d.json:5:66: error: input VAR_C is a constant input, not a datasource [dashboards/datasource-variable]\n"
        "  hint: declare it in __inputs with \"type\": \"datasource\"\n");
}

}  // namespace mlmon::dashboards
