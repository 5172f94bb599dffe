#include "gotemplate/go_time.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>

#include "core/civil_date.hpp"

namespace mlmon::gotemplate::go {

namespace {

constexpr std::array<std::string_view, 12> month_names{"January",   "February", "March",    "April",
                                                       "May",       "June",     "July",     "August",
                                                       "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 7> day_names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Go's appendInt: zero-padded to `width`, a minus sign before the padding.
void append_int(std::string& out, std::int64_t x, int width) {
  std::uint64_t u = static_cast<std::uint64_t>(x);
  if (x < 0) {
    out += '-';
    u = 0 - u;
  }
  const std::string digits = std::to_string(u);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

enum class Std {
  none,
  long_month,
  month,
  num_month,
  zero_month,
  long_weekday,
  weekday,
  day,
  under_day,
  zero_day,
  under_year_day,
  zero_year_day,
  hour,
  hour12,
  zero_hour12,
  minute,
  zero_minute,
  second,
  zero_second,
  long_year,
  year,
  pm_upper,
  pm_lower,
  tz,
  iso8601_tz,
  iso8601_seconds_tz,
  iso8601_short_tz,
  iso8601_colon_tz,
  iso8601_colon_seconds_tz,
  num_tz,
  num_seconds_tz,
  num_short_tz,
  num_colon_tz,
  num_colon_seconds_tz,
  frac_second0,
  frac_second9,
};

struct Chunk {
  std::string_view prefix;
  Std std = Std::none;
  int digits = 0;        // fractional seconds
  char separator = '.';  // fractional seconds: '.' or ','
  std::string_view suffix;
};

bool starts_with_lower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

// Go's nextStdChunk: the text before the first layout element, the element, and the rest.
Chunk next_chunk(std::string_view layout) {
  const auto at = [&](std::size_t i, Std std, std::size_t len) {
    return Chunk{layout.substr(0, i), std, 0, '.', layout.substr(i + len)};
  };
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const std::string_view rest = layout.substr(i);
    switch (layout[i]) {
      case 'J':
        if (rest.starts_with("Jan")) {
          if (rest.starts_with("January")) return at(i, Std::long_month, 7);
          if (!starts_with_lower(rest.substr(3))) return at(i, Std::month, 3);
        }
        break;
      case 'M':
        if (rest.starts_with("Mon")) {
          if (rest.starts_with("Monday")) return at(i, Std::long_weekday, 6);
          if (!starts_with_lower(rest.substr(3))) return at(i, Std::weekday, 3);
        }
        if (rest.starts_with("MST")) return at(i, Std::tz, 3);
        break;
      case '0':
        if (rest.size() >= 2 && rest[1] >= '1' && rest[1] <= '6') {
          constexpr Std zero_x[] = {Std::zero_month,  Std::zero_day,    Std::zero_hour12,
                                    Std::zero_minute, Std::zero_second, Std::year};
          return at(i, zero_x[rest[1] - '1'], 2);
        }
        if (rest.starts_with("002")) return at(i, Std::zero_year_day, 3);
        break;
      case '1':
        if (rest.starts_with("15")) return at(i, Std::hour, 2);
        return at(i, Std::num_month, 1);
      case '2':
        if (rest.starts_with("2006")) return at(i, Std::long_year, 4);
        return at(i, Std::day, 1);
      case '_':
        if (rest.starts_with("_2")) {
          // "_2006" is a literal '_' followed by the long year.
          if (rest.starts_with("_2006"))
            return Chunk{layout.substr(0, i + 1), Std::long_year, 0, '.', layout.substr(i + 5)};
          return at(i, Std::under_day, 2);
        }
        if (rest.starts_with("__2")) return at(i, Std::under_year_day, 3);
        break;
      case '3': return at(i, Std::hour12, 1);
      case '4': return at(i, Std::minute, 1);
      case '5': return at(i, Std::second, 1);
      case 'P':
        if (rest.starts_with("PM")) return at(i, Std::pm_upper, 2);
        break;
      case 'p':
        if (rest.starts_with("pm")) return at(i, Std::pm_lower, 2);
        break;
      case '-':
        if (rest.starts_with("-070000")) return at(i, Std::num_seconds_tz, 7);
        if (rest.starts_with("-07:00:00")) return at(i, Std::num_colon_seconds_tz, 9);
        if (rest.starts_with("-0700")) return at(i, Std::num_tz, 5);
        if (rest.starts_with("-07:00")) return at(i, Std::num_colon_tz, 6);
        if (rest.starts_with("-07")) return at(i, Std::num_short_tz, 3);
        break;
      case 'Z':
        if (rest.starts_with("Z070000")) return at(i, Std::iso8601_seconds_tz, 7);
        if (rest.starts_with("Z07:00:00")) return at(i, Std::iso8601_colon_seconds_tz, 9);
        if (rest.starts_with("Z0700")) return at(i, Std::iso8601_tz, 5);
        if (rest.starts_with("Z07:00")) return at(i, Std::iso8601_colon_tz, 6);
        if (rest.starts_with("Z07")) return at(i, Std::iso8601_short_tz, 3);
        break;
      case '.':
      case ',':
        // A run of 0s or 9s after '.' or ',' is a fractional second when no digit follows it.
        if (rest.size() >= 2 && (rest[1] == '0' || rest[1] == '9')) {
          const char digit = rest[1];
          std::size_t j = 1;
          while (j < rest.size() && rest[j] == digit) ++j;
          if (j >= rest.size() || rest[j] < '0' || rest[j] > '9') {
            Chunk chunk = at(i, digit == '0' ? Std::frac_second0 : Std::frac_second9, j);
            chunk.digits = static_cast<int>(j - 1);
            chunk.separator = rest[0];
            return chunk;
          }
        }
        break;
      default: break;
    }
  }
  return Chunk{layout, Std::none, 0, '.', {}};
}

void append_fraction(std::string& out, std::int32_t nsec, int digits, char separator, bool trim) {
  std::string frac = fmt::format("{:09d}", nsec).substr(0, static_cast<std::size_t>(std::min(digits, 9)));
  if (trim) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (frac.empty()) return;
  }
  out += separator;
  out += frac;
}

}  // namespace

Civil civil(const Time& t) {
  Civil c;
  const std::int64_t days = floor_div(t.sec, 86400);
  const std::int64_t secs = t.sec - days * 86400;
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  const CivilDate date = civil_from_days(days);
  c.year = date.year;
  c.month = date.month;
  c.day = date.day;
  c.weekday = date.weekday;
  c.yday = date.yday;
  return c;
}

Time unix_time(std::int64_t sec, std::int64_t nsec) {
  if (nsec < 0 || nsec >= nanos_per_second) {
    const std::int64_t carry = floor_div(nsec, nanos_per_second);
    sec += carry;
    nsec -= carry * nanos_per_second;
  }
  return Time{sec, static_cast<std::int32_t>(nsec)};
}

Time date(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
          std::int64_t second, std::int64_t nsec) {
  // Normalise month into 1..12 carrying into the year; the rest carries through seconds.
  std::int64_t m = month - 1;
  year += floor_div(m, 12);
  m -= floor_div(m, 12) * 12;
  const std::int64_t days = days_from_civil(year, static_cast<int>(m) + 1, 1) + day - 1;
  return unix_time(days * 86400 + hour * 3600 + minute * 60 + second, nsec);
}

Time add(const Time& t, std::int64_t duration) {
  std::int64_t sec = t.sec + duration / nanos_per_second;
  std::int64_t nsec = t.nsec + duration % nanos_per_second;
  if (nsec >= nanos_per_second) {
    ++sec;
    nsec -= nanos_per_second;
  } else if (nsec < 0) {
    --sec;
    nsec += nanos_per_second;
  }
  return Time{sec, static_cast<std::int32_t>(nsec)};
}

std::int64_t sub(const Time& t, const Time& u) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const __int128 d = (static_cast<__int128>(t.sec) - u.sec) * nanos_per_second + (t.nsec - u.nsec);
  if (d > max) return max;
  if (d < min) return min;
  return static_cast<std::int64_t>(d);
}

