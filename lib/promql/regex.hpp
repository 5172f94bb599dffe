// Matcher regexes: Prometheus anchors them as ^(?s:<pattern>)$ and compiles them with Go's regexp;
// RE2 has the same syntax, and its errors are reworded to Go's text
// ("error parsing regexp: missing closing ): `^(?s:()$`").
#pragma once

#include <string>
#include <string_view>

namespace mlmon::promql {

struct RegexCheck {
  bool ok = true;
  std::string error;           // Go's message when !ok
  bool matches_empty = false;  // whether the anchored regex matches ""
};

// Compiles (once per pattern and thread, in a small cache) and reports the result.
const RegexCheck& check_regex(std::string_view pattern);

}  // namespace mlmon::promql
