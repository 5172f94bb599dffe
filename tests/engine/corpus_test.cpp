// Conformance: Prometheus's own engine tests (shared/corpus/promqltest/testdata, v3.14). Every
// eval that needs neither native histograms nor a feature flag passes; with all four flags the
// experimental evals on floats pass too; the rest is unsupported, never a wrong answer.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "engine/promqltest.hpp"
#include "read_text.hpp"

namespace fs = std::filesystem;
using namespace mlmon;
using namespace mlmon::engine;

namespace {

const char* const kFiles[] = {
    "aggregators.test",
    "at_modifier.test",
    "collision.test",
    "duration_expression.test",
    "extended_vectors.test",
    "fill-modifier.test",
    "functions.test",
    "histograms.test",
    "info.test",
    "limit.test",
    "literals.test",
    "name_label_dropping.test",
    "native_histograms.test",
    "operators.test",
    "range_queries.test",
    "selectors.test",
    "staleness.test",
    "start_timestamps.test",
    "subquery.test",
    "trig_functions.test",
    "type_and_unit.test",
};

struct Totals {
  size_t passed = 0;
  size_t failed = 0;
  size_t unsupported = 0;
};

Totals run_corpus(const promql::Features& features) {
  Totals t;
  const fs::path dir = fs::path(MLMON_CORPUS_DIR) / "promqltest" / "testdata";
  for (const char* name : kFiles) {
    const fs::path path = dir / name;
    REQUIRE_MESSAGE(fs::exists(path), "missing corpus file " << path.string());
    const std::string text = mlmon::testing::read_text(path.string());
    const auto result = promqltest::run_script(text, {features});
    CHECK_MESSAGE(!result.error, name << ":" << result.error_line << ": " << result.error.value_or(""));
    for (const auto& e : result.evals) {
      CHECK_MESSAGE(e.status != promqltest::Status::failed,
                    name << ":" << e.line << ": " << e.command << ": " << e.message);
    }
    t.passed += result.count(promqltest::Status::passed);
    t.failed += result.count(promqltest::Status::failed);
    t.unsupported += result.count(promqltest::Status::unsupported);
  }
  return t;
}

}  // namespace

TEST_SUITE("corpus") {
  TEST_CASE("promqltest corpus: every eval without native histograms or feature flags passes") {
    const Totals t = run_corpus(promql::Features{});
    CHECK(t.failed == 0);
    CHECK(t.passed == 990);
    CHECK(t.unsupported == 1205);
  }

  TEST_CASE("promqltest corpus with all feature flags: the experimental evals on floats pass too") {
    const Totals t = run_corpus(promql::Features::all());
    CHECK(t.failed == 0);
    CHECK(t.passed == 1254);
    CHECK(t.unsupported == 941);
  }
}
