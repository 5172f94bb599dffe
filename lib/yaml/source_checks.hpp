#pragma once
// Internal to mlmon_yaml: checks on the raw text that yaml-cpp does not make the way Go's yaml does.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "yaml/document.hpp"

namespace mlmon::yaml::detail {

struct TextProblem {
  std::size_t offset = 0;
  std::string message;
  std::string hint;
};

/// UTF-16/32 byte-order marks, invalid UTF-8 and control characters (all of which Go's yaml
/// refuses; yaml-cpp silently accepts some). Linear, with an ASCII fast path.
std::optional<TextProblem> check_encoding(std::string_view text);

/// The first line whose indentation contains a tab outside a quoted or block scalar's content
/// and outside flow collections (Go's yaml refuses those; yaml-cpp accepts some, e.g. a value
/// on its own tab-indented line). Only lines starting in [begin, end): one document of several.
std::optional<std::size_t> find_tab_indentation(const Document& doc, std::size_t begin = 0,
                                                std::size_t end = std::string_view::npos);

/// The offset of a tab in the indentation of the line containing `offset`, if any.
std::optional<std::size_t> tab_in_line_indentation(std::string_view text, std::size_t offset);

/// Whether the document yaml-cpp starts at `offset` is one the text starts explicitly: at a
/// `---` line, or after a `...` line ending the previous one.
bool starts_explicit_document(std::string_view text, std::size_t offset);

/// "found a tab character in indentation ..." with its hint.
TextProblem tab_problem(std::size_t offset);

}  // namespace mlmon::yaml::detail
