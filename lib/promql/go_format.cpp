#include "promql/go_format.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/go_number.hpp"

namespace mlmon::promql::go {

Rune decode_rune(std::string_view s, size_t pos) {
  if (pos >= s.size()) return {kEof, 0};
  const unicode::DecodedRune decoded = unicode::decode(s, pos);
  return {decoded.rune, static_cast<uint32_t>(decoded.width)};
}

std::string format_float(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc{}) return "NaN";
  return std::string(buf, end);
}

std::string format_float_v(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  // Shortest digits first, then Go's %g layout: exponent form when exp < -4 || exp >= 6.
  char sci[64];
  auto [end, ec] = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific);
  if (ec != std::errc{}) return "NaN";
  const std::string_view text(sci, static_cast<size_t>(end - sci));
  const size_t e_pos = text.find('e');
  const int exponent = std::atoi(std::string(text.substr(e_pos + 1)).c_str());
  if (exponent < -4 || exponent >= 6) {
    std::string out(text.substr(0, e_pos));
    out += 'e';
    out += exponent < 0 ? '-' : '+';
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return out;
  }
  return format_float(v);
}

namespace {

std::optional<int64_t> parse_int_base0(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int base = 10;
  std::string_view digits = s;
  if (s[0] == '0' && s.size() > 1) {
    const char c = static_cast<char>(s[1] | 0x20);
    if (c == 'x') {
      base = 16;
      digits = s.substr(2);
    } else if (c == 'o') {
      base = 8;
      digits = s.substr(2);
    } else if (c == 'b') {
      base = 2;
      digits = s.substr(2);
    } else {
      base = 8;
      digits = s.substr(1);
    }
  }
  bool underscores = false;
  uint64_t value = 0;
  bool any = false;
  for (char c : digits) {
    if (c == '_') {
      underscores = true;
      continue;
    }
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
    else return std::nullopt;
    if (d >= base) return std::nullopt;
    if (value > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - d) / base) return std::nullopt;
    value = value * base + d;
    any = true;
  }
  if (!any && base != 8) return std::nullopt;
  if (underscores && !mlmon::go::underscores_ok(s)) return std::nullopt;
  return static_cast<int64_t>(value);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  }
  return true;
}

// strconv.ParseFloat for the decimal and special forms the lexer can produce.
// Returns 0 on success, 1 on syntax error, 2 on range error (value holds ±Inf).
int parse_float(std::string_view s, double& value) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return 0;
  }
  if (iequals(body, "nan")) {
    value = std::numeric_limits<double>::quiet_NaN();
    return 0;
  }
  if (body.size() >= 2 && body[0] == '0' && (body[1] | 0x20) == 'x') {
    // Hexadecimal floats need a 'p' exponent, which the lexer never lets through.
    return 1;
  }
  std::string clean;
  clean.reserve(body.size());
  bool underscores = false;
  for (char c : body) {
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return 1;
    clean.push_back(c);
  }
  if (underscores && !mlmon::go::underscores_ok(body)) return 1;
  // Validate the Go float grammar: digits [. digits] [e [+-] digits], at least one mantissa digit.
  size_t p = 0;
  size_t mantissa_digits = 0;
  while (p < clean.size() && clean[p] >= '0' && clean[p] <= '9') {
    ++p;
    ++mantissa_digits;
  }
  if (p < clean.size() && clean[p] == '.') {
    ++p;
    while (p < clean.size() && clean[p] >= '0' && clean[p] <= '9') {
      ++p;
      ++mantissa_digits;
    }
  }
  if (mantissa_digits == 0) return 1;
  if (p < clean.size() && (clean[p] == 'e' || clean[p] == 'E')) {
    ++p;
    if (p < clean.size() && (clean[p] == '+' || clean[p] == '-')) ++p;
    size_t exp_digits = 0;
    while (p < clean.size() && clean[p] >= '0' && clean[p] <= '9') {
      ++p;
      ++exp_digits;
    }
    if (exp_digits == 0) return 1;
  }
  if (p != clean.size()) return 1;
  double v = 0;
  auto [ptr, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), v, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports both overflow and underflow; Go rounds underflow to 0 without error.
    bool overflow = false;
    const size_t e = clean.find_first_of("eE");
    if (e == std::string::npos) {
      overflow = true;
    } else {
      const long exponent = std::strtol(clean.c_str() + e + 1, nullptr, 10);
      overflow = exponent > 0;
    }
    if (overflow) {
      value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      return 2;
    }
    value = negative ? -0.0 : 0.0;
    return 0;
  }
  if (ec != std::errc{} || ptr != clean.data() + clean.size()) return 1;
  value = negative ? -v : v;
  return 0;
}

}  // namespace

Result<double> parse_number(std::string_view s) {
  // Fast path for the common "0.95" / "300": plain decimal digits with at most one dot.
  if (!s.empty() && s.size() < 18 && s[0] >= '1' && s[0] <= '9') {
    bool simple = true;
    int dots = 0;
    for (char c : s) {
      if (c == '.') {
        ++dots;
      } else if (c < '0' || c > '9') {
        simple = false;
        break;
      }
    }
    if (simple && dots <= 1) {
      double v = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc{} && ptr == s.data() + s.size()) return v;
    }
  }
  if (auto i = parse_int_base0(s)) return static_cast<double>(*i);
  double value = 0;
  const int rc = parse_float(s, value);
  if (rc == 0) return value;
  return fail("strconv.ParseFloat: parsing " + quote(s) + (rc == 2 ? ": value out of range" : ": invalid syntax"));
}

std::optional<double> parse_float(std::string_view s) {
  double value = 0;
  if (parse_float(s, value) != 0) return std::nullopt;
  return value;
}

bool unquote_is_identity(std::string_view quoted) {
  if (quoted.size() < 2) return false;
  if (quoted.front() == '`') return true;
  return quoted.substr(1, quoted.size() - 2).find('\\') == std::string_view::npos;
}

}  // namespace mlmon::promql::go
