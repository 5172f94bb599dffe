// Prometheus durations (prometheus/common model.Duration): "1h30m", "500ms", "0".
// Used by the PromQL lexer/parser and by rule files (for:, interval:, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mlmon::promql {

// Parses a duration the way model.ParseDuration does (newest prometheus/common): one or more
// <digits><unit> pairs from largest to smallest unit (y w d h m s ms), or "0".
// Returns milliseconds, or Prometheus's message as the error:
//   `empty duration string`, `not a valid duration string: "1.5h"`,
//   `unknown unit "x" in duration "5x"`, `duration out of range`.
// With legacy_wording (prometheus/common < 0.42, e.g. promtool 2.42) an unknown unit is reported
// as `not a valid duration string: "5x"` like every other malformed input.
Result<int64_t> parse_duration_ms(std::string_view text, bool legacy_wording = false);

// Same, in nanoseconds (time.Duration), which is what the PromQL parser stores.
Result<int64_t> parse_duration_ns(std::string_view text, bool legacy_wording = false);

// model.Duration.String(): "1h30m", "90d" (years and weeks only when exact), "0s" for zero.
// Negative values are printed with a leading '-'.
std::string format_duration_ms(int64_t ms);

}  // namespace mlmon::promql
