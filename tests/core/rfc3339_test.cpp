#include "core/rfc3339.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string_view>

using mlmon::parse_rfc3339;
using mlmon::Rfc3339Mode;

namespace {

// Whole seconds of `text` in `mode`, or nullopt when it is refused.
std::optional<std::int64_t> seconds(std::string_view text, Rfc3339Mode mode) {
  const auto t = parse_rfc3339(text, mode);
  if (!t) return std::nullopt;
  return t->seconds;
}

}  // namespace

TEST_CASE("RFC 3339: what both modes read alike") {
  for (const Rfc3339Mode mode : {Rfc3339Mode::strict, Rfc3339Mode::lenient}) {
    CAPTURE(static_cast<int>(mode));
    CHECK(seconds("1970-01-01T00:00:00Z", mode) == 0);
    CHECK(seconds("2026-12-07T09:07:55Z", mode) == 1796634475);
    CHECK(seconds("2026-12-07T10:07:55+01:00", mode) == 1796634475);
    CHECK(seconds("2026-12-07T08:37:55-00:30", mode) == 1796634475);
    CHECK(seconds("2026-12-08T09:06:55+23:59", mode) == 1796634475);
    CHECK(seconds("2024-02-29T00:00:00Z", mode) == 1709164800);
    CHECK(seconds("2000-02-29T00:00:00Z", mode) == 951782400);
    CHECK(seconds("1969-12-31T23:59:59Z", mode) == -1);
    CHECK(seconds("0001-01-01T00:00:00Z", mode) == -62135596800);  // Go's zero time
    CHECK(seconds("0000-01-01T00:00:00Z", mode) == -62167219200);
    CHECK(seconds("9999-12-31T23:59:59Z", mode) == 253402300799);
    CHECK(seconds("2026-12-07T09:07:59Z", mode) == 1796634479);
    CHECK(seconds("2026-04-30T00:00:00Z", mode) == 1777507200);
    CHECK(seconds("2026-12-31T00:00:00Z", mode) == 1798675200);

    auto t = parse_rfc3339("2026-12-07T09:07:55.5Z", mode);
    REQUIRE(t);
    CHECK(t->seconds == 1796634475);
    CHECK(t->nanos == 500'000'000);
    CHECK(t->fraction == 0.5);
    t = parse_rfc3339("2026-12-07T10:07:55.25+01:00", mode);
    REQUIRE(t);
    CHECK(t->seconds == 1796634475);
    CHECK(t->nanos == 250'000'000);
    t = parse_rfc3339("2026-12-07T09:07:55.123456789Z", mode);
    REQUIRE(t);
    CHECK(t->nanos == 123'456'789);
    CHECK(t->fraction == doctest::Approx(0.123456789));
    t = parse_rfc3339("1969-12-31T23:59:59.75Z", mode);  // before 1970: the fraction still counts forward
    REQUIRE(t);
    CHECK(t->seconds == -1);
    CHECK(t->nanos == 750'000'000);

    for (const std::string_view bad : {
             "",
             "2026-12-07",
             "2026-12-07T09:07Z",             // no seconds
             "2026-12-07T09:07:55",           // no zone
             "2026-12-07 09:07:55Z",          // a space for the T
             "2026-12-07T09:07:55.Z",         // a point without digits
             "2026-12-07T09:07:55,Z",         // a comma without digits
             "2026-12-07T09:07:55Zjunk",      // something after the zone
             "2026-12-07T09:07:55+01:00:00",  // offset seconds
             "2026-12-07T09:07:55+0100",      // offset without the colon
             "2026-12-07T09:07:55+01",        // offset hours alone
             "2026-12-07T09:07:55UTC",
             "+2026-12-07T09:07:55Z",
             "-0001-12-07T09:07:55Z",
             "12026-12-07T09:07:55Z",
             "2026-1-07T09:07:55Z",
             "2026-12-7T09:07:55Z",
             "2026-12-07T9:07:55Z",
             "2026/12/07T09:07:55Z",
             "2026-13-07T09:07:55Z",
             "2026-00-07T09:07:55Z",
             "2026-12-00T09:07:55Z",
             "2026-12-32T09:07:55Z",
             "2026-12-07T24:00:00Z",
             "2026-12-07T09:60:00Z",
             "2026-12-07T09:07:61Z",
             "2026-12-07T09:07:55.5.5Z",
             "2026-12-07T09:07:55.1e3Z",
         }) {
      CAPTURE(bad);
      CHECK_FALSE(parse_rfc3339(bad, mode));
    }
  }
}

