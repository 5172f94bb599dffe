#include "promql/duration.hpp"

#include <limits>

namespace mlmon::promql {

namespace {

struct Unit {
  std::string_view name;
  int order;  // units must appear from largest (1) to smallest (7)
  uint64_t nanoseconds;
};

constexpr uint64_t kMs = 1'000'000;
constexpr Unit kUnits[] = {
    {"y", 1, 365ull * 24 * 3600 * 1000 * kMs},
    {"w", 2, 7ull * 24 * 3600 * 1000 * kMs},
    {"d", 3, 24ull * 3600 * 1000 * kMs},
    {"h", 4, 3600 * 1000 * kMs},
    {"m", 5, 60 * 1000 * kMs},
    {"s", 6, 1000 * kMs},
    {"ms", 7, kMs},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

Result<int64_t> parse_duration_ns(std::string_view text, bool legacy_wording) {
  if (text == "0") return 0;
  if (text.empty()) return fail("empty duration string");
  const std::string invalid = "not a valid duration string: " + quoted(text);
  uint64_t total = 0;
  int last_order = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    if (!is_digit(rest[0])) return fail(invalid);
    size_t i = 0;
    uint64_t value = 0;
    bool overflow = false;
    for (; i < rest.size() && is_digit(rest[i]); ++i) {
      const uint64_t d = static_cast<uint64_t>(rest[i] - '0');
      if (value > (std::numeric_limits<uint64_t>::max() - d) / 10) overflow = true;
      value = value * 10 + d;
    }
    if (overflow) return fail(invalid);  // strconv.ParseUint range error
    rest.remove_prefix(i);
    size_t j = 0;
    while (j < rest.size() && !is_digit(rest[j])) ++j;
    if (j == 0) return fail(invalid);
    const std::string_view unit_name = rest.substr(0, j);
    rest.remove_prefix(j);
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (u.name == unit_name) unit = &u;
    }
    if (!unit) {
      if (legacy_wording) return fail(invalid);
      return fail("unknown unit " + quoted(unit_name) + " in duration " + quoted(text));
    }
    if (unit->order <= last_order) return fail(invalid);
    last_order = unit->order;
    constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (value > (kMax + 1) / unit->nanoseconds) return fail("duration out of range");
    total += value * unit->nanoseconds;
    if (total > kMax) return fail("duration out of range");
  }
  return static_cast<int64_t>(total);
}

Result<int64_t> parse_duration_ms(std::string_view text, bool legacy_wording) {
  return MLMON_TRY(parse_duration_ns(text, legacy_wording)) / static_cast<int64_t>(kMs);
}

std::string format_duration_ms(int64_t ms) {
  if (ms == 0) return "0s";
  std::string out;
  uint64_t rest;
  if (ms < 0) {
    out.push_back('-');
    rest = static_cast<uint64_t>(-(ms + 1)) + 1;
  } else {
    rest = static_cast<uint64_t>(ms);
  }
  auto emit = [&](std::string_view unit, uint64_t mult, bool exact) {
    if (exact && rest % mult != 0) return;
    if (const uint64_t v = rest / mult; v > 0) {
      out += std::to_string(v);
      out += unit;
      rest -= v * mult;
    }
  };
  // Years and weeks only when exact: "90d" reads better than "12w6d".
  emit("y", 365ull * 24 * 3600 * 1000, true);
  emit("w", 7ull * 24 * 3600 * 1000, true);
  emit("d", 24ull * 3600 * 1000, false);
  emit("h", 3600ull * 1000, false);
  emit("m", 60ull * 1000, false);
  emit("s", 1000, false);
  emit("ms", 1, false);
  return out;
}

}  // namespace mlmon::promql
