#pragma once
// The template parser (text/template/parse/parse.go), iterative so hostile nesting cannot
// overflow the stack.
#include <optional>
#include <string_view>
#include <vector>

#include "gotemplate/gotemplate.hpp"

namespace mlmon::gotemplate {

struct ParseResult {
  std::optional<Error> error;
  std::vector<LabelRef> labels;  // filled only when asked for and the template parses
};

ParseResult parse_template(std::string_view text, const Options& options, bool collect_labels);

}  // namespace mlmon::gotemplate