std::int64_t unix_nano(const Time& t) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(t.sec) * static_cast<std::uint64_t>(nanos_per_second) +
                                   static_cast<std::uint64_t>(t.nsec));
}

std::string format(const Time& t, std::string_view layout) {
  const Civil c = civil(t);
  std::string out;
  while (!layout.empty()) {
    const Chunk chunk = next_chunk(layout);
    out += chunk.prefix;
    if (chunk.std == Std::none) break;
    layout = chunk.suffix;
    const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
    switch (chunk.std) {
      case Std::none: break;
      case Std::year: append_int(out, (c.year < 0 ? -c.year : c.year) % 100, 2); break;
      case Std::long_year: append_int(out, c.year, 4); break;
      case Std::month: out += month_names[c.month - 1].substr(0, 3); break;
      case Std::long_month: out += month_names[c.month - 1]; break;
      case Std::num_month: append_int(out, c.month, 0); break;
      case Std::zero_month: append_int(out, c.month, 2); break;
      case Std::weekday: out += day_names[c.weekday].substr(0, 3); break;
      case Std::long_weekday: out += day_names[c.weekday]; break;
      case Std::day: append_int(out, c.day, 0); break;
      case Std::under_day:
        if (c.day < 10) out += ' ';
        append_int(out, c.day, 0);
        break;
      case Std::zero_day: append_int(out, c.day, 2); break;
      case Std::under_year_day:
        if (c.yday < 100) out += ' ';
        if (c.yday < 10) out += ' ';
        append_int(out, c.yday, 0);
        break;
      case Std::zero_year_day: append_int(out, c.yday, 3); break;
      case Std::hour: append_int(out, c.hour, 2); break;
      case Std::hour12: append_int(out, hour12, 0); break;
      case Std::zero_hour12: append_int(out, hour12, 2); break;
      case Std::minute: append_int(out, c.minute, 0); break;
      case Std::zero_minute: append_int(out, c.minute, 2); break;
      case Std::second: append_int(out, c.second, 0); break;
      case Std::zero_second: append_int(out, c.second, 2); break;
      case Std::pm_upper: out += c.hour >= 12 ? "PM" : "AM"; break;
      case Std::pm_lower: out += c.hour >= 12 ? "pm" : "am"; break;
      // UTC: the ISO 8601 forms print "Z", the numeric ones a zero offset.
      case Std::iso8601_tz:
      case Std::iso8601_seconds_tz:
      case Std::iso8601_short_tz:
      case Std::iso8601_colon_tz:
      case Std::iso8601_colon_seconds_tz: out += 'Z'; break;
      case Std::num_tz: out += "+0000"; break;
      case Std::num_seconds_tz: out += "+000000"; break;
      case Std::num_short_tz: out += "+00"; break;
      case Std::num_colon_tz: out += "+00:00"; break;
      case Std::num_colon_seconds_tz: out += "+00:00:00"; break;
      case Std::tz: out += "UTC"; break;
      case Std::frac_second0: append_fraction(out, t.nsec, chunk.digits, chunk.separator, false); break;
      case Std::frac_second9: append_fraction(out, t.nsec, chunk.digits, chunk.separator, true); break;
    }
  }
  return out;
}

