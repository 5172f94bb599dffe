#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mlmon::alertmanager {

/// prometheus/common `model.ParseDuration` as in its newest release: integer amounts with units
/// y w d h m s ms, largest first, each at most once; "0" needs no unit. Returns nanoseconds, or
/// an error in its words ("not a valid duration string: \"1x\"",
/// "unknown unit \"hours\" in duration \"4hours\"", "empty duration string", "duration out of range").
Result<std::int64_t> parse_model_duration(std::string_view text);

/// Go's `time.ParseDuration` (fields typed time.Duration, e.g. `timeout`): "1h30m", "1.5s", "-2m",
/// units ns us µs ms s m h. Errors: "time: invalid duration \"x\"", "time: missing unit in duration
/// \"5\"", "time: unknown unit \"d\" in duration \"5d\"".
Result<std::int64_t> parse_go_duration(std::string_view text);

}  // namespace mlmon::alertmanager
