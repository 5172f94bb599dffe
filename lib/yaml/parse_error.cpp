#include "yaml/parse_error.hpp"

#include <fmt/format.h>
#include <yaml-cpp/exceptions.h>

#include <array>
#include <utility>

namespace mlmon::yaml::detail {
namespace {

constexpr std::string_view kIndentHint =
    "check the indentation of this line and the lines above it: entries of one mapping or list "
    "must start at the same column";

/// yaml-cpp messages that say what is wrong but not what to do.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kHints{{
    {"end of map not found", kIndentHint},
    {"end of sequence not found", kIndentHint},
    {"illegal map value",
     "a `key: value` is not allowed here: check the indentation, or quote a value that contains \": \""},
    {"illegal block entry", "a `- ` list item is not allowed here: check its indentation"},
    {"end of map flow not found", "a `{` is not closed by a matching `}`"},
    {"end of sequence flow not found", "a `[` is not closed by a matching `]`"},
    {"illegal flow end", "this `]` or `}` closes nothing"},
    {"illegal EOF in scalar", "a quoted string is not closed"},
    {"illegal character in scalar", "quote the value"},
    {"illegal document indicator in scalar",
     "`---` or `...` at the start of a line ends a document; indent it or quote the value"},
    {"unknown token", "quote the value if it starts with a special character"},
    {"illegal map key", "check the indentation, or quote a key that starts with a special character"},
    {"unexpected character in block scalar", "only a comment may follow `|` or `>` and their indicators"},
    {"cannot assign multiple anchors to the same node", "remove one of the `&anchor`s"},
}};

}  // namespace

TextProblem explain_parse_error(const std::string& msg, const ParseErrorContext& context, std::string_view& rule) {
  rule = kRuleSyntax;
  if (context.deep_recursion) {
    return TextProblem{context.innermost,
                       fmt::format("document nested too deeply ({} levels of collections)", context.depth),
                       "yaml-cpp refuses documents nested this deeply"};
  }
  if (msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
    rule = kRuleAlias;
    std::size_t end = context.offset + 1;
    while (end < context.text.size() && context.text[end] != ' ' && context.text[end] != '\t' &&
           context.text[end] != '\n' && context.text[end] != '\r' && context.text[end] != ',' &&
           context.text[end] != ']' && context.text[end] != '}') {
      ++end;
    }
    const std::size_t begin = std::min(context.offset + 1, end);
    return TextProblem{context.offset,
                       fmt::format("unknown anchor '{}' referenced", context.text.substr(begin, end - begin)),
                       "define the anchor with `&name` before using `*name`"};
  }
  if (auto tab = tab_in_line_indentation(context.text, context.offset)) return tab_problem(*tab);
  if (msg == YAML::ErrorMsg::TAB_IN_INDENTATION) return tab_problem(context.offset);
  TextProblem problem{context.offset, msg, {}};
  if (msg.starts_with(YAML::ErrorMsg::INVALID_ESCAPE)) {
    problem.hint = "in double quotes a backslash starts an escape: write \\\\ for a backslash, or use single quotes";
  }
  for (const auto& [text, hint] : kHints) {
    if (msg == text) problem.hint = std::string(hint);
  }
  return problem;
}

}  // namespace mlmon::yaml::detail
