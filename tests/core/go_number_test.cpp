// strconv's ParseFloat, ParseUint and ParseInt as Go has them: the one implementation PromQL's
// numbers, the series notation and text/template's constants all go through.
#include "core/go_number.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace mlmon::go {

namespace {

double value_of(std::string_view s) {
  const auto parsed = parse_float(s);
  REQUIRE_MESSAGE(parsed, s);
  return parsed.value;
}

NumError float_error(std::string_view s) { return parse_float(s).error; }

}  // namespace

TEST_CASE("go::parse_float: decimal literals") {
  CHECK(value_of("0") == 0);
  CHECK(value_of("1") == 1);
  CHECK(value_of("+1") == 1);
  CHECK(value_of("-1.5") == -1.5);
  CHECK(value_of(".5") == 0.5);
  CHECK(value_of("5.") == 5);
  CHECK(value_of("1e3") == 1000);
  CHECK(value_of("1E+3") == 1000);
  CHECK(value_of("1e-3") == 0.001);
  CHECK(value_of("0755") == 755);  // no octal in ParseFloat
  CHECK(value_of("99999999999999999999") == 1e20);
  CHECK(std::signbit(value_of("-0")));
  for (const char* bad : {"", "+", "-", ".", "e3", "1e", "1e+", "1.2.3", "1x", "abc", " 1", "1 ", "--1", "1e3.5"}) {
    CHECK_MESSAGE(float_error(bad) == NumError::syntax, bad);
  }
}

TEST_CASE("go::parse_float: underscores only where underscoreOK allows them") {
  CHECK(value_of("1_000") == 1000);
  CHECK(value_of("1_000.5") == 1000.5);
  CHECK(value_of("1_0e1_0") == 1e11);
  CHECK(value_of("-1_000") == -1000);
  CHECK(value_of("0x_1p0") == 1);  // between the base prefix and a digit
  for (const char* bad : {"_1", "1_", "1__0", "1_.5", "1._5", "1e_3", "1_e3", "1e3_", "0x1_p0"}) {
    CHECK_MESSAGE(float_error(bad) == NumError::syntax, bad);
  }
}

TEST_CASE("go::parse_float: hexadecimal floats need a p exponent") {
  CHECK(value_of("0x1p0") == 1);
  CHECK(value_of("0X1P3") == 8);
  CHECK(value_of("0x1.8p1") == 3);
  CHECK(value_of("0x.8p0") == 0.5);
  CHECK(value_of("-0x1p-2") == -0.25);
  CHECK(value_of("0x1Fp0") == 31);
  for (const char* bad : {"0x1F", "0x1.8", "0x", "0xp1", "0x1e.5", "0x1p", "0x1g", "1p3"}) {
    CHECK_MESSAGE(float_error(bad) == NumError::syntax, bad);
  }
  CHECK(float_error("0x1p99999") == NumError::range);
}

TEST_CASE("go::parse_float: infinity and NaN spellings") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(value_of("inf") == inf);
  CHECK(value_of("Inf") == inf);
  CHECK(value_of("+INF") == inf);
  CHECK(value_of("-inf") == -inf);
  CHECK(value_of("infinity") == inf);
  CHECK(value_of("-Infinity") == -inf);
  CHECK(std::isnan(value_of("nan")));
  CHECK(std::isnan(value_of("NaN")));
  CHECK(std::isnan(value_of("NAN")));
  // Go's special() lets only an infinity carry a sign, and takes no other prefix of "infinity".
  for (const char* bad : {"+nan", "-NaN", "infin", "infinityy", "in", "na", "nan1", "inf_"}) {
    CHECK_MESSAGE(float_error(bad) == NumError::syntax, bad);
  }
}

