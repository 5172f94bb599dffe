#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/source_file.hpp"
#include "thresholds/plan.hpp"

namespace mlmon::thresholds {

/// Reads a per-environment values file: a YAML map from alert name to
///   - a number: `HighPredictionLatency: 0.3`;
///   - a map: `{value: 0.3, for: 10m, index: 0, group: G, resource: R, file: F, labels: {severity: critical}}`
///     (`value` or `for` or both; the others pick the alert or threshold);
///   - a list of such maps, for an alert defined more than once.
/// The error lists every problem, one a line, as "path:line:col: message".
Result<std::vector<Request>> parse_values_file(const SourceFilePtr& source);

}  // namespace mlmon::thresholds
