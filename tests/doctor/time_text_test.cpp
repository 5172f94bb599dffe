#include "doctor/time_text.hpp"

#include <doctest/doctest.h>

using namespace mlmon::doctor;

TEST_CASE("RFC 3339 times as Prometheus and Alertmanager write them") {
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0.0);
  CHECK(parse_rfc3339("2026-12-07T09:07:55Z") == 1796634475.0);
  CHECK(*parse_rfc3339("2026-12-07T09:07:55.5Z") == doctest::Approx(1796634475.5));
  CHECK(*parse_rfc3339("2026-12-07T10:07:55.25+01:00") == doctest::Approx(1796634475.25));
  CHECK(*parse_rfc3339("2026-12-07T08:37:55-00:30") == doctest::Approx(1796634475.0));
  CHECK(*parse_rfc3339("0001-01-01T00:00:00Z") < 0);  // Go's zero time: "never"
  CHECK_FALSE(parse_rfc3339(""));
  CHECK_FALSE(parse_rfc3339("2026-12-07 09:07:55Z"));
  CHECK_FALSE(parse_rfc3339("2026-13-07T09:07:55Z"));
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55"));
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55.Z"));
  CHECK_FALSE(parse_rfc3339("2026-12-07T09:07:55Zjunk"));
}

TEST_CASE("durations for people: two units at most") {
  CHECK(human_duration(-3) == "0s");
  CHECK(human_duration(0.5) == "0s");
  CHECK(human_duration(45) == "45s");
  CHECK(human_duration(125) == "2m5s");
  CHECK(human_duration(3600) == "1h");
  CHECK(human_duration(3900) == "1h5m");
  CHECK(human_duration(3 * 86400 + 4 * 3600 + 59) == "3d4h");
  CHECK(human_duration(1e300) == "11574074074d1h");  // capped at 1e15 s
}

TEST_CASE("durations as Prometheus prints them (model.Duration)") {
  CHECK(prometheus_duration(0) == "0s");
  CHECK(prometheus_duration(300) == "5m");
  CHECK(prometheus_duration(90) == "1m30s");
  CHECK(prometheus_duration(5400) == "1h30m");
  CHECK(prometheus_duration(1.5) == "1s500ms");
  CHECK(prometheus_duration(7 * 86400) == "1w");
  CHECK(prometheus_duration(8 * 86400) == "8d");  // weeks only when exact
  CHECK(prometheus_duration(365 * 86400) == "1y");
}
