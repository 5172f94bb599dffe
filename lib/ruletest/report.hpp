// mlmon's own reports of a test-rules run, beside promtool's text (promtool_output.hpp):
// - JSON: one object per test group (file, name, passed, failures with their position, expected
//   and got as data, and the readable diff), the files' own errors, the counts, the coverage;
// - text: each failure at file:line:col with the readable diff below it, then a summary line.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "ruletest/coverage.hpp"
#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

nlohmann::ordered_json json_report(const std::vector<FileResult>& results, const std::optional<Coverage>& coverage);

std::string text_report(const std::vector<FileResult>& results);

// "2 files, 5 test groups: 4 passed, 1 failed"
std::string summary_line(const std::vector<FileResult>& results);

}  // namespace mlmon::ruletest
