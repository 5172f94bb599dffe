#include "dashboards/linter_config.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"

namespace mlmon::dashboards {

namespace {

LinterConfig parse(std::string text, std::vector<Diagnostic>& problems) {
  return parse_linter_config(test::source(std::move(text), ".lint"), problems);
}

std::string lint_with(const std::string& json, const LinterConfig& config) {
  Report report;
  LintOptions options;
  options.linter_config = &config;
  lint_file(test::source(json), options, report);
  return test::format(report);
}

const std::string kDashboard = R"js({"title": "D", "panels": [
  {"id": 1, "type": "timeseries", "title": "A", "fieldConfig": {"defaults": {"unit": "short"}},
   "targets": [{"refId": "A", "expr": "x_total"}, {"refId": "B", "expr": "y_total"}]},
  {"id": 2, "type": "timeseries", "title": "B", "fieldConfig": {"defaults": {"unit": "short"}},
   "targets": [{"refId": "A", "expr": "z_total"}]}
]})js";

}  // namespace

TEST_CASE(".lint: dashboard-linter rule names map to mlmon checks") {
  CHECK(linter_rule_check("target-counter-agg-rule") == "dashboards/counter-without-rate");
  CHECK(linter_rule_check("panel-units-rule") == "dashboards/panel-unit");
  CHECK(linter_rule_check("dashboards/uid") == "dashboards/uid");
  CHECK(linter_rule_check("template-job-rule").empty());
}

TEST_CASE(".lint: exclusions by panel and target index; whole rules; warnings") {
  std::vector<Diagnostic> problems;
  const LinterConfig config = parse(R"(# comment
exclusions:
  template-job-rule:
    reason: no equivalent in mlmon, ignored
  target-counter-agg-rule:
    entries:
      - panel: A
        targetIdx: "1"
        reason: y is a gauge in disguise
      - dashboard: Other
        reason: not this dashboard
warnings:
  target-promql-rule:
)",
                                    problems);
  CHECK(problems.empty());
  CHECK(config.excludes("dashboards/counter-without-rate", "D", "A", 1));
  CHECK_FALSE(config.excludes("dashboards/counter-without-rate", "D", "A", 0));
  CHECK(config.excludes("dashboards/counter-without-rate", "Other", "Z", std::nullopt));
  CHECK(config.downgrades("dashboards/promql-parse", "D", "A", 0));
  CHECK(lint_with(kDashboard, config) ==
        "d.json:3:40: warning: panel \"A\", query A: counter \"x_total\" is used without rate(), irate() or increase() "
        "[dashboards/counter-without-rate]\n"
        "d.json:5:40: warning: panel \"B\", query A: counter \"z_total\" is used without rate(), irate() or increase() "
        "[dashboards/counter-without-rate]\n");
}

TEST_CASE(".lint: problems are reported with positions") {
  std::vector<Diagnostic> problems;
  parse(
      "exclusions:\n  panel-units-rule:\n    entries: {}\n  target-rate-interval-rule:\n    entries:\n      - "
      "targetIdx: x\n",
      problems);
  Report report;
  for (Diagnostic& d : problems) report.add(std::move(d));
  CHECK(test::format(report) ==
        ".lint:3:14: error: expected a list of entries [dashboards/linter-config]\n"
        ".lint:6:20: error: targetIdx \"x\" is not a query index [dashboards/linter-config]\n");
  problems.clear();
  parse("exclusions: [", problems);
  REQUIRE(problems.size() == 1u);
  CHECK(problems[0].rule_id == "yaml/syntax");
}

}  // namespace mlmon::dashboards
