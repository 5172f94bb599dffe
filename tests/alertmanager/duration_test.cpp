#include "alertmanager/duration.hpp"

#include <doctest/doctest.h>

using namespace mlmon::alertmanager;

namespace {

std::string model_error(std::string_view text) {
  const auto result = parse_model_duration(text);
  CHECK_FALSE(result.has_value());
  return result ? std::string() : result.error().message;
}

std::string go_error(std::string_view text) {
  const auto result = parse_go_duration(text);
  CHECK_FALSE(result.has_value());
  return result ? std::string() : result.error().message;
}

constexpr std::int64_t kSecond = 1000000000;

}  // namespace

TEST_CASE("model durations: valid forms") {
  CHECK(parse_model_duration("0") == 0);
  CHECK(parse_model_duration("90m") == 90 * 60 * kSecond);
  CHECK(parse_model_duration("1w2d") == 9 * 24 * 3600 * kSecond);
  CHECK(parse_model_duration("1y") == 365LL * 24 * 3600 * kSecond);
  CHECK(parse_model_duration("500ms") == 500000000);
  CHECK(parse_model_duration("1h30m") == 5400 * kSecond);
}

TEST_CASE("model durations: Alertmanager's messages") {
  CHECK(model_error("") == "empty duration string");
  CHECK(model_error("-5m") == "not a valid duration string: \"-5m\"");
  CHECK(model_error("5") == "not a valid duration string: \"5\"");
  CHECK(model_error("30m1h") == "not a valid duration string: \"30m1h\"");
  CHECK(model_error("1h1h") == "not a valid duration string: \"1h1h\"");
  CHECK(model_error("4hours") == "unknown unit \"hours\" in duration \"4hours\"");
  CHECK(model_error("1H") == "unknown unit \"H\" in duration \"1H\"");
  CHECK(model_error("1.5h") == "unknown unit \".\" in duration \"1.5h\"");
  CHECK(model_error("30 seconds") == "unknown unit \" seconds\" in duration \"30 seconds\"");
  CHECK(model_error("${GROUP_WAIT}") == "not a valid duration string: \"${GROUP_WAIT}\"");
  CHECK(model_error("2562048h") == "duration out of range");
  CHECK(model_error("99999999999999999999s") == "not a valid duration string: \"99999999999999999999s\"");
}

TEST_CASE("Go durations (time.ParseDuration)") {
  CHECK(parse_go_duration("10s") == 10 * kSecond);
  CHECK(parse_go_duration("1.5s") == 1500000000);
  CHECK(parse_go_duration("1h30m") == 5400 * kSecond);
  CHECK(parse_go_duration("-2m") == -120 * kSecond);
  CHECK(parse_go_duration("0") == 0);
  CHECK(go_error("5") == "time: missing unit in duration \"5\"");
  CHECK(go_error("5d") == "time: unknown unit \"d\" in duration \"5d\"");
  CHECK(go_error("x") == "time: invalid duration \"x\"");
  CHECK(go_error("") == "time: invalid duration \"\"");
}

TEST_CASE("Go durations: amounts out of long double's range do not throw") {
  // An overflowing amount is Go's "invalid duration"; one too small to represent is 0.
  const std::string huge = std::string(5000, '9') + "s";
  CHECK(go_error(huge) == "time: invalid duration \"" + huge + "\"");
  CHECK(parse_go_duration("0." + std::string(5000, '0') + "1s") == 0);
}
