#include <doctest/doctest.h>

#include "helpers.hpp"

namespace mlmon::dashboards {

using test::lint;

TEST_CASE("dashboards/variable-undefined: every syntax, builtins and regex groups excepted") {
  const std::string text = R"js({"title": "Host $host", "panels": [
  {"id": 1, "type": "stat", "title": "CPU on [[node]]", "repeat": "region",
   "targets": [{"refId": "A", "expr": "label_replace(up{job=~\"$job\", x=\"${missing:regex}\"}[$__rate_interval], \"a\", \"$1\", \"b\", \"(.*)\")",
                "legendFormat": "${__field.name}"}]}
],
 "templating": {"list": [{"name": "job", "type": "query", "query": "label_values(up, job)"}]}})js";
  CHECK(lint(text, "dashboards/variable-undefined", true) ==
        "d.json:1:17: error: variable \"host\" is not defined [dashboards/variable-undefined]\n"
        "  hint: define it in templating.list, or remove the reference: Grafana leaves an undefined reference as "
        "written\n"
        "d.json:2:46: error: variable \"node\" is not defined [dashboards/variable-undefined]\n"
        "  hint: define it in templating.list, or remove the reference: Grafana leaves an undefined reference as "
        "written\n"
        "d.json:2:68: error: panel repeats over variable \"region\", which is not defined "
        "[dashboards/variable-undefined]\n"
        "  hint: define it in templating.list, or remove the reference: Grafana leaves an undefined reference as "
        "written\n"
        "d.json:3:76: error: variable \"missing\" is not defined [dashboards/variable-undefined]\n"
        "  hint: define it in templating.list, or remove the reference: Grafana leaves an undefined reference as "
        "written\n");
}

TEST_CASE("dashboards/variable-unused") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "repeat": "node", "targets": [{"refId": "A", "expr": "up{instance=\"$instance\"}"}]}
],
 "templating": {"list": [
  {"name": "job", "type": "query", "query": "label_values(up, job)"},
  {"name": "instance", "type": "query", "query": "label_values(up{job=\"$job\"}, instance)"},
  {"name": "node", "type": "query", "query": "label_values(node)"},
  {"name": "self", "type": "query", "query": "label_values(up{a=\"$self\"}, a)"},
  {"name": "filters", "type": "adhoc"}
]}})js";
  CHECK(lint(text, "dashboards/variable-unused", true) ==
        "d.json:8:12: warning: variable \"self\" is defined but never used [dashboards/variable-unused]\n"
        "  hint: remove it, or use $self in a query, title or link\n");
}

TEST_CASE("dashboards/variable-unused: links that pass every variable use them all") {
  const std::string text = R"js({"title": "T", "links": [{"type": "dashboards", "includeVars": true}],
 "templating": {"list": [{"name": "job", "type": "query"}]}})js";
  CHECK(lint(text, "dashboards/variable-unused").empty());
  CHECK(lint(R"js({"title": "T", "panels": [{"id": 1, "type": "text", "options": {"content": "${__all_variables}"}}],
 "templating": {"list": [{"name": "job", "type": "query"}]}})js",
             "dashboards/variable-unused")
            .empty());
}

}  // namespace mlmon::dashboards
