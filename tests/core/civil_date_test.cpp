#include "core/civil_date.hpp"

#include <doctest/doctest.h>

#include <cstdint>

using mlmon::civil_from_days;
using mlmon::CivilDate;
using mlmon::days_from_civil;
using mlmon::days_in_month;
using mlmon::is_leap_year;

namespace {

bool same_date(const CivilDate& c, std::int64_t year, int month, int day) {
  return c.year == year && c.month == month && c.day == day;
}

}  // namespace

TEST_CASE("leap years: every fourth, not centuries, but every fourth century") {
  CHECK_FALSE(is_leap_year(1900));
  CHECK(is_leap_year(2000));
  CHECK(is_leap_year(2024));
  CHECK_FALSE(is_leap_year(2026));
  CHECK_FALSE(is_leap_year(2100));
  CHECK(is_leap_year(0));  // 1 BC
  CHECK(is_leap_year(-4));
  CHECK_FALSE(is_leap_year(-100));
  CHECK(is_leap_year(-400));
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2026, 2) == 28);
  CHECK(days_in_month(-400, 2) == 29);
  CHECK(days_in_month(2026, 1) == 31);
  CHECK(days_in_month(2026, 4) == 30);
  CHECK(days_in_month(2026, 12) == 31);
}

TEST_CASE("days from 1970-01-01 to known dates") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(2024, 2, 29) == 19782);
  CHECK(days_from_civil(2026, 12, 7) == 20794);
  CHECK(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28) == 1);  // no February 29
  CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);
  CHECK(days_from_civil(1, 1, 1) == -719162);     // Go's zero time
  CHECK(days_from_civil(0, 3, 1) == -719468);     // the algorithm's own origin
  CHECK(days_from_civil(-1, 12, 31) == -719529);  // the day before year 0
  CHECK(days_from_civil(-400, 1, 1) == -865625);
  CHECK(days_from_civil(0, 1, 1) - days_from_civil(-400, 1, 1) == 146097);
  // Days past the month's end count on.
  CHECK(days_from_civil(2026, 1, 32) == days_from_civil(2026, 2, 1));
  CHECK(days_from_civil(2026, 2, 31) == days_from_civil(2026, 3, 3));
  CHECK(days_from_civil(2024, 2, 30) == days_from_civil(2024, 3, 1));
  CHECK(days_from_civil(2026, 3, 0) == days_from_civil(2026, 2, 28));
}

TEST_CASE("dates of days, with day of the year and weekday") {
  CivilDate c = civil_from_days(0);
  CHECK(same_date(c, 1970, 1, 1));
  CHECK(c.yday == 1);
  CHECK(c.weekday == 4);  // Thursday
  c = civil_from_days(-1);
  CHECK(same_date(c, 1969, 12, 31));
  CHECK(c.yday == 365);
  CHECK(c.weekday == 3);
  c = civil_from_days(20794);
  CHECK(same_date(c, 2026, 12, 7));
  CHECK(c.yday == 341);
  CHECK(c.weekday == 1);  // Monday
  c = civil_from_days(days_from_civil(2024, 12, 31));
  CHECK(c.yday == 366);
  CHECK(c.weekday == 2);
  c = civil_from_days(days_from_civil(1900, 12, 31));
  CHECK(c.yday == 365);
  CHECK(same_date(civil_from_days(days_from_civil(2000, 2, 29)), 2000, 2, 29));
  c = civil_from_days(-719162);
  CHECK(same_date(c, 1, 1, 1));
  CHECK(c.weekday == 1);  // January 1 of year 1 was a Monday
  c = civil_from_days(-719529);
  CHECK(same_date(c, -1, 12, 31));
  CHECK(c.yday == 365);
}

TEST_CASE("days and dates round-trip over a wide range, one day after another") {
  // Every day from year -1200 to 2800, then every few thousand days out to ±10^8 years.
  const std::int64_t first = days_from_civil(-1200, 1, 1);
  CivilDate prev = civil_from_days(first - 1);
  int fails = 0;
  for (std::int64_t days = first; days < days_from_civil(2800, 1, 1); ++days) {
    const CivilDate c = civil_from_days(days);
    const bool next_day =
        c.day == prev.day + 1 ||
        (c.day == 1 && prev.day == days_in_month(prev.year, prev.month) &&
         (c.month == prev.month + 1 || (c.month == 1 && prev.month == 12 && c.year == prev.year + 1)));
    const bool yday_ok = c.month == 1 && c.day == 1 ? c.yday == 1 : c.yday == prev.yday + 1;
    const bool ok =
        days_from_civil(c.year, c.month, c.day) == days && next_day && yday_ok && c.weekday == (prev.weekday + 1) % 7;
    if (!ok && ++fails <= 3) FAIL_CHECK("day " << days << " is " << c.year << "-" << c.month << "-" << c.day);
    prev = c;
  }
  CHECK(fails == 0);
  for (std::int64_t days = -36'524'250'000; days <= 36'524'250'000; days += 7919 * 1013) {
    const CivilDate c = civil_from_days(days);
    if (days_from_civil(c.year, c.month, c.day) != days && ++fails <= 3) FAIL_CHECK("day " << days);
  }
  CHECK(fails == 0);
}
