#include "workspace/catalog.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using mlmon::checks::CheckKind;
using mlmon::workspace::catalog;

TEST_CASE("the catalogue: every area's checks, each id once, well-formed, sorted") {
  const auto all = catalog().all();
  CHECK(all.size() > 90);
  std::set<std::string> areas;
  std::string previous;
  for (const mlmon::checks::CheckInfo* info : all) {
    CAPTURE(info->id);
    const std::string id(info->id);
    CHECK(id > previous);
    previous = id;
    const auto slash = id.find('/');
    REQUIRE(slash != std::string::npos);
    areas.insert(id.substr(0, slash));
    for (char c : id.substr(slash + 1)) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    CHECK(!info->summary.empty());
    CHECK(!info->summary.ends_with("."));
  }
  CHECK(areas == std::set<std::string>{"alertmanager", "alerts", "config", "dashboards", "doctor", "promql", "rules",
                                       "test-rules", "yaml"});
}

TEST_CASE("the catalogue: lint checks are configurable, validations and unknown ids are not") {
  CHECK(catalog().find("alerts/for")->kind == CheckKind::Lint);
  CHECK(catalog().find("rules/schema")->kind == CheckKind::Validation);
  CHECK(catalog().find("nope/nothing") == nullptr);
  CHECK(catalog().why_not_configurable("alerts/for").empty());
  CHECK(catalog().why_not_configurable("alertmanager/plain-secret").empty());
  CHECK(catalog().why_not_configurable("dashboards/panel-unit").empty());
  CHECK(catalog().why_not_configurable("alerts/required-label") ==
        "unknown check \"alerts/required-label\"; did you mean \"alerts/required-labels\"?");
  CHECK(catalog().why_not_configurable("yaml/syntax") ==
        "check \"yaml/syntax\" is a validation (what the server itself refuses): it always runs and cannot be "
        "turned off, re-graded or excluded");
  CHECK(catalog().why_not_configurable("completely-different") == "unknown check \"completely-different\"");
}
