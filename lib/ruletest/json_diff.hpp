// nsf/jsondiff's Compare with DefaultConsoleOptions, which `promtool test rules --diff` prints:
// pretty-printed JSON with object keys sorted, what only the first document has in red, what only
// the second has in green, changed values in yellow as `old => new` (ANSI colour sequences).
// Covers the JSON promtool compares: objects, arrays, strings.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace mlmon::ruletest {

struct JsonDiff {
  bool full_match = false;
  std::string text;
};

JsonDiff json_diff(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace mlmon::ruletest
