#include "doctor/time_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace mlmon::doctor {

namespace {

// Days from 1970-01-01 to a civil date (proleptic Gregorian), as in Howard Hinnant's algorithm.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<double> parse_rfc3339(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, month) || text[7] != '-' ||
      !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') || !digits(text, 11, 2, hour) ||
      text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t pos = 19;
  double fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    double scale = 0.1;
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, om)) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * 60 * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction;
}

std::string human_duration(double seconds) {
  if (!(seconds >= 1)) return "0s";
  const auto total = static_cast<std::int64_t>(std::floor(std::min(seconds, 1e15)));
  struct Unit {
    std::int64_t size;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (std::size_t i = 0; i < std::size(kUnits); ++i) {
    if (total < kUnits[i].size) continue;
    std::string out = fmt::format("{}{}", total / kUnits[i].size, kUnits[i].name);
    if (i + 1 < std::size(kUnits)) {
      const std::int64_t rest = (total % kUnits[i].size) / kUnits[i + 1].size;
      if (rest > 0) out += fmt::format("{}{}", rest, kUnits[i + 1].name);
    }
    return out;
  }
  return "0s";
}

std::string prometheus_duration(double seconds) {
  auto ms = static_cast<std::int64_t>(std::llround(seconds * 1000));
  if (ms <= 0) return "0s";
  std::string out;
  // Prometheus's model.Duration.String(): the largest units first; years and weeks only when exact.
  struct Unit {
    std::int64_t size;
    const char* name;
    bool exact_only;
  };
  static constexpr Unit kUnits[] = {{365LL * 24 * 3600 * 1000, "y", true},
                                    {7LL * 24 * 3600 * 1000, "w", true},
                                    {24LL * 3600 * 1000, "d", false},
                                    {3600LL * 1000, "h", false},
                                    {60LL * 1000, "m", false},
                                    {1000, "s", false},
                                    {1, "ms", false}};
  for (const Unit& unit : kUnits) {
    if (unit.exact_only && ms % unit.size != 0) continue;
    if (ms >= unit.size) {
      out += fmt::format("{}{}", ms / unit.size, unit.name);
      ms %= unit.size;
    }
  }
  return out;
}

}  // namespace mlmon::doctor
