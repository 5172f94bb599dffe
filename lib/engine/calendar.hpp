// The calendar fields Prometheus's date functions read, computed as Go's time package (1.23+)
// does from Unix seconds: UTC, proleptic Gregorian, and for out-of-range seconds (NaN and ±Inf
// arrive as math.MinInt64) the same wrapped results as Go's unsigned arithmetic.
#pragma once

#include <cstdint>

namespace mlmon::engine {

struct Civil {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
  int hour;
  int minute;
  int weekday;  // 0 = Sunday
  int yday;     // 1..366
  int days_in_month;
};

// The fields of time.Unix(secs, 0).UTC().
Civil civil_from_unix(int64_t secs);

}  // namespace mlmon::engine
