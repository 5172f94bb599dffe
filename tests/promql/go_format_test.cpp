#include "promql/go_format.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlmon::promql;

TEST_CASE("go_format: FormatFloat and %v") {
  CHECK(go::format_float(1) == "1");
  CHECK(go::format_float(0.1) == "0.1");
  CHECK(go::format_float(-2.5) == "-2.5");
  CHECK(go::format_float(1e21) == "1000000000000000000000");
  CHECK(go::format_float(1e-7) == "0.0000001");
  CHECK(go::format_float(INFINITY) == "+Inf");
  CHECK(go::format_float(-INFINITY) == "-Inf");
  CHECK(go::format_float(NAN) == "NaN");
  CHECK(go::format_float_v(1e6) == "1e+06");
  CHECK(go::format_float_v(100000) == "100000");
  CHECK(go::format_float_v(0.0001) == "0.0001");
  CHECK(go::format_float_v(0.00001) == "1e-05");
  CHECK(go::format_float_v(1.5) == "1.5");
}

TEST_CASE("go_format: ParseInt(s, 0, 64) then ParseFloat") {
  CHECK(*go::parse_number("0x1F") == 31);
  CHECK(*go::parse_number("0755") == 493);
  CHECK(*go::parse_number("0o17") == 15);
  CHECK(*go::parse_number("0b101") == 5);
  CHECK(*go::parse_number("09") == 9);
  CHECK(*go::parse_number("1_000") == 1000);
  CHECK(*go::parse_number("1_000.5") == 1000.5);
  CHECK(*go::parse_number(".5") == 0.5);
  CHECK(*go::parse_number("5.") == 5);
  CHECK(*go::parse_number("1e-3") == 0.001);
  CHECK(std::isinf(*go::parse_number("Inf")));
  CHECK(std::isinf(*go::parse_number("infinity")));
  CHECK(std::isnan(*go::parse_number("NAN")));
  CHECK(*go::parse_number("1e-400") == 0);
  CHECK(*go::parse_number("99999999999999999999") == 1e20);
  CHECK(go::parse_number("1e999").error().message == "strconv.ParseFloat: parsing \"1e999\": value out of range");
  CHECK(go::parse_number("0x1e.5").error().message == "strconv.ParseFloat: parsing \"0x1e.5\": invalid syntax");
  CHECK(!go::parse_number("1__0"));
}

TEST_CASE("go_format: Unquote") {
  std::string out;
  CHECK(go::unquote("\"a\\tb\"", out));
  CHECK(out == "a\tb");
  CHECK(go::unquote("'a\"b'", out));
  CHECK(out == "a\"b");
  CHECK(go::unquote("`a\\tb`", out));
  CHECK(out == "a\\tb");
  CHECK(go::unquote("\"\\xff\\377\\u00e9\"", out));
  CHECK(out == "\xff\xff\xc3\xa9");
  CHECK(!go::unquote("\"\\q\"", out));
  CHECK(!go::unquote("\"a", out));
  CHECK(go::unquote_is_identity("\"abc\""));
  CHECK(!go::unquote_is_identity("\"a\\nb\""));
}
