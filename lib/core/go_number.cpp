#include "core/go_number.hpp"

#include <charconv>
#include <limits>

#include "core/go_quote.hpp"

namespace mlmon::go {

namespace {

char lower(char c) { return static_cast<char>(c | 0x20); }  // enough for letters and digits
bool is_decimal(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_decimal(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// strconv's special(): only an infinity may carry a sign.
bool special(std::string_view s, double& value) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    value = negative ? -kInf : kInf;
    return true;
  }
  if (iequals(body, "nan") && body.size() == s.size()) {
    value = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  return false;
}

}  // namespace

bool underscores_ok(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  char saw = '^';  // '^' start, '0' a digit or base prefix, '_' an underscore, '!' anything else
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    hex = lower(s[1]) == 'x';
    i = 2;
    saw = '0';
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (digit(c) || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

Parsed<double> parse_float(std::string_view s) {
  if (double value = 0; special(s, value)) return {value};
  // readFloat: the grammar, checked here; the value is then from_chars's.
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  const std::size_t mantissa_start = i;
  bool hex = false;
  if (i + 1 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    hex = true;
    i += 2;
  }
  bool saw_dot = false;
  bool saw_digits = false;
  bool underscores = false;
  long long point_shift = 0;  // magnitude of the leading significant digit, to tell overflow from underflow
  bool saw_significant = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (saw_dot) break;
      saw_dot = true;
      continue;
    }
    if (is_decimal(c) || (hex && is_hex(c))) {
      saw_digits = true;
      if (c != '0') saw_significant = true;
      if (!saw_dot && saw_significant) point_shift += hex ? 4 : 1;
      if (saw_dot && !saw_significant) point_shift -= hex ? 4 : 1;
      continue;
    }
    break;
  }
  if (!saw_digits) return {0, NumError::syntax};
  long long exponent = 0;
  if (i < s.size() && lower(s[i]) == (hex ? 'p' : 'e')) {
    ++i;
    if (i >= s.size()) return {0, NumError::syntax};
    bool exp_negative = false;
    if (s[i] == '+' || s[i] == '-') {
      exp_negative = s[i] == '-';
      ++i;
    }
    if (i >= s.size() || !is_decimal(s[i])) return {0, NumError::syntax};
    for (; i < s.size() && (is_decimal(s[i]) || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (exponent < 1'000'000) exponent = exponent * 10 + (s[i] - '0');
    }
    if (exp_negative) exponent = -exponent;
  } else if (hex) {
    return {0, NumError::syntax};  // a hexadecimal mantissa needs a 'p' exponent
  }
  if (underscores && !underscores_ok(s.substr(0, i))) return {0, NumError::syntax};
  if (i != s.size()) return {0, NumError::syntax};

  // from_chars takes neither '+' nor the "0x" prefix nor underscores.
  std::string digits;
  digits.reserve(s.size());
  if (negative) digits += '-';
  for (char c : s.substr(mantissa_start + (hex ? 2 : 0))) {
    if (c != '_') digits += c;
  }
  double parsed = 0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] =
      std::from_chars(digits.data(), end, parsed, hex ? std::chars_format::hex : std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports both ways out of range; Go errs on overflow only and rounds underflow to 0.
    if (saw_significant && point_shift + exponent > 0) return {negative ? -kInf : kInf, NumError::range};
    return {negative ? -0.0 : 0.0};
  }
  if (ec != std::errc{} || ptr != end) return {0, NumError::syntax};
  return {parsed};
}

Parsed<std::uint64_t> parse_uint(std::string_view s, int base) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  if (s.empty()) return {0, NumError::syntax};
  const std::string_view whole = s;
  const bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  }
  const auto b = static_cast<std::uint64_t>(base);
  bool underscores = false;
  std::uint64_t n = 0;
  for (char c : s) {
    std::uint64_t digit = 0;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    if (is_decimal(c)) {
      digit = static_cast<std::uint64_t>(c - '0');
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      digit = static_cast<std::uint64_t>(lower(c) - 'a') + 10;
    } else {
      return {0, NumError::syntax};
    }
    if (digit >= b) return {0, NumError::syntax};
    // Go stops at the first digit that overflows, so what follows is not checked.
    if (n > (kMax - digit) / b) return {kMax, NumError::range};
    n = n * b + digit;
  }
  if (underscores && !underscores_ok(whole)) return {0, NumError::syntax};
  return {n};
}

Parsed<std::int64_t> parse_int(std::string_view s, int base) {
  if (s.empty()) return {0, NumError::syntax};
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const Parsed<std::uint64_t> magnitude = parse_uint(s, base);
  if (magnitude.error == NumError::syntax) return {0, NumError::syntax};
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  if (!negative && (magnitude.error == NumError::range || magnitude.value >= kLimit)) {
    return {std::numeric_limits<std::int64_t>::max(), NumError::range};
  }
  if (negative && (magnitude.error == NumError::range || magnitude.value > kLimit)) {
    return {std::numeric_limits<std::int64_t>::min(), NumError::range};
  }
  // 0 - magnitude in unsigned arithmetic is the two's complement, defined even for 2^63.
  return {negative ? static_cast<std::int64_t>(0 - magnitude.value) : static_cast<std::int64_t>(magnitude.value)};
}

std::string number_error_text(std::string_view function, std::string_view s, NumError error) {
  std::string out = "strconv.";
  out += function;
  out += ": parsing ";
  out += quote(s);
  out += error == NumError::range ? ": value out of range" : ": invalid syntax";
  return out;
}

}  // namespace mlmon::go
