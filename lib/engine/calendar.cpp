#include "engine/calendar.hpp"

#include "core/civil_date.hpp"

namespace mlmon::engine {

namespace {

// Go's time package (1.23+) computes calendar fields from "absolute" seconds, counted from
// March 1 of year -292277022400, adding the offset from Unix seconds in wrapping unsigned
// arithmetic. Only the seconds nearest math.MinInt64 wrap, and NaN and ±Inf arrive as exactly
// that: they read as a date some 292 billion years ahead. Adding the offset the same way and
// then going back to days since 1970 keeps those results equal to Prometheus's; the calendar
// itself is the proleptic Gregorian one of core/civil_date.hpp.
constexpr std::int64_t kAbsoluteToUnixDays = -days_from_civil(-292277022400, 3, 1);
constexpr std::uint64_t kUnixToAbsolute = static_cast<std::uint64_t>(kAbsoluteToUnixDays) * 86400;

}  // namespace

Civil civil_from_unix(int64_t secs) {
  const std::uint64_t abs = static_cast<std::uint64_t>(secs) + kUnixToAbsolute;
  const auto days = static_cast<std::int64_t>(abs / 86400) - kAbsoluteToUnixDays;
  const CivilDate date = civil_from_days(days);
  Civil c{};
  c.year = date.year;
  c.month = date.month;
  c.day = date.day;
  c.hour = static_cast<int>((abs % 86400) / 3600);
  c.minute = static_cast<int>((abs % 3600) / 60);
  c.weekday = date.weekday;
  c.yday = date.yday;
  c.days_in_month = days_in_month(date.year, date.month);
  return c;
}

}  // namespace mlmon::engine
