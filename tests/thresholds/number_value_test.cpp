#include "thresholds/number_value.hpp"

#include <doctest/doctest.h>

using mlmon::thresholds::format_like;
using mlmon::thresholds::NumberValue;
using mlmon::thresholds::parse_number_value;

namespace {

NumberValue value_of(std::string_view text) {
  auto v = parse_number_value(text);
  REQUIRE_MESSAGE(v.has_value(), v.error().message);
  return *v;
}

std::string error_of(std::string_view text) {
  auto v = parse_number_value(text);
  REQUIRE_FALSE(v.has_value());
  return v.error().message;
}

}  // namespace

TEST_CASE("parse_number_value accepts what PromQL reads as a number") {
  CHECK(value_of("0.25").value == 0.25);
  CHECK(value_of("1e5").value == 100000);
  CHECK(value_of("100000").value == 100000);
  CHECK(value_of("1_000").value == 1000);
  CHECK(value_of(".5").value == 0.5);
  CHECK(value_of("0x1f").value == 31);
  CHECK(value_of("-3").value == -3);
  CHECK(value_of("+3").value == 3);
  CHECK(value_of(" 7 ").text == "7");
  CHECK(value_of("0755").value == 493);  // octal, as strconv.ParseInt(s, 0, 64) reads it
  const NumberValue hours = value_of("26h");
  CHECK(hours.is_duration);
  CHECK(hours.value == 93600);
  CHECK(value_of("Inf").value > 1e308);
}

TEST_CASE("parse_number_value rejects anything else, quoting it") {
  CHECK(error_of("abc") == "invalid threshold \"abc\": expected a number such as 0.25, 1e5 or 100000");
  CHECK(error_of("") == "invalid threshold \"\": expected a number such as 0.25, 1e5 or 100000");
  CHECK(error_of("1 2") == "invalid threshold \"1 2\": expected a number such as 0.25, 1e5 or 100000");
  CHECK(error_of("5 # x") == "invalid threshold \"5 # x\": expected a number such as 0.25, 1e5 or 100000");
  CHECK(error_of("0.5)") == "invalid threshold \"0.5)\": expected a number such as 0.25, 1e5 or 100000");
  CHECK(error_of("--5") == "invalid threshold \"--5\": expected a number such as 0.25, 1e5 or 100000");
  CHECK(error_of("1e999") == "invalid threshold \"1e999\": strconv.ParseFloat: parsing \"1e999\": value out of range");
}

TEST_CASE("format_like keeps the old literal's style where the value allows") {
  // Integer-looking stays integer-looking.
  CHECK(format_like("100000", false, value_of("1.5e5")) == "150000");
  CHECK(format_like("100000", false, value_of("200000")) == "200000");
  CHECK(format_like("100000", false, value_of("26h")) == "93600");
  CHECK(format_like("100_000", false, value_of("250000")) == "250_000");
  CHECK(format_like("100_000", false, value_of("1000")) == "1_000");
  CHECK(format_like("100_000", false, value_of("100")) == "100");
  CHECK(format_like("5", false, value_of("0.5")) == "0.5");
  CHECK(format_like("5", false, value_of("1e-3")) == "0.001");
  // Decimals: the user's text when it is a plain decimal, else the shortest decimal.
  CHECK(format_like("0.5", false, value_of("0.25")) == "0.25");
  CHECK(format_like("0.5", false, value_of("0.250")) == "0.250");
  CHECK(format_like("0.5", false, value_of("1")) == "1");
  CHECK(format_like("0.5", false, value_of("2.5e-1")) == "0.25");
  CHECK(format_like("0.5", false, value_of("0x10")) == "16");
  CHECK(format_like("0.5", false, value_of("-0.75")) == "0.75");   // the caller writes the sign
  CHECK(format_like("0.5", false, value_of("1e-30")) == "1e-30");  // too long as a decimal
  // Exponents.
  CHECK(format_like("1e5", false, value_of("200000")) == "2e5");
  CHECK(format_like("1e5", false, value_of("250000")) == "2.5e5");
  CHECK(format_like("1E5", false, value_of("0.001")) == "1E-3");
  CHECK(format_like("1e+5", false, value_of("300000")) == "3e+5");
  CHECK(format_like("1e5", false, value_of("3.5e7")) == "3.5e7");
  // Hex.
  CHECK(format_like("0x1f", false, value_of("32")) == "0x20");
  CHECK(format_like("0X1F", false, value_of("255")) == "0XFF");
  CHECK(format_like("0x1f", false, value_of("2.5")) == "2.5");
  // Durations used as numbers.
  CHECK(format_like("10m", true, value_of("15m")) == "15m");
  CHECK(format_like("10m", true, value_of("5400")) == "1h30m");
  CHECK(format_like("10m", true, value_of("0.25")) == "250ms");
  CHECK(format_like("10m", true, value_of("0.0001")) == "0.0001");
  CHECK(format_like("0.5", false, value_of("90s")) == "90");
  // Inf and NaN have one spelling each.
  CHECK(format_like("5", false, value_of("+Inf")) == "Inf");
  CHECK(format_like("Inf", false, value_of("5")) == "5");
}
