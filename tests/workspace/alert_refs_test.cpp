#include "workspace/alert_refs.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "rules/loader.hpp"

using namespace mlmon;

namespace {

std::vector<alertmanager::AlertRuleRef> refs_of(const std::string& text) {
  auto source = std::make_shared<SourceFile>("r.yml", text);
  std::vector<Diagnostic> problems;
  const rules::RuleFile file = rules::decode_rule_file(rules::load_rule_documents(source), {}, problems);
  return workspace::alert_refs(file, "r.yml");
}

}  // namespace

// `mlmon check` and `check-alertmanager --rules` had one copy each, and routed these two cases
// differently: now both use this one.
TEST_CASE("alert_refs: a rule's own label replaces the group's, templated or not") {
  const auto refs = refs_of(
      "groups:\n  - name: g\n    labels:\n      severity: '{{ $labels.level }}'\n      team: ml\n    rules:\n"
      "      - alert: A\n        expr: up == 0\n        labels:\n          severity: critical\n"
      "      - alert: B\n        expr: up == 0\n        labels:\n          team: '{{ $labels.owner }}'\n");
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].name == "A");
  CHECK(refs[0].labels == alertmanager::LabelSet{{"severity", "critical"}, {"team", "ml"}});
  CHECK(refs[0].templated_labels.empty());
  CHECK(refs[0].pos.line == 7);
  CHECK(refs[1].labels.count("team") == 0);
  CHECK(refs[1].templated_labels == std::vector<std::string>{"severity", "team"});
}

TEST_CASE("alert_refs: label entries that are not scalars are left out, recording rules too") {
  const auto refs = refs_of(
      "groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: up\n"
      "      - alert: A\n        expr: up == 0\n        labels:\n          severity: {nested: map}\n          team: "
      "ml\n");
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].labels == alertmanager::LabelSet{{"team", "ml"}});
}
