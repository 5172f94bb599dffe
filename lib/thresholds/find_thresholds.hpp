#pragma once
#include <string>
#include <vector>

#include "promql/ast.hpp"

namespace mlmon::thresholds {

/// A number an alert compares against: the numeric literal on one side of a top-level comparison.
struct ThresholdSite {
  const promql::BinaryExpr* comparison = nullptr;
  const promql::NumberLiteral* literal = nullptr;
  bool literal_on_left = false;  ///< `0.5 < expr` rather than `expr > 0.5`

  /// The operator as written, with its modifier: ">", ">= bool".
  std::string op_text() const;
};

/// Every threshold of an alert expression, in source order: the root comparison's literal,
/// looking through parentheses and into both sides of `and`, `or` and `unless`. The literal is
/// taken from the right side, else the left (`expr > 0.5`, `0.5 < expr`); comparisons nested
/// in arithmetic, functions or aggregations are not thresholds of the alert.
std::vector<ThresholdSite> find_thresholds(const promql::Node& root);

}  // namespace mlmon::thresholds
