#pragma once
#include <string_view>

namespace mlmon::rules {

/// Prometheus 3.x validates names as UTF-8 by default; `legacy` is the 2.x character set.
enum class NameValidation { Utf8, Legacy };

/// Label (and annotation) names: legacy `[a-zA-Z_][a-zA-Z0-9_]*`; UTF-8: any non-empty valid UTF-8.
bool is_valid_label_name(std::string_view name, NameValidation scheme);
/// Metric (record) names: legacy `[a-zA-Z_:][a-zA-Z0-9_:]*`; UTF-8: any non-empty valid UTF-8.
bool is_valid_metric_name(std::string_view name, NameValidation scheme);

}  // namespace mlmon::rules
