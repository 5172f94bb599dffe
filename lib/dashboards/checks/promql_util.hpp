#pragma once
// Helpers the PromQL checks share (includes the PromQL AST: only for check .cpp files).
#include <string_view>

#include "promql/ast.hpp"

namespace mlmon::dashboards {

/// The metric a selector names: written before the braces, or as {__name__="..."}; "" when neither.
inline std::string_view metric_name(const promql::VectorSelector& selector) {
  if (!selector.name.empty()) return selector.name;
  for (const promql::LabelMatcher& m : selector.matchers) {
    if (m.name == "__name__" && m.op == promql::MatchOp::equal) return m.value;
  }
  return {};
}

/// Counters by Prometheus's naming conventions: `_total`, and the `_count`, `_sum` and `_bucket`
/// series of histograms and summaries.
inline bool named_like_counter(std::string_view name) {
  return name.ends_with("_total") || name.ends_with("_count") || name.ends_with("_sum") || name.ends_with("_bucket");
}

}  // namespace mlmon::dashboards
