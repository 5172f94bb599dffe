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
  // The parser's ParseInt(s, 0, 64) before ParseFloat. The lexer's NUMBER has no sign, so the
  // integer step only takes unsigned text: a signed one keeps ParseFloat's -0.
  if (const auto i = mlmon::go::parse_uint(s, 0);
      i && i.value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return static_cast<double>(i.value);
  }
  const auto f = mlmon::go::parse_float(s);
  if (f) return f.value;
  return fail(mlmon::go::number_error_text("ParseFloat", s, f.error));
}

std::optional<double> parse_float(std::string_view s) {
  const auto f = mlmon::go::parse_float(s);
  if (!f) return std::nullopt;
  return f.value;
}

bool unquote_is_identity(std::string_view quoted) {
  if (quoted.size() < 2) return false;
  if (quoted.front() == '`') return true;
  return quoted.substr(1, quoted.size() - 2).find('\\') == std::string_view::npos;
}

}  // namespace mlmon::promql::go
