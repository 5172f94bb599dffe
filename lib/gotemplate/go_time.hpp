#pragma once
// Go's time.Time, time.Duration, time.Month and time.Weekday as templates print them. Times are
// instants shown in UTC: Prometheus's toTime, humanizeTimestamp and now all work in UTC.
#include <cstdint>
#include <string>
#include <string_view>

namespace mlmon::gotemplate::go {

struct Time {
  std::int64_t sec = 0;   // seconds since the Unix epoch
  std::int32_t nsec = 0;  // [0, 1e9)
  bool operator==(const Time&) const = default;
};

inline constexpr std::int64_t nanos_per_second = 1'000'000'000;

// The calendar fields of a time in UTC.
struct Civil {
  std::int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int weekday = 4;  // 0 = Sunday
  int yday = 1;     // 1..366
};
Civil civil(const Time& t);

// time.Unix(sec, nsec) normalised; time.Date(...) in UTC, normalising out-of-range fields like Go.
Time unix_time(std::int64_t sec, std::int64_t nsec);
Time date(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
          std::int64_t second, std::int64_t nsec);

Time add(const Time& t, std::int64_t duration);
std::int64_t sub(const Time& t, const Time& u);  // t - u as a Duration, saturating like Go
std::int64_t unix_nano(const Time& t);           // wraps like Go outside int64's range

std::string format(const Time& t, std::string_view layout);  // Time.Format in UTC
std::string time_string(const Time& t);                      // Time.String()
std::string go_string(const Time& t);                        // Time.GoString(): time.Date(...)

std::string duration_string(std::int64_t d);  // Duration.String(): "1h2m3.5s", "0s", "1.5µs"
std::string month_string(std::int64_t m);     // "January", or "%!Month(13)"
std::string weekday_string(std::int64_t d);   // "Sunday", or "%!Weekday(7)"

// Duration.Round and Duration.Truncate; Time.Round and Time.Truncate (relative to the zero time).
std::int64_t round_duration(std::int64_t d, std::int64_t m);
std::int64_t truncate_duration(std::int64_t d, std::int64_t m);
Time round_time(const Time& t, std::int64_t d);
Time truncate_time(const Time& t, std::int64_t d);

}  // namespace mlmon::gotemplate::go
