#pragma once
// Civil dates in the proleptic Gregorian calendar, counted in days from 1970-01-01 (Howard
// Hinnant's days_from_civil and civil_from_days), for every module that turns times into calendar
// fields or back: the template functions' time.Time, PromQL's date functions and RFC 3339 parsing.
// Header-only and constexpr, so the modules that link only mlmon_go_text (the PromQL engine) can
// use it too. Exact wherever the day counts fit in int64: far beyond the ±292 billion years of
// Unix seconds in int64.
#include <cstdint>

namespace mlmon {

/// A day of the calendar: the date, the day of the year and the day of the week.
struct CivilDate {
  std::int64_t year = 1970;  // astronomical numbering: year 0 is 1 BC, -1 is 2 BC
  int month = 1;             // 1..12
  int day = 1;               // 1..31
  int yday = 1;              // 1..366
  int weekday = 4;           // 0 = Sunday (1970-01-01 was a Thursday)
};

/// Divisible by 4, and by 400 when divisible by 100 (1900 no, 2000 yes; -4 and 0 yes).
constexpr bool is_leap_year(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

/// 28..31; `month` is 1..12.
constexpr int days_in_month(std::int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

/// Days from 1970-01-01 to year-month-day (negative before it). `month` is 1..12; `day` may be
/// out of the month's range, counting on from its first day (day 32 of January is February 1,
/// day 0 the last day of the month before).
constexpr std::int64_t days_from_civil(std::int64_t year, int month, std::int64_t day) {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);  // years counted from March
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                             // 0..399
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // from March 1
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                     // 0..146096
  return era * 146097 + doe - 719468;
}

/// The date `days` days after 1970-01-01 (before it when negative).
constexpr CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;  // days from 0000-03-01
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                       // 0..146096
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // 0..399
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // 0..365, from March 1
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // 0..11, March = 0
  CivilDate c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  c.yday = static_cast<int>(days - days_from_civil(c.year, 1, 1) + 1);
  c.weekday = static_cast<int>((days % 7 + 7 + 4) % 7);
  return c;
}

}  // namespace mlmon