std::string time_string(const Time& t) { return format(t, "2006-01-02 15:04:05.999999999 -0700 MST"); }

std::string go_string(const Time& t) {
  const Civil c = civil(t);
  std::string out = fmt::format("time.Date({}, ", c.year);
  out += "time.";
  out += month_names[c.month - 1];
  out += fmt::format(", {}, {}, {}, {}, {}, time.UTC)", c.day, c.hour, c.minute, c.second, t.nsec);
  return out;
}

std::string duration_string(std::int64_t d) {
  // Built right to left like Go's Duration.format.
  std::string rev;
  std::uint64_t u = static_cast<std::uint64_t>(d);
  const bool negative = d < 0;
  if (negative) u = 0 - u;
  // The fraction of v / 10^prec without trailing zeros (and without the point when it is zero).
  const auto frac = [&rev](std::uint64_t v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      const auto digit = static_cast<char>(v % 10);
      print = print || digit != 0;
      if (print) rev += static_cast<char>('0' + digit);
      v /= 10;
    }
    if (print) rev += '.';
    return v;
  };
  const auto integer = [&rev](std::uint64_t v) {
    if (v == 0) {
      rev += '0';
      return;
    }
    while (v > 0) {
      rev += static_cast<char>('0' + v % 10);
      v /= 10;
    }
  };
  if (u < static_cast<std::uint64_t>(nanos_per_second)) {
    int prec = 0;
    rev += 's';
    if (u == 0) return "0s";
    if (u < 1000) {
      rev += 'n';
    } else if (u < 1000000) {
      prec = 3;
      rev += "\xb5\xc2";  // "µ", reversed
    } else {
      prec = 6;
      rev += 'm';
    }
    integer(frac(u, prec));
  } else {
    rev += 's';
    u = frac(u, 9);
    integer(u % 60);
    u /= 60;
    if (u > 0) {
      rev += 'm';
      integer(u % 60);
      u /= 60;
      if (u > 0) {
        rev += 'h';
        integer(u);
      }
    }
  }
  if (negative) rev += '-';
  return std::string(rev.rbegin(), rev.rend());
}

