// A test-rules run as `mlmon check` reports it: each failure is an error finding at its place (a
// failing assertion at its alertname or expr, a test file's decoding problems where they are, a
// rule file that does not load at its error), with rule ids "test-rules/<kind>".
#pragma once

#include <span>
#include <vector>

#include "checks/check_info.hpp"
#include "core/diagnostic.hpp"
#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

std::vector<Diagnostic> findings(const FileResult& result);

// The rule ids findings() uses, for the catalogue of every check.
std::span<const checks::CheckInfo> check_list();

}  // namespace mlmon::ruletest
