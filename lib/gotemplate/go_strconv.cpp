#include "gotemplate/go_strconv.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

#include "core/go_number.hpp"
#include "core/unicode.hpp"

namespace mlmon::gotemplate::go {

namespace {

constexpr std::string_view invalid_syntax = "invalid syntax";

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_decimal(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_decimal(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }

// strconv.ParseUint(s, 0, 64) succeeds.
bool parse_uint_ok(std::string_view s, std::uint64_t* out = nullptr) {
  if (s.empty()) return false;
  const std::string_view whole = s;
  unsigned base = 10;
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
  bool underscores = false;
  std::uint64_t n = 0;
  for (char c : s) {
    unsigned digit = 0;
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (is_decimal(c)) digit = static_cast<unsigned>(c - '0');
    else if (lower(c) >= 'a' && lower(c) <= 'z') digit = static_cast<unsigned>(lower(c) - 'a' + 10);
    else return false;
    if (digit >= base) return false;
    if (n > (std::numeric_limits<std::uint64_t>::max() - digit) / base) return false;  // out of range
    n = n * base + digit;
  }
  if (underscores && !mlmon::go::underscores_ok(whole)) return false;
  if (out != nullptr) *out = n;
  return true;
}

// strconv.ParseInt(s, 0, 64).
std::optional<std::int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::uint64_t magnitude = 0;
  if (!parse_uint_ok(s, &magnitude)) return std::nullopt;
  constexpr std::uint64_t limit = std::uint64_t{1} << 63;
  if (negative ? magnitude > limit : magnitude >= limit) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

bool parse_int_ok(std::string_view s) { return parse_int(s).has_value(); }

enum class FloatResult { ok, syntax, range };

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// strconv.ParseFloat(s, 64): decimal and hexadecimal literals with underscores, and Go's
// spellings of infinity and NaN. *value gets the result (±Inf on overflow).
FloatResult parse_float(std::string_view s, double* value = nullptr) {
  {
    std::string_view body = s;
    bool negative = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
      negative = body[0] == '-';
      body.remove_prefix(1);
    }
    if (iequals(body, "inf") || iequals(body, "infinity")) {
      const double inf = std::numeric_limits<double>::infinity();
      if (value != nullptr) *value = negative ? -inf : inf;
      return FloatResult::ok;
    }
    if (iequals(body, "nan") && body.size() == s.size()) {
      if (value != nullptr) *value = std::numeric_limits<double>::quiet_NaN();
      return FloatResult::ok;
    }
  }
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
  long long point_shift = 0;  // magnitude of the leading significant digit, for overflow detection
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
  if (!saw_digits) return FloatResult::syntax;
  long long exponent = 0;
  const char exp_char = hex ? 'p' : 'e';
  if (i < s.size() && lower(s[i]) == exp_char) {
    ++i;
    if (i >= s.size()) return FloatResult::syntax;
    bool exp_negative = false;
    if (s[i] == '+' || s[i] == '-') {
      exp_negative = s[i] == '-';
      ++i;
    }
    if (i >= s.size() || !is_decimal(s[i])) return FloatResult::syntax;
    for (; i < s.size() && (is_decimal(s[i]) || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (exponent < 1'000'000) exponent = exponent * 10 + (s[i] - '0');
    }
    if (exp_negative) exponent = -exponent;
  } else if (hex) {
    return FloatResult::syntax;  // hexadecimal mantissas need a 'p' exponent
  }
  if (underscores && !mlmon::go::underscores_ok(s.substr(0, i))) return FloatResult::syntax;
  if (i != s.size()) return FloatResult::syntax;

  std::string digits;
  if (negative) digits += '-';
  for (char c : s.substr(mantissa_start + (hex ? 2 : 0))) {
    if (c != '_') digits += c;
  }
  double parsed = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed,
                                         hex ? std::chars_format::hex : std::chars_format::general);
  (void)ptr;
  if (ec == std::errc::result_out_of_range) {
    // Go reports overflow (to infinity) as an error, but rounds underflow to zero silently.
    const bool overflow = saw_significant && point_shift + exponent > 0;
    if (value != nullptr) {
      *value = overflow
                   ? (negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity())
                   : (negative ? -0.0 : 0.0);
    }
    return overflow ? FloatResult::range : FloatResult::ok;
  }
  if (value != nullptr) *value = parsed;
  return ec == std::errc{} ? FloatResult::ok : FloatResult::syntax;
}

std::string parse_float_error(std::string_view token, FloatResult result) {
  return fmt::format("strconv.ParseFloat: parsing {}: {}", quote(token),
                     result == FloatResult::range ? "value out of range" : "invalid syntax");
}

// fmt.Sscan into a complex128, as text/template does for constants like 1+2i.
std::optional<std::string> complex_error(std::string_view text) {
  std::size_t i = 0;
  const auto accept = [&](std::string_view valid) {
    if (i < text.size() && valid.find(text[i]) != std::string_view::npos) {
      ++i;
      return true;
    }
    return false;
  };
  // fmt's floatToken.
  const auto float_token = [&]() {
    const std::size_t start = i;
    if (accept("nN") && accept("aA") && accept("nN")) return text.substr(start, i - start);
    accept("+-");
    if (accept("iI") && accept("nN") && accept("fF")) return text.substr(start, i - start);
    std::string_view digits = "0123456789_";
    std::string_view exponent = "eEpP";
    if (accept("0") && accept("xX")) {
      digits = "0123456789aAbBcCdDeEfF_";
      exponent = "pP";
    }
    while (accept(digits)) {}
    if (accept(".")) {
      while (accept(digits)) {}
    }
    if (accept(exponent)) {
      accept("+-");
      while (accept("0123456789_")) {}
    }
    return text.substr(start, i - start);
  };
  // fmt's convertFloat, which splits off a binary exponent of a decimal mantissa itself.
  const auto convert = [](std::string_view token) -> std::optional<std::string> {
    const bool hex = token.find_first_of("xX") != std::string_view::npos;
    if (const auto p = token.find('p'); p != std::string_view::npos && !hex) {
      const FloatResult result = parse_float(token.substr(0, p));
      if (result != FloatResult::ok) return parse_float_error(token, result);
      return std::nullopt;
    }
    const FloatResult result = parse_float(token);
    if (result != FloatResult::ok) return parse_float_error(token, result);
    return std::nullopt;
  };
  const std::string_view real = float_token();
  if (i >= text.size() || (text[i] != '+' && text[i] != '-')) return "syntax error scanning complex number";
  const std::size_t sign_pos = i++;
  float_token();
  const std::string_view imaginary = text.substr(sign_pos, i - sign_pos);
  if (i >= text.size() || text[i] != 'i') return "syntax error scanning complex number";
  if (auto error = convert(real)) return error;
  return convert(imaginary);
}

// Go's float64(int64(f)) == f and float64(uint64(f)) == f, without C++'s undefined conversions.
void promote_integral(NumberConstant& n) {
  const double f = n.float64;
  if (!n.is_int && f >= -9223372036854775808.0 && f < 9223372036854775808.0 &&
      static_cast<double>(static_cast<std::int64_t>(f)) == f) {
    n.is_int = true;
    n.int64 = static_cast<std::int64_t>(f);
  }
  if (!n.is_uint && f >= 0 && f < 18446744073709551616.0 && static_cast<double>(static_cast<std::uint64_t>(f)) == f) {
    n.is_uint = true;
    n.uint64 = static_cast<std::uint64_t>(f);
  }
}

// fmt.Sscan's reading of a complex constant already validated by complex_error: "re±imi".
std::complex<double> complex_value(std::string_view text) {
  // The sign between the parts is the last '+' or '-' not right after an exponent letter.
  std::size_t split = std::string_view::npos;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if ((text[i] == '+' || text[i] == '-') && lower(text[i - 1]) != 'e' && lower(text[i - 1]) != 'p') split = i;
  }
  double re = 0;
  double im = 0;
  if (split != std::string_view::npos) {
    parse_float(text.substr(0, split), &re);
    parse_float(text.substr(split, text.size() - split - 1), &im);
  }
  return {re, im};
}

}  // namespace

