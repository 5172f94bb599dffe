// Prometheus's type checker (checkAST): runs after a successful parse and reports the first
// type or semantic error (wrong argument types, scalar comparisons without bool, set operators
// on scalars, empty selectors, ...). Internal to the module; parse() calls it.
#pragma once

#include <optional>
#include <string_view>

#include "promql/ast.hpp"
#include "promql/error.hpp"

namespace mlmon::promql {

// May adjust the tree the way Prometheus does (set operators become many-to-many, info()'s
// label selector is exempt from the empty-matcher rule).
std::optional<ParseError> type_check(const Node& root, std::string_view input);

}  // namespace mlmon::promql
