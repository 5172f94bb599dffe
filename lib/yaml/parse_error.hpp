#pragma once
// Internal to mlmon_yaml: yaml-cpp's parse errors in clearer words.
#include <cstddef>
#include <string>
#include <string_view>

#include "yaml/source_checks.hpp"

namespace mlmon::yaml::detail {

struct ParseErrorContext {
  std::string_view text;
  std::size_t offset = 0;       ///< file offset of yaml-cpp's mark
  bool deep_recursion = false;  ///< yaml-cpp's DepthGuard fired
  int depth = 0;                ///< open collections when it failed
  std::size_t innermost = 0;    ///< offset of the innermost open collection
};

/// yaml-cpp's message (`msg`) kept, with a hint for the unclear ones; a few are replaced:
/// "bad file" (nesting depth), unknown anchors (Go's wording), and any error on a line indented
/// with tabs becomes the tab message. `rule` is set to the rule id to use.
TextProblem explain_parse_error(const std::string& msg, const ParseErrorContext& context, std::string_view& rule);

}  // namespace mlmon::yaml::detail