std::optional<std::string> unquote(std::string_view literal) {
  std::string out;
  if (!mlmon::go::unquote(literal, out)) return std::nullopt;
  return out;
}

NumberConstant number_value(std::string_view text, NumberKind kind) {
  NumberConstant n;
  if (kind == NumberKind::char_constant) {
    std::size_t i = 1;
    std::string decoded;
    char32_t rune = 0;
    if (mlmon::go::unquote_char(text, i, '\'', &decoded)) {
      // unquote_char appends UTF-8 (or one raw byte for \x and octal escapes): read it back.
      if (decoded.size() == 1) {
        rune = static_cast<unsigned char>(decoded[0]);
      } else {
        const auto d = unicode::decode(decoded, 0);
        rune = d.rune;
      }
    }
    n.is_int = n.is_uint = n.is_float = true;
    n.int64 = static_cast<std::int64_t>(rune);
    n.uint64 = rune;
    n.float64 = static_cast<double>(rune);
    return n;
  }
  if (kind == NumberKind::complex) {
    n.is_complex = true;
    n.complex128 = complex_value(text);
  } else if (!text.empty() && text.back() == 'i') {
    double imaginary = 0;
    if (parse_float(text.substr(0, text.size() - 1), &imaginary) == FloatResult::ok) {
      n.is_complex = true;
      n.complex128 = {0, imaginary};
    }
  }
  if (n.is_complex) {
    // simplifyComplex: a complex with no imaginary part is also a float (and maybe an integer).
    if (n.complex128.imag() == 0) {
      n.is_float = true;
      n.float64 = n.complex128.real();
      promote_integral(n);
    }
    return n;
  }
  std::uint64_t u = 0;
  if (parse_uint_ok(text, &u)) {
    n.is_uint = true;
    n.uint64 = u;
  }
  if (std::optional<std::int64_t> i = parse_int(text)) {
    n.is_int = true;
    n.int64 = *i;
    if (*i == 0) {
      n.is_uint = true;  // "-0"
      n.uint64 = u;
    }
  }
  if (n.is_int) {
    n.is_float = true;
    n.float64 = static_cast<double>(n.int64);
  } else if (n.is_uint) {
    n.is_float = true;
    n.float64 = static_cast<double>(n.uint64);
  } else if (double f = 0; parse_float(text, &f) == FloatResult::ok) {
    n.is_float = true;
    n.float64 = f;
    promote_integral(n);
  }
  return n;
}

