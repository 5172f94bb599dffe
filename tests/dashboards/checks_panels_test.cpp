#include <doctest/doctest.h>

#include "helpers.hpp"

namespace mlmon::dashboards {

using test::lint;

TEST_CASE("dashboards/panel-title") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat"},
  {"id": 2, "type": "stat", "title": " "},
  {"type": "stat", "title": ""},
  {"id": 4, "type": "text"},
  {"id": 5, "type": "row", "title": ""},
  {"id": 6, "type": "stat", "title": "Fine"}
]})js";
  CHECK(lint(text, "dashboards/panel-title", true) ==
        "d.json:2:3: warning: panel 1 has no title [dashboards/panel-title]\n  hint: say what the panel shows\n"
        "d.json:3:38: warning: panel 2 has no title [dashboards/panel-title]\n  hint: say what the panel shows\n"
        "d.json:4:29: warning: panel at /panels/2 has no title [dashboards/panel-title]\n"
        "  hint: say what the panel shows\n");
}

TEST_CASE("dashboards/panel-unit") {
  const std::string text = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "No fieldConfig"},
  {"id": 2, "type": "gauge", "title": "Empty unit", "fieldConfig": {"defaults": {"unit": ""}}},
  {"id": 3, "type": "timeseries", "title": "No unit", "fieldConfig": {"defaults": {}}},
  {"id": 4, "type": "timeseries", "title": "Has unit", "fieldConfig": {"defaults": {"unit": "s"}}},
  {"id": 5, "type": "stat", "title": "Mapped", "fieldConfig": {"defaults": {"mappings": [{"type": "value"}]}}},
  {"id": 6, "type": "stat", "title": "Override", "fieldConfig": {"defaults": {},
     "overrides": [{"matcher": {}, "properties": [{"id": "unit", "value": "bytes"}]}]}},
  {"id": 7, "type": "table", "title": "Table"}
]})js";
  CHECK(
      lint(text, "dashboards/panel-unit", true) ==
      "d.json:2:3: warning: panel \"No fieldConfig\" has no unit [dashboards/panel-unit]\n"
      "  hint: set fieldConfig.defaults.unit (\"s\", \"bytes\", \"percentunit\", \"reqps\"; \"short\" or \"none\" for "
      "plain numbers)\n"
      "d.json:3:90: warning: panel \"Empty unit\" has no unit [dashboards/panel-unit]\n"
      "  hint: set fieldConfig.defaults.unit (\"s\", \"bytes\", \"percentunit\", \"reqps\"; \"short\" or \"none\" for "
      "plain numbers)\n"
      "d.json:4:83: warning: panel \"No unit\" has no unit [dashboards/panel-unit]\n"
      "  hint: set fieldConfig.defaults.unit (\"s\", \"bytes\", \"percentunit\", \"reqps\"; \"short\" or \"none\" for "
      "plain numbers)\n");
}

}  // namespace mlmon::dashboards
