#include "doctor/time_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "core/rfc3339.hpp"

namespace mlmon::doctor {

std::optional<double> parse_rfc3339(std::string_view text) {
  const auto time = mlmon::parse_rfc3339(text, Rfc3339Mode::lenient);
  if (!time) return std::nullopt;
  return static_cast<double>(time->seconds) + time->fraction;
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
