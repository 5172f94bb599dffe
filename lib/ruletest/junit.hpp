// promtool's JUnit XML (`promtool test --junit=FILE rules ...`, util/junitxml): one testsuite per
// test file, one testcase per test group that ran, one <failure> per error; a file promtool gives
// up on is one <error> in a testcase named "unknown". Written as Go's encoding/xml writes it: no
// indentation, no XML declaration, Go's escapes.
#pragma once

#include <string>
#include <vector>

#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

std::string junit_xml(const std::vector<FileResult>& results);

}  // namespace mlmon::ruletest
