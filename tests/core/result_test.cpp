#include "core/result.hpp"

#include <doctest/doctest.h>

#include <memory>

using mlmon::Error;
using mlmon::fail;
using mlmon::Result;

namespace {

Result<int> number(bool ok) {
  if (!ok) return fail("no number");
  return 7;
}

Result<void> nothing(bool ok) {
  if (!ok) return fail("no nothing");
  return {};
}

int steps = 0;

Result<int> doubled(bool ok) {
  const int n = MLMON_TRY(number(ok));
  ++steps;  // reached only when number() succeeded
  return 2 * n;
}

Result<int> after_void(bool ok) {
  MLMON_TRY(nothing(ok));
  return 1;
}

// A move-only value comes out by move.
Result<std::unique_ptr<int>> boxed() { return std::make_unique<int>(3); }
Result<int> unboxed() {
  std::unique_ptr<int> box = MLMON_TRY(boxed());
  return *box;
}

// Any std::expected error type propagates, not only Error.
std::expected<int, std::string> other(bool ok) {
  if (!ok) return std::unexpected(std::string("other"));
  return 1;
}
std::expected<int, std::string> other_plus_one(bool ok) { return MLMON_TRY(other(ok)) + 1; }

}  // namespace

TEST_CASE("MLMON_TRY yields the value or returns the error") {
  steps = 0;
  CHECK(doubled(true) == 14);
  CHECK(steps == 1);
  const auto failed = doubled(false);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message == "no number");
  CHECK(steps == 1);

  CHECK(after_void(true) == 1);
  REQUIRE_FALSE(after_void(false));
  CHECK(after_void(false).error().message == "no nothing");

  CHECK(unboxed() == 3);
  CHECK(other_plus_one(true) == 2);
  CHECK(other_plus_one(false).error() == "other");
}
