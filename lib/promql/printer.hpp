// Renders a syntax tree as canonical PromQL, like Prometheus's Expr.String() (what
// /api/v1/format_query returns): `sum by (job) (rate(foo{a="b"}[5m]))`. Matchers are sorted,
// numbers and durations normalised, optional clauses spelled out (`group_left ()`).
// For any parsed tree, parse(print(root)) yields an equal tree (see ast.hpp equal()).
#pragma once

#include <string>

#include "promql/ast.hpp"

namespace mlmon::promql {

std::string print(const Node& node);
void print_to(std::string& out, const Node& node);

}  // namespace mlmon::promql
