#pragma once
// RFC 3339 times ("2006-01-02T15:04:05.999999999Z07:00"), read two ways: as promtool reads a test
// file's times (Go's time.Parse with time.RFC3339) and, more leniently, as mlmon reads the times
// in Prometheus's and Alertmanager's API replies.
#include <cstdint>
#include <optional>
#include <string_view>

namespace mlmon {

/// What both modes require: exactly "YYYY-MM-DD" (four digit year, no sign), a separator, "hh:mm:ss"
/// (two digits each; the seconds are not optional), an optional fraction of one or more digits,
/// then "Z" or a "+hh:mm" / "-hh:mm" offset, and nothing after it; month 1..12, day 1..31,
/// hour 0..23, minute 0..59.
///
/// Where they differ (every other input is read the same by both):
///   input                              strict           lenient
///   't' between date and time          rejected         as 'T'
///   'z' as the zone                    rejected         as 'Z'
///   second 60 (a leap second)          rejected         the next minute's :00
///   ',' before the fraction            as '.'           rejected
///   offset hours > 23, minutes > 59    rejected         accepted (+99:99 is 99 h 99 min)
///   day past the month's end           rejected         rolls over (02-30 is March 2 or 1;
///     (02-29 of a common year, 04-31)                   day 31 of any month is accepted)
/// The fraction's length is no difference: both modes take any number of digits and fill both
/// `nanos` and `fraction`. promtool's times read `nanos` (digits after the ninth do not count, as
/// in Go); doctor reads `fraction`, which has every digit.
enum class Rfc3339Mode : std::uint8_t {
  strict,   // promtool's test files: a test group's start_timestamp
  lenient,  // API replies: what mlmon doctor reads from the servers
};

struct Rfc3339Time {
  std::int64_t seconds = 0;  // whole seconds since the Unix epoch, UTC (the offset applied)
  std::int32_t nanos = 0;    // the fraction's first nine digits, truncated: 0..999999999
  double fraction = 0;       // the fraction with every digit, as a double (digit by digit: 0.1, 0.01, ...)
};

/// The time in `text`, or nullopt when `mode` does not accept it.
std::optional<Rfc3339Time> parse_rfc3339(std::string_view text, Rfc3339Mode mode);

}  // namespace mlmon
