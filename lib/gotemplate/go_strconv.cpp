#include "gotemplate/go_strconv.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "core/go_number.hpp"
#include "core/unicode.hpp"

namespace mlmon::gotemplate::go {

namespace {

constexpr std::string_view invalid_syntax = "invalid syntax";

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The strconv parses text/template's newNumber tries, in core/go_number.
bool parse_uint_ok(std::string_view s, std::uint64_t* out = nullptr) {
  const auto parsed = mlmon::go::parse_uint(s, 0);
  if (parsed && out != nullptr) *out = parsed.value;
  return static_cast<bool>(parsed);
}

std::optional<std::int64_t> parse_int(std::string_view s) {
  const auto parsed = mlmon::go::parse_int(s, 0);
  if (!parsed) return std::nullopt;
  return parsed.value;
}

bool parse_int_ok(std::string_view s) { return parse_int(s).has_value(); }

using mlmon::go::NumError;

// strconv.ParseFloat(s, 64); *value gets the result (±Inf on overflow).
NumError parse_float(std::string_view s, double* value = nullptr) {
  const auto parsed = mlmon::go::parse_float(s);
  if (value != nullptr) *value = parsed.value;
  return parsed.error;
}

std::string parse_float_error(std::string_view token, NumError error) {
  return mlmon::go::number_error_text("ParseFloat", token, error);
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
      const NumError result = parse_float(token.substr(0, p));
      if (result != NumError::none) return parse_float_error(token, result);
      return std::nullopt;
    }
    const NumError result = parse_float(token);
    if (result != NumError::none) return parse_float_error(token, result);
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
    if (parse_float(text.substr(0, text.size() - 1), &imaginary) == NumError::none) {
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
  } else if (double f = 0; parse_float(text, &f) == NumError::none) {
    n.is_float = true;
    n.float64 = f;
    promote_integral(n);
  }
  return n;
}

std::variant<double, std::string> parse_float64(std::string_view text) {
  double value = 0;
  const NumError result = parse_float(text, &value);
  if (result == NumError::none) return value;
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
  if (!text.empty() && text.back() == 'i' && parse_float(text.substr(0, text.size() - 1)) == NumError::none) {
    return std::nullopt;
  }
  if (parse_uint_ok(text) || parse_int_ok(text)) return std::nullopt;
  if (parse_float(text) == NumError::none) {
    // A float that looks like an integer is an integer too large for 64 bits.
    if (text.find_first_of(".eEpP") == std::string_view::npos) return fmt::format("integer overflow: {}", quote(text));
    return std::nullopt;
  }
  return fmt::format("illegal number syntax: {}", quote(text));
}

}  // namespace mlmon::gotemplate::go
