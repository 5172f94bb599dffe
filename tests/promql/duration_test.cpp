#include "promql/duration.hpp"

#include <doctest/doctest.h>

using namespace mlmon::promql;

TEST_CASE("duration: Prometheus durations parse to milliseconds") {
  CHECK(*parse_duration_ms("0") == 0);
  CHECK(*parse_duration_ms("5m") == 300000);
  CHECK(*parse_duration_ms("1h30m") == 5400000);
  CHECK(*parse_duration_ms("1y2w3d4h5m6s7ms") == ((((365LL + 14 + 3) * 24 + 4) * 60 + 5) * 60 + 6) * 1000 + 7);
  CHECK(*parse_duration_ms("500ms") == 500);
  CHECK(*parse_duration_ms("0s") == 0);
  CHECK(*parse_duration_ns("1ms") == 1000000);
}

TEST_CASE("duration: errors use model.ParseDuration's words") {
  CHECK(parse_duration_ms("").error().message == "empty duration string");
  for (const char* bad : {"5", "-5m", "30m1h", "5m5m", "m", "1ms1s"}) {
    INFO(bad);
    CHECK(parse_duration_ms(bad).error().message == std::string("not a valid duration string: \"") + bad + "\"");
  }
  CHECK(parse_duration_ms("1.5h").error().message == "unknown unit \".\" in duration \"1.5h\"");
  CHECK(parse_duration_ms("5x").error().message == "unknown unit \"x\" in duration \"5x\"");
  CHECK(parse_duration_ms("4hours").error().message == "unknown unit \"hours\" in duration \"4hours\"");
  CHECK(parse_duration_ms("1H").error().message == "unknown unit \"H\" in duration \"1H\"");
  CHECK(parse_duration_ms("5x", /*legacy_wording=*/true).error().message == "not a valid duration string: \"5x\"");
  CHECK(parse_duration_ms("2562048h").error().message == "duration out of range");
  CHECK(parse_duration_ms("300y").error().message == "duration out of range");
  CHECK(parse_duration_ms("2562047h").has_value());
}

TEST_CASE("duration: model.Duration.String") {
  CHECK(format_duration_ms(0) == "0s");
  CHECK(format_duration_ms(5400000) == "1h30m");
  CHECK(format_duration_ms(90LL * 24 * 3600 * 1000) == "90d");
  CHECK(format_duration_ms(14LL * 24 * 3600 * 1000) == "2w");
  CHECK(format_duration_ms(365LL * 24 * 3600 * 1000) == "1y");
  CHECK(format_duration_ms(366LL * 24 * 3600 * 1000) == "366d");
  CHECK(format_duration_ms(1500) == "1s500ms");
  CHECK(format_duration_ms(-60000) == "-1m");
}
