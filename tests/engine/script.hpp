// Unit tests written as promqltest scripts (Prometheus's engine-test format): compact, and each
// eval also runs Prometheus's extra checks (@ variants, range mode).
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "engine/promqltest.hpp"

namespace mlmon::engine::testing {

// Runs the script with every parser feature enabled; every eval must pass.
inline void check_script(const std::string& script, promql::Features features = promql::Features::all()) {
  const auto result = promqltest::run_script(script, {features});
  REQUIRE_MESSAGE(!result.error, "line " << result.error_line << ": " << result.error.value_or(""));
  REQUIRE(!result.evals.empty());
  for (const auto& e : result.evals) {
    std::string got;
    for (const auto& g : e.got) got += "\n    " + g;
    CHECK_MESSAGE(e.status == promqltest::Status::passed, "line " << e.line << ": " << e.command << "\n  "
                                                                  << promqltest::to_string(e.status) << ": "
                                                                  << e.message << "\n  got:" << got);
  }
}

}  // namespace mlmon::engine::testing
