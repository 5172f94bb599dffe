// promtool's report of one test file (RulesUnitTestResult): "  SUCCESS" and a blank line on
// stdout; or "  FAILED:" and every error on stderr, a blank line on stdout per error, and one more.
// Warnings ("  WARNING: no file match pattern ...") go to stderr first.
#pragma once

#include <string>

#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

void write_promtool(const FileResult& result, std::string& out, std::string& err);

}  // namespace mlmon::ruletest