std::variant<double, std::string> parse_float64(std::string_view text) {
  double value = 0;
  const FloatResult result = parse_float(text, &value);
  if (result == FloatResult::ok) return value;
  return parse_float_error(text, result);
}

std::optional<std::string> number_error(std::string_view text, NumberKind kind) {
  if (kind == NumberKind::char_constant) {
    std::size_t i = 1;
    if (text.size() < 2 || !mlmon::go::unquote_char(text, i, '\'', nullptr)) return std::string(invalid_syntax);
    if (text.substr(i) != "'") return fmt::format("malformed character constant: {}", text);
    return std::nullopt;
  }
  if (kind == NumberKind::complex) return complex_error(text);
  // An imaginary constant: a float followed by 'i'.
  if (!text.empty() && text.back() == 'i' && parse_float(text.substr(0, text.size() - 1)) == FloatResult::ok) {
    return std::nullopt;
  }
  if (parse_uint_ok(text) || parse_int_ok(text)) return std::nullopt;
  if (parse_float(text) == FloatResult::ok) {
    // A float that looks like an integer is an integer too large for 64 bits.
    if (text.find_first_of(".eEpP") == std::string_view::npos) return fmt::format("integer overflow: {}", quote(text));
    return std::nullopt;
  }
  return fmt::format("illegal number syntax: {}", quote(text));
}

}  // namespace mlmon::gotemplate::go
