#pragma once
#include "engine/evaluator.hpp"
#include "promql/ast.hpp"

namespace mlmon::engine::detail {

/// Whether an instant query's vector is empty without evaluating it: its selectors select no
/// series at all and every node between them and the root maps an empty input to an empty output
/// without a possible error or annotation. A rule unit test evaluates every rule at every step,
/// and most rules read metrics the test group never loads: this skips the whole evaluation for
/// them. Anything not listed (subqueries, absent(), vector(), `or`, fill(), parameters that are
/// not literals...) is "not provably empty" and evaluated as usual.
bool provably_empty(Query& q, const promql::Node& root);

}  // namespace mlmon::engine::detail
