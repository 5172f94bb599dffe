#pragma once
// The template parser (text/template/parse/parse.go), iterative so hostile nesting cannot
// overflow the stack.
#include <optional>
#include <string_view>
#include <vector>

#include "gotemplate/gotemplate.hpp"
#include "gotemplate/tree.hpp"

namespace mlmon::gotemplate {

struct ParseResult {
  std::optional<Error> error;
  std::vector<LabelRef> labels;  // filled only when asked for and the template parses
};

ParseResult parse_template(std::string_view text, const Options& options, bool collect_labels);

// Parses tree.text into `tree` for execution: its statement lists and the templates it defines,
// the top-level one named options.template_name (which must be set).
std::optional<Error> parse_tree(Tree& tree, const Options& options);

}  // namespace mlmon::gotemplate