TEST_CASE("RFC 3339: where the strict and the lenient mode differ") {
  constexpr auto strict = Rfc3339Mode::strict;
  constexpr auto lenient = Rfc3339Mode::lenient;

  // A lowercase 't' or 'z'.
  CHECK_FALSE(parse_rfc3339("2026-12-07t09:07:55Z", strict));
  CHECK(seconds("2026-12-07t09:07:55Z", lenient) == 1796634475);
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55z", strict));
  CHECK(seconds("2026-12-07T09:07:55z", lenient) == 1796634475);
  CHECK(seconds("2026-12-07t09:07:55.5z", lenient) == 1796634475);

  // A leap second: the lenient mode counts it as the next minute's first.
  CHECK_FALSE(parse_rfc3339("2016-12-31T23:59:60Z", strict));
  CHECK(seconds("2016-12-31T23:59:60Z", lenient) == seconds("2017-01-01T00:00:00Z", lenient));
  CHECK(seconds("2016-12-31T23:59:60Z", lenient) == 1483228800);

  // A comma before the fraction.
  auto t = parse_rfc3339("2026-12-07T09:07:55,25Z", strict);
  REQUIRE(t);
  CHECK(t->seconds == 1796634475);
  CHECK(t->nanos == 250'000'000);
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55,25Z", lenient));

  // Digits after the ninth: the nanoseconds stop there, the lenient fraction does not. Both modes
  // accept the text.
  for (const Rfc3339Mode mode : {strict, lenient}) {
    t = parse_rfc3339("2026-12-07T09:07:55.1234567899999Z", mode);
    REQUIRE(t);
    CHECK(t->nanos == 123'456'789);
    CHECK(t->fraction > 0.123456789);
    t = parse_rfc3339("1970-01-01T00:00:00.0000000009Z", mode);
    REQUIRE(t);
    CHECK(t->nanos == 0);
    CHECK(t->fraction == doctest::Approx(9e-10).epsilon(1e-6));
  }

  // Offsets out of range.
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55+24:00", strict));
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55-00:60", strict));
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55+99:99", strict));
  CHECK(seconds("2026-12-07T09:07:55+24:00", lenient) == 1796634475 - 86400);
  CHECK(seconds("2026-12-07T09:07:55-00:60", lenient) == 1796634475 + 3600);
  CHECK(seconds("2026-12-07T09:07:55+99:99", lenient) == 1796634475 - (99 * 60 + 99) * 60);

  // Days past the month's end: the lenient mode counts on into the next month.
  CHECK_FALSE(parse_rfc3339("2023-02-29T00:00:00Z", strict));
  CHECK_FALSE(parse_rfc3339("1900-02-29T00:00:00Z", strict));
  CHECK_FALSE(parse_rfc3339("2024-02-30T00:00:00Z", strict));
  CHECK_FALSE(parse_rfc3339("2026-04-31T00:00:00Z", strict));
  CHECK(seconds("2023-02-29T00:00:00Z", lenient) == seconds("2023-03-01T00:00:00Z", lenient));
  CHECK(seconds("1900-02-29T00:00:00Z", lenient) == seconds("1900-03-01T00:00:00Z", lenient));
  CHECK(seconds("2024-02-30T00:00:00Z", lenient) == seconds("2024-03-01T00:00:00Z", lenient));
  CHECK(seconds("2026-02-31T00:00:00Z", lenient) == seconds("2026-03-03T00:00:00Z", lenient));
  CHECK(seconds("2026-04-31T00:00:00Z", lenient) == seconds("2026-05-01T00:00:00Z", lenient));
  CHECK(seconds("2000-02-29T00:00:00Z", strict) == seconds("2000-02-29T00:00:00Z", lenient));
}
