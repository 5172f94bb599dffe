// Rule coverage across test files (prometheus#8131, #11848): of the rules in the rule files the
// tests load, which no test asserted. An alerting rule counts as asserted when some alert test
// expects it to fire; a recording rule when it returned samples while some test group ran.
#pragma once

#include <string>
#include <vector>

#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

struct Coverage {
  std::vector<RuleCoverage> rules;  // each rule once, in the order first loaded
  std::size_t covered() const;
  double percent() const;  // 100 when there is no rule
};

Coverage aggregate_coverage(const std::vector<FileResult>& results);

// "rule coverage: 5 of 7 rules asserted by a test (71.4%)" and a table of the others.
std::string coverage_text(const Coverage& coverage);

}  // namespace mlmon::ruletest