TEST_CASE("go::parse_float: overflow is an error, underflow rounds to zero") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(float_error("1e999") == NumError::range);
  CHECK(parse_float("1e999").value == inf);
  CHECK(parse_float("-1e999").value == -inf);
  CHECK(float_error(std::string(400, '9')) == NumError::range);
  CHECK(float_error(std::string(400, '1') + "e-10") == NumError::range);
  CHECK(value_of("1e-400") == 0);
  CHECK(std::signbit(value_of("-1e-400")));
  CHECK(value_of("0." + std::string(400, '0') + "1") == 0);  // underflow without an exponent
  CHECK(value_of("0e999999") == 0);                          // zero never overflows
  CHECK(value_of("1.7976931348623157e308") == std::numeric_limits<double>::max());
}

TEST_CASE("go::parse_uint and go::parse_int: base 0 prefixes, base 10, range") {
  CHECK(parse_uint("0", 0).value == 0);
  CHECK(parse_uint("0x1F", 0).value == 31);
  CHECK(parse_uint("0X1f", 0).value == 31);
  CHECK(parse_uint("0755", 0).value == 493);
  CHECK(parse_uint("0o17", 0).value == 15);
  CHECK(parse_uint("0b101", 0).value == 5);
  CHECK(parse_uint("1_000", 0).value == 1000);
  CHECK(parse_uint("0x_1F", 0).value == 31);
  CHECK(parse_uint("18446744073709551615", 0).value == std::numeric_limits<std::uint64_t>::max());
  for (const char* bad : {"", "09", "0x", "0b", "0b2", "0o8", "1__0", "_1", "1_", "+1", "-1", "1.5", "0x1g"}) {
    CHECK_MESSAGE(parse_uint(bad, 0).error == NumError::syntax, bad);
  }
  CHECK(parse_uint("18446744073709551616", 0).error == NumError::range);
  CHECK(parse_uint("18446744073709551616", 0).value == std::numeric_limits<std::uint64_t>::max());
  // Base 10: no prefixes, no underscores; Go reports the first overflow before a later bad byte.
  CHECK(parse_uint("0755", 10).value == 755);
  CHECK(parse_uint("1_000", 10).error == NumError::syntax);
  CHECK(parse_uint("0x1F", 10).error == NumError::syntax);
  CHECK(parse_uint("1.5", 10).error == NumError::syntax);
  CHECK(parse_uint("99999999999999999999", 10).error == NumError::range);
  CHECK(parse_uint("99999999999999999999.5", 10).error == NumError::range);

  CHECK(parse_int("-5", 0).value == -5);
  CHECK(parse_int("+0x10", 0).value == 16);
  CHECK(parse_int("-0", 0).value == 0);
  CHECK(parse_int("9223372036854775807", 0).value == std::numeric_limits<std::int64_t>::max());
  CHECK(parse_int("-9223372036854775808", 0).value == std::numeric_limits<std::int64_t>::min());
  CHECK(parse_int("9223372036854775808", 0).error == NumError::range);
  CHECK(parse_int("-9223372036854775809", 0).error == NumError::range);
  CHECK(parse_int("-", 0).error == NumError::syntax);
  CHECK(parse_int("--1", 0).error == NumError::syntax);
}

TEST_CASE("go::number_error_text is strconv.NumError's text") {
  CHECK(number_error_text("ParseFloat", "1e999", NumError::range) ==
        "strconv.ParseFloat: parsing \"1e999\": value out of range");
  CHECK(number_error_text("ParseFloat", "one", NumError::syntax) ==
        "strconv.ParseFloat: parsing \"one\": invalid syntax");
  CHECK(number_error_text("ParseUint", "1.5", NumError::syntax) ==
        "strconv.ParseUint: parsing \"1.5\": invalid syntax");
}

TEST_CASE("go::underscores_ok") {
  CHECK(underscores_ok("1_000"));
  CHECK(underscores_ok("-1_000"));
  CHECK(underscores_ok("0x_1F"));
  CHECK(underscores_ok("0b_1"));
  CHECK_FALSE(underscores_ok("1__0"));
  CHECK_FALSE(underscores_ok("_1"));
  CHECK_FALSE(underscores_ok("1_"));
  CHECK_FALSE(underscores_ok("1_.5"));
}

}  // namespace mlmon::go
