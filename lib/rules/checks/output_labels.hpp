#pragma once
#include <set>
#include <string>

#include "promql/ast.hpp"

namespace mlmon::rules {

/// What is known about the labels of an expression's result series, for template checks.
/// exact: the result has at most `labels` (e.g. after `sum by (job)`).
/// otherwise: anything but `removed` may be there (a selector has unknown labels).
struct OutputLabels {
  bool exact = false;
  std::set<std::string> labels;
  std::set<std::string> removed;

  /// False only when the label can certainly not be on the result.
  bool may_have(const std::string& name) const { return exact ? labels.count(name) > 0 : removed.count(name) == 0; }
};

/// Follows Prometheus's evaluation rules for labels: aggregations' by/without, one-to-one
/// matching's on/ignoring, group_left/right includes, label_replace/label_join targets,
/// histogram_quantile dropping `le`, absent() keeping equality matchers.
OutputLabels output_labels(const promql::Node& node);

}  // namespace mlmon::rules
