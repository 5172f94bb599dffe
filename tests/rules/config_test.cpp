#include "project/config.hpp"

#include <doctest/doctest.h>

#include "check_helpers.hpp"

using mlmon::test::check_text;
using mlmon::test::Lines;
using namespace mlmon;

namespace {

project::Config parse(const std::string& text, std::vector<std::string>* problems = nullptr) {
  std::vector<Diagnostic> found;
  project::Config config = project::parse_config(".mlmon.yml", text, found);
  if (problems != nullptr) {
    for (const auto& d : found)
      problems->push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message);
  } else {
    REQUIRE(found.empty());
  }
  return config;
}

const std::string kRule =
    "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n"
    "        labels:\n          severity: page\n          team: ml\n";

}  // namespace

TEST_CASE(".mlmon.yml: disable, re-grade and set policy") {
  const auto config = parse(
      "checks:\n"
      "  alerts/for: off\n"
      "  alerts/required-annotations: {severity: error}\n"
      "rules:\n"
      "  required_labels:\n"
      "    severity: [page, ticket]\n"
      "    team:\n"
      "  required_annotations: [summary]\n");
  CHECK_FALSE(config.enabled("alerts/for"));
  CHECK(config.severity("alerts/required-annotations", Severity::Warning) == Severity::Error);
  rules::CheckRulesOptions options;
  auto source = std::make_shared<SourceFile>("t.yml", kRule);
  std::vector<Diagnostic> findings;
  rules::check_rule_source(source, options, config, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "alerts/required-annotations");
  CHECK(findings[0].severity == Severity::Error);
  CHECK(findings[0].message == "alert \"A\" has no \"summary\" annotation");
}

TEST_CASE(".mlmon.yml: exclusions need a check and a reason, and match paths") {
  const auto config = parse("exclude:\n  - check: alerts/for\n    path: 'legacy/*.yml'\n    reason: imported as is\n");
  CHECK(config.excluded("alerts/for", "legacy/a.yml"));
  CHECK_FALSE(config.excluded("alerts/for", "rules/a.yml"));
  CHECK_FALSE(config.excluded("alerts/runbook-url", "legacy/a.yml"));
  std::vector<std::string> problems;
  parse("exclude:\n  - path: x\n", &problems);
  CHECK(problems == std::vector<std::string>{"2:5: an exclusion needs `check` (a check id, or \"*\")",
                                             "2:5: an exclusion needs a `reason`, so reviewers know why it is there"});
}

TEST_CASE(".mlmon.yml: unknown keys and bad values are errors") {
  std::vector<std::string> problems;
  parse("check:\n  a: off\nchecks:\n  alerts/for: loud\nrules:\n  required_label: [x]\n", &problems);
  CHECK(problems ==
        std::vector<std::string>{
            "1:1: unknown key \"check\" in .mlmon.yml; known keys: checks, rules, exclude, ignore",
            "4:15: unknown check setting \"loud\"; use off, on, error, warning or info",
            "6:3: unknown key \"required_label\" in rules; known keys: required_labels, required_annotations"});
}

TEST_CASE(".mlmon.yml: its problems are config/schema findings at the key") {
  std::vector<Diagnostic> found;
  project::parse_config(".mlmon.yml", "checks:\n  alerts/for: off\nrulez: {}\n", found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule_id == "config/schema");
  CHECK(found[0].file == ".mlmon.yml");
  CHECK(found[0].pos.line == 3);
  CHECK(found[0].pos.col == 1);
  CHECK(found[0].message == "unknown key \"rulez\" in .mlmon.yml; known keys: checks, rules, exclude, ignore");
}

TEST_CASE(".mlmon.yml: ignore globs for mlmon check") {
  const auto config = parse("ignore:\n  - 'tests/*'\n  - '*.draft.yml'\n");
  CHECK(config.ignored("tests/cli/fixtures/rules/bad.yml"));
  CHECK(config.ignored("rules/x.draft.yml"));
  CHECK_FALSE(config.ignored("rules/ml-platform.rules.yml"));
}
