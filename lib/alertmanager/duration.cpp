#include "alertmanager/duration.hpp"

#include <array>
#include <cstdlib>
#include <utility>

#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::uint64_t kNsPerMs = 1000000ULL;
constexpr std::uint64_t kMaxDuration = (1ULL << 63) - 1;

struct ModelUnit {
  std::string_view name;
  int order;  // units must appear in increasing order (largest first)
  std::uint64_t nanos;
};

constexpr std::array<ModelUnit, 7> kModelUnits{{
    {"y", 1, 365ULL * 24 * 3600 * 1000 * kNsPerMs},
    {"w", 2, 7ULL * 24 * 3600 * 1000 * kNsPerMs},
    {"d", 3, 24ULL * 3600 * 1000 * kNsPerMs},
    {"h", 4, 3600ULL * 1000 * kNsPerMs},
    {"m", 5, 60ULL * 1000 * kNsPerMs},
    {"s", 6, 1000ULL * kNsPerMs},
    {"ms", 7, kNsPerMs},
}};

}  // namespace

Result<std::int64_t> parse_model_duration(std::string_view text) {
  if (text == "0") return 0;
  if (text.empty()) {
    return fail("empty duration string");
  }
  const std::string invalid = "not a valid duration string: " + go::quote(text);
  std::string_view rest = text;
  std::uint64_t total = 0;
  int last_order = 0;
  while (!rest.empty()) {
    if (!is_digit(rest[0])) {
      return fail(invalid);
    }
    std::size_t i = 0;
    std::uint64_t amount = 0;
    bool overflow = false;
    for (; i < rest.size() && is_digit(rest[i]); ++i) {
      const auto digit = static_cast<std::uint64_t>(rest[i] - '0');
      if (amount > (UINT64_MAX - digit) / 10) overflow = true;
      else amount = amount * 10 + digit;
    }
    if (overflow) {  // strconv.ParseUint fails
      return fail(invalid);
    }
    rest.remove_prefix(i);
    std::size_t u = 0;
    while (u < rest.size() && !is_digit(rest[u])) ++u;
    if (u == 0) {
      return fail(invalid);
    }
    const std::string_view unit_name = rest.substr(0, u);
    rest.remove_prefix(u);
    const ModelUnit* unit = nullptr;
    for (const auto& candidate : kModelUnits) {
      if (candidate.name == unit_name) unit = &candidate;
    }
    if (unit == nullptr) {
      return fail("unknown unit " + go::quote(unit_name) + " in duration " + go::quote(text));
    }
    if (unit->order <= last_order) {
      return fail(invalid);
    }
    last_order = unit->order;
    if (amount > (1ULL << 63) / unit->nanos) {
      return fail("duration out of range");
    }
    total += amount * unit->nanos;
    if (total > kMaxDuration) {
      return fail("duration out of range");
    }
  }
  return static_cast<std::int64_t>(total);
}

Result<std::int64_t> parse_go_duration(std::string_view text) {
  const std::string quoted = go::quote(text);
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) {
    return fail("time: invalid duration " + quoted);
  }
  static const std::pair<std::string_view, std::uint64_t> kUnits[] = {
      {"ns", 1ULL},       {"us", 1000ULL},      {"\xC2\xB5s", 1000ULL}, {"\xCE\xBCs", 1000ULL},
      {"ms", 1000000ULL}, {"s", 1000000000ULL}, {"m", 60000000000ULL},  {"h", 3600000000000ULL},
  };
  long double total = 0;
  while (!s.empty()) {
    if (s[0] != '.' && !is_digit(s[0])) {
      return fail("time: invalid duration " + quoted);
    }
    std::size_t i = 0;
    while (i < s.size() && is_digit(s[i])) ++i;
    bool has_digits = i > 0;
    std::size_t end = i;
    if (end < s.size() && s[end] == '.') {
      ++end;
      std::size_t frac = end;
      while (end < s.size() && is_digit(s[end])) ++end;
      has_digits = has_digits || end > frac;
    }
    if (!has_digits) {
      return fail("time: invalid duration " + quoted);
    }
    // strtold, not stold: stold throws on an amount out of range (a thousand digits), which would
    // escape the checker; overflow is reported below as Go reports it, underflow is 0 as in Go.
    const std::string digits(s.substr(0, end));
    const long double amount = std::strtold(digits.c_str(), nullptr);
    s.remove_prefix(end);
    std::size_t u = 0;
    while (u < s.size() && s[u] != '.' && !is_digit(s[u])) ++u;
    if (u == 0) {
      return fail("time: missing unit in duration " + quoted);
    }
    const std::string_view unit_name = s.substr(0, u);
    s.remove_prefix(u);
    std::uint64_t nanos = 0;
    for (const auto& [name, value] : kUnits) {
      if (name == unit_name) nanos = value;
    }
    if (nanos == 0) {
      return fail("time: unknown unit " + go::quote(unit_name) + " in duration " + quoted);
    }
    total += amount * static_cast<long double>(nanos);
    if (total > static_cast<long double>(kMaxDuration)) {
      return fail("time: invalid duration " + quoted);
    }
  }
  const auto value = static_cast<std::int64_t>(total);
  return negative ? -value : value;
}

}  // namespace mlmon::alertmanager
