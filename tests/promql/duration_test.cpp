#include <doctest/doctest.h>

#include "promql/duration.hpp"

using namespace mlmon::promql;

TEST_CASE("duration: Prometheus durations parse to milliseconds") {
    std::string err;
    CHECK(*parse_duration_ms("0", &err) == 0);
    CHECK(*parse_duration_ms("5m", &err) == 300000);
    CHECK(*parse_duration_ms("1h30m", &err) == 5400000);
    CHECK(*parse_duration_ms("1y2w3d4h5m6s7ms", &err) ==
          ((((365LL + 14 + 3) * 24 + 4) * 60 + 5) * 60 + 6) * 1000 + 7);
    CHECK(*parse_duration_ms("500ms", &err) == 500);
    CHECK(*parse_duration_ms("0s", &err) == 0);
    CHECK(*parse_duration_ns("1ms", &err) == 1000000);
}

TEST_CASE("duration: errors use model.ParseDuration's words") {
    std::string err;
    CHECK(!parse_duration_ms("", &err));
    CHECK(err == "empty duration string");
    for (const char* bad : {"5", "-5m", "30m1h", "5m5m", "m", "1ms1s"}) {
        INFO(bad);
        CHECK(!parse_duration_ms(bad, &err));
        CHECK(err == std::string("not a valid duration string: \"") + bad + "\"");
    }
    CHECK(!parse_duration_ms("1.5h", &err));
    CHECK(err == "unknown unit \".\" in duration \"1.5h\"");
    CHECK(!parse_duration_ms("5x", &err));
    CHECK(err == "unknown unit \"x\" in duration \"5x\"");
    CHECK(!parse_duration_ms("4hours", &err));
    CHECK(err == "unknown unit \"hours\" in duration \"4hours\"");
    CHECK(!parse_duration_ms("1H", &err));
    CHECK(err == "unknown unit \"H\" in duration \"1H\"");
    CHECK(!parse_duration_ms("5x", &err, /*legacy_wording=*/true));
    CHECK(err == "not a valid duration string: \"5x\"");
    CHECK(!parse_duration_ms("2562048h", &err));
    CHECK(err == "duration out of range");
    CHECK(!parse_duration_ms("300y", &err));
    CHECK(err == "duration out of range");
    CHECK(parse_duration_ms("2562047h", &err).has_value());
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
