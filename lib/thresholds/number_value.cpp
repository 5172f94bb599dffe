#include "thresholds/number_value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "promql/duration.hpp"
#include "promql/go_format.hpp"
#include "promql/lexer.hpp"

namespace mlmon::thresholds {

namespace {

constexpr std::string_view kExpected = "expected a number such as 0.25, 1e5 or 100000";

// Integers below this print exactly with every digit (2^53).
constexpr double kMaxExactInteger = 9007199254740992.0;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view unsigned_part(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return trim(text);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits with at most one '.', nothing else: written as the user means it in any decimal style.
bool is_plain_decimal(std::string_view s) {
  if (s.empty() || s == ".") return false;
  bool dot = false;
  for (char c : s) {
    if (c == '.') {
      if (dot) return false;
      dot = true;
    } else if (!is_digit(c)) {
      return false;
    }
  }
  // A leading zero before more digits reads as octal (0755) in PromQL.
  return !(s.size() > 1 && s[0] == '0' && is_digit(s[1]));
}

bool is_whole(double v) { return std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < kMaxExactInteger; }

std::string integer_text(double magnitude, bool underscores) {
  std::string digits = fmt::format("{:.0f}", magnitude);
  if (!underscores) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '_';
    out += digits[i];
  }
  return out;
}

// Shortest text that reads back as `magnitude`, without an exponent.
std::string shortest_fixed(double magnitude) {
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::fixed);
  if (ec != std::errc{}) return fmt::format("{}", magnitude);
  return std::string(buffer, end);
}

// Shortest text with an exponent, as people write it (`2.5e5`, `1e-3`), following the old
// literal's exponent letter and explicit `+`.
std::string shortest_exponent(double magnitude, std::string_view old_text) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::scientific);
  if (ec != std::errc{}) return fmt::format("{}", magnitude);
  const std::string_view s(buffer, static_cast<std::size_t>(end - buffer));  // "2.5e+05"
  const std::size_t e = s.find('e');
  std::string out(s.substr(0, e));
  const std::size_t old_e = old_text.find_first_of("eE");
  out += old_e != std::string_view::npos ? old_text[old_e] : 'e';
  std::string_view exponent = s.substr(e + 1);
  const bool negative = exponent.front() == '-';
  exponent.remove_prefix(1);
  while (exponent.size() > 1 && exponent.front() == '0') exponent.remove_prefix(1);
  if (negative) {
    out += '-';
  } else if (old_e != std::string_view::npos && old_e + 1 < old_text.size() && old_text[old_e + 1] == '+') {
    out += '+';
  }
  out += exponent;
  return out;
}

// A fractional value in an integer or duration style: the user's text if it is a plain decimal
// already, else the shortest decimal, else (huge or tiny) the user's text.
std::string decimal_text(double magnitude, std::string_view user) {
  if (is_plain_decimal(user)) return std::string(user);
  std::string fixed = shortest_fixed(magnitude);
  return fixed.size() <= 24 ? fixed : std::string(user);
}

}  // namespace

Result<NumberValue> parse_number_value(std::string_view raw) {
  const std::string_view text = trim(raw);
  auto invalid = [&](std::string_view why) {
    return fail(fmt::format("invalid threshold {}: {}", promql::go::quote(raw), why));
  };
  if (text.empty()) return invalid(kExpected);
  std::string_view body = unsigned_part(text);
  const bool negative = text.front() == '-';
  if (body.empty()) return invalid(kExpected);
  promql::Lexer lexer(body);
  const promql::Token token = lexer.next();
  const bool whole = token.begin == 0 && token.end == body.size();
  if (!whole || (token.kind != promql::Tok::number && token.kind != promql::Tok::duration) ||
      lexer.next().kind != promql::Tok::eof) {
    return invalid(kExpected);
  }
  NumberValue out;
  out.text = std::string(text);
  if (token.kind == promql::Tok::duration) {
    const auto ns = promql::parse_duration_ns(body);
    if (!ns) return invalid(ns.error().message);
    out.value = static_cast<double>(*ns) / 1e9;
    out.is_duration = true;
  } else {
    const auto value = promql::go::parse_number(body);
    if (!value) return invalid(value.error().message);
    out.value = *value;
  }
  if (negative) out.value = -out.value;
  return out;
}

NumberStyle number_style(std::string_view old_text, bool old_is_duration) {
  if (old_is_duration) return NumberStyle::Duration;
  if (old_text.size() > 1 && old_text[0] == '0' && (old_text[1] == 'x' || old_text[1] == 'X')) return NumberStyle::Hex;
  if (old_text.empty() || !(is_digit(old_text[0]) || old_text[0] == '.')) return NumberStyle::Special;  // Inf, NaN
  if (old_text.find_first_of("eE") != std::string_view::npos) return NumberStyle::Exponent;
  if (old_text.find('.') != std::string_view::npos) return NumberStyle::Decimal;
  return NumberStyle::Integer;
}

std::string format_like(std::string_view old_text, bool old_is_duration, const NumberValue& value) {
  const std::string_view user = unsigned_part(value.text);
  const double magnitude = std::fabs(value.value);
  if (!std::isfinite(magnitude)) return std::string(user);  // Inf, NaN: only one way to write them
  switch (number_style(old_text, old_is_duration)) {
    case NumberStyle::Integer:
      if (is_whole(magnitude)) return integer_text(magnitude, old_text.find('_') != std::string_view::npos);
      return decimal_text(magnitude, user);
    case NumberStyle::Hex:
      if (is_whole(magnitude)) {
        const bool upper =
            std::any_of(old_text.begin() + 2, old_text.end(), [](char c) { return c >= 'A' && c <= 'F'; });
        const auto n = static_cast<std::uint64_t>(magnitude);
        return std::string(old_text.substr(0, 2)) + (upper ? fmt::format("{:X}", n) : fmt::format("{:x}", n));
      }
      return decimal_text(magnitude, user);
    case NumberStyle::Exponent:
      if (user.find_first_of("eE") != std::string_view::npos && !value.is_duration &&
          user.find_first_of("xX_") == std::string_view::npos) {
        return std::string(user);
      }
      return shortest_exponent(magnitude, old_text);
    case NumberStyle::Duration: {
      const double ms = magnitude * 1000;
      if (ms == std::trunc(ms) && ms < kMaxExactInteger) {
        if (value.is_duration) return std::string(user);
        return promql::format_duration_ms(static_cast<std::int64_t>(ms));
      }
      return decimal_text(magnitude, user);
    }
    case NumberStyle::Decimal:
    case NumberStyle::Special:
      if (value.is_duration) return is_whole(magnitude) ? integer_text(magnitude, false) : shortest_fixed(magnitude);
      return decimal_text(magnitude, user);
  }
  return std::string(user);
}

}  // namespace mlmon::thresholds
