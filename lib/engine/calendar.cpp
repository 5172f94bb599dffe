#include "engine/calendar.hpp"

namespace mlmon::engine {

namespace {

// Go's time package (1.23+) computes calendar fields from "absolute" seconds, counted from
// March 1 of year -292277022400, in wrapping unsigned arithmetic. Doing the same keeps the results
// for out-of-range inputs (NaN and ±Inf become math.MinInt64 seconds) equal to Prometheus's.
constexpr uint64_t kAbsoluteYears = 292277022400ULL;
constexpr uint64_t kMarchThruDecember = 306;
constexpr int64_t kUnixToInternal = (1969LL * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * 86400;
constexpr int64_t kInternalToAbsolute =
    static_cast<int64_t>((kAbsoluteYears / 400 * 146097 + kMarchThruDecember) * 86400);
constexpr uint64_t kUnixToAbsolute =
    static_cast<uint64_t>(kUnixToInternal) + static_cast<uint64_t>(kInternalToAbsolute);

struct Split {
  uint64_t century;
  uint64_t cyear;
  uint64_t ayday;  // days since March 1
};

Split split_days(uint64_t days) {
  const uint64_t d = 4 * days + 3;
  Split s;
  s.century = d / 146097;
  const uint32_t cd = static_cast<uint32_t>(d % 146097) | 3;
  const uint64_t prod = 2939745ULL * cd;
  s.cyear = prod >> 32;
  s.ayday = (prod & 0xFFFFFFFFULL) / 2939745 / 4;
  return s;
}

struct YMD {
  int64_t year;
  int month;
  int day;
};

YMD date_of(uint64_t days) {
  const Split s = split_days(days);
  const uint32_t d = 2141 * static_cast<uint32_t>(s.ayday) + 197913;
  const auto amonth = static_cast<int>(d >> 16);
  const int day = 1 + static_cast<int>((d & 0xFFFF) / 2141);
  const int jan_feb = s.ayday >= kMarchThruDecember ? 1 : 0;
  const auto year = static_cast<int64_t>(s.century * 100 - kAbsoluteYears) + static_cast<int64_t>(s.cyear) + jan_feb;
  return {year, amonth - jan_feb * 12, day};
}

// dateToAbsDays: days from the absolute epoch to year-month-day (day may be out of range).
uint64_t abs_days(int64_t year, int month, int day) {
  uint32_t amonth = static_cast<uint32_t>(month);
  const uint32_t jan_feb = amonth < 3 ? 1 : 0;
  amonth += 12 * jan_feb;
  const uint64_t y = static_cast<uint64_t>(year) - jan_feb + kAbsoluteYears;
  const uint32_t ayday = (979 * amonth - 2919) >> 5;
  const uint64_t century = y / 100;
  const auto cyear = static_cast<uint32_t>(y % 100);
  const uint32_t cday = 1461 * cyear / 4;
  const uint64_t century_days = 146097 * century / 4;
  return century_days + static_cast<uint64_t>(static_cast<int64_t>(cday + ayday) + day - 1);
}

}  // namespace

Civil civil_from_unix(int64_t secs) {
  const uint64_t abs = static_cast<uint64_t>(secs) + kUnixToAbsolute;
  const uint64_t days = abs / 86400;
  Civil c{};
  c.hour = static_cast<int>((abs % 86400) / 3600);
  c.minute = static_cast<int>((abs % 3600) / 60);
  c.weekday = static_cast<int>((days + 3) % 7);  // March 1 of the absolute year was a Wednesday
  const YMD ymd = date_of(days);
  c.year = ymd.year;
  c.month = ymd.month;
  c.day = ymd.day;
  const Split s = split_days(days);
  const int jan_feb = s.ayday >= kMarchThruDecember ? 1 : 0;
  const int leap = (s.cyear % 4 == 0) && (s.cyear != 0 || s.century % 4 == 0) ? 1 : 0;
  c.yday = static_cast<int>(s.ayday) + (1 + 31 + 28) + (leap & ~jan_feb) - 365 * jan_feb;
  // days_in_month: 32 - time.Date(year, month, 32).Day().
  const uint64_t d32 = abs_days(c.year, c.month, 32) * 86400 / 86400;
  c.days_in_month = 32 - date_of(d32).day;
  return c;
}

}  // namespace mlmon::engine
