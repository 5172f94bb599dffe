#pragma once
#include <ostream>

#include "thresholds/inventory.hpp"

namespace mlmon::thresholds {

/// `mlmon thresholds`: one row per threshold (an alert with several is listed as `Name[0]`,
/// `Name[1]`; one without says `none`), columns ALERT GROUP LOCATION COMPARISON THRESHOLD FOR
/// SEVERITY. A number on the left of its comparison is marked `(left)` after the operator.
void render_table(const Inventory& inventory, std::ostream& out);

/// {"alerts":[{"alert","group","resource"?,"file","line","for","severity","thresholds":[{"index",
/// "op","bool","side","threshold","value","line","column"}],"error"?}]}; `resource` is the
/// PrometheusRule's metadata.name (only in manifests), `for` and `severity` are null when absent,
/// `value` is null for Inf and NaN, `error` is the PromQL parse error.
void render_json(const Inventory& inventory, std::ostream& out);

}  // namespace mlmon::thresholds