std::string month_string(std::int64_t m) {
  if (m >= 1 && m <= 12) return std::string(month_names[m - 1]);
  return fmt::format("%!Month({})", m);
}

std::string weekday_string(std::int64_t d) {
  if (d >= 0 && d <= 6) return std::string(day_names[d]);
  return fmt::format("%!Weekday({})", d);
}

namespace {

bool less_than_half(std::int64_t x, std::int64_t y) {
  return static_cast<std::uint64_t>(x) + static_cast<std::uint64_t>(x) < static_cast<std::uint64_t>(y);
}

}  // namespace

std::int64_t round_duration(std::int64_t d, std::int64_t m) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  if (m <= 0) return d;
  std::int64_t r = d % m;
  if (d < 0) {
    r = -r;
    if (less_than_half(r, m)) return d + r;
    if (const std::int64_t d1 = static_cast<std::int64_t>(
            static_cast<std::uint64_t>(d) - static_cast<std::uint64_t>(m) + static_cast<std::uint64_t>(r));
        d1 < d)
      return d1;
    return min;
  }
  if (less_than_half(r, m)) return d - r;
  if (const std::int64_t d1 = static_cast<std::int64_t>(static_cast<std::uint64_t>(d) + static_cast<std::uint64_t>(m) -
                                                        static_cast<std::uint64_t>(r));
      d1 > d)
    return d1;
  return max;
}

std::int64_t truncate_duration(std::int64_t d, std::int64_t m) {
  if (m <= 0) return d;
  return d - d % m;
}

namespace {

// The remainder of t (as time since Go's zero time, year 1) divided by d, which is > 0.
std::int64_t remainder_since_zero(const Time& t, std::int64_t d) {
  constexpr std::int64_t unix_to_internal = 62135596800;  // seconds from year 1 to 1970
  const __int128 ns = (static_cast<__int128>(t.sec) + unix_to_internal) * nanos_per_second + t.nsec;
  __int128 r = ns % d;
  if (r < 0) r += d;
  return static_cast<std::int64_t>(r);
}

}  // namespace

Time round_time(const Time& t, std::int64_t d) {
  if (d <= 0) return t;
  const std::int64_t r = remainder_since_zero(t, d);
  if (less_than_half(r, d)) return add(t, -r);
  return add(t, d - r);
}

Time truncate_time(const Time& t, std::int64_t d) {
  if (d <= 0) return t;
  return add(t, -remainder_since_zero(t, d));
}

}  // namespace mlmon::gotemplate::go
