// check-alertmanager --rules: where each alerting rule's alerts go.
#include "alertmanager/crosscheck.hpp"

#include <doctest/doctest.h>

#include "alertmanager/route_cases.hpp"
#include "test_support.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;
using namespace mlmon::alertmanager::testing;

namespace {

constexpr std::string_view kConfig =
    "route:\n  receiver: default\n  routes:\n  - matchers: [severity=\"critical\", team=\"ml\"]\n    receiver: pager\n"
    "  - matchers: [severity=\"info\"]\n    receiver: devnull\nreceivers:\n- name: default\n  email_configs: [{to: "
    "a@example.com, from: a@example.com, smarthost: 'h:25'}]\n- name: pager\n  webhook_configs: [{url: "
    "'http://p.example/'}]\n- name: devnull\n";

AlertRuleRef alert(std::string name, LabelSet labels, int line) {
  return AlertRuleRef{std::move(name), std::move(labels), {}, "rules.yml", Position{line, 5, 0}};
}

}  // namespace

TEST_CASE("alerts that reach only blackholes or only the root default") {
  const LoadedConfig loaded = load_text(kConfig);
  REQUIRE_MESSAGE(!loaded.has_errors(), findings_text(loaded));
  const std::vector<AlertRuleRef> alerts{
      alert("GoodCritical", {{"severity", "critical"}, {"team", "ml"}}, 3),
      alert("OtherTeamCritical", {{"severity", "critical"}, {"team", "web"}}, 9),
      alert("Chatter", {{"severity", "info"}}, 15),
      alert("NoSeverity", {}, 21),
  };
  const std::vector<Diagnostic> out = crosscheck_alert_routing(loaded.config, alerts);
  REQUIRE(out.size() == 2);
  CHECK(out[0].file == "rules.yml");
  CHECK(out[0].pos.line == 9);
  CHECK(out[0].rule_id == "alertmanager/default-route-only");
  CHECK(out[0].message ==
        "alert OtherTeamCritical (severity=critical) only reaches the root receiver default, although routes exist for "
        "this severity");
  CHECK(out[0].hint ==
        "the route {severity=\"critical\",team=\"ml\"} (Alertmanager config line 4) (or its parent) does "
        "not match the alert's other labels");
  CHECK(out[1].pos.line == 15);
  CHECK(out[1].rule_id == "alertmanager/unrouted-alert");
  CHECK(out[1].message == "alert Chatter reaches no receiver that notifies anyone: devnull has no integrations");
}

TEST_CASE("alerts routed on a templated label are skipped") {
  const LoadedConfig loaded = load_text(kConfig);
  AlertRuleRef dynamic = alert("Dynamic", {{"severity", "{{ $labels.level }}"}}, 3);
  dynamic.templated_labels = {"severity"};
  CHECK(crosscheck_alert_routing(loaded.config, {dynamic}).empty());
}

TEST_CASE("routing cases: every failure reported") {
  const LoadedConfig loaded = load_text(kConfig);
  const RouteCaseFile cases = load_route_cases(
      std::make_shared<SourceFile>("cases.yml",
                                   "- {labels: {severity: critical, team: ml}, receivers: [pager]}\n"
                                   "- {name: web, labels: {severity: critical, team: web}, receivers: pager}\n"
                                   "- {labels: {severity: info}, receivers: 'devnull,default'}\n"));
  REQUIRE(cases.ok());
  const std::vector<Diagnostic> failures = run_route_cases(cases, loaded.config.route);
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].pos.line == 2);
  CHECK(failures[0].message == "web {severity=\"critical\",team=\"web\"}: expected receivers pager, got default");
  CHECK(failures[1].message == "{severity=\"info\"}: expected receivers devnull,default, got devnull");
}

TEST_CASE("routing case files: problems in the file itself") {
  const RouteCaseFile bad = load_route_cases(std::make_shared<SourceFile>(
      "cases.yml", "- {labels: {a: b}, receivers: [x], expect: y}\n- {labels: [a]}\n- 3\n"));
  CHECK_FALSE(bad.ok());
  REQUIRE(bad.problems.size() == 4);
  CHECK(bad.problems[0].message == "unknown field expect in a routing case (expected labels, receivers, name)");
  CHECK(bad.problems[1].message == "labels must be a mapping of label names to values");
  CHECK(bad.problems[2].message == "a routing case needs receivers");
  CHECK(bad.problems[3].message == "a routing case must be a mapping with labels and receivers");
}
