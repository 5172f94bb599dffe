// The test support that reports the corpus suite as skipped (exit 77) when the corpus is missing.
#include <doctest/doctest.h>

#include <iostream>
#include <sstream>
#include <vector>

#include "corpus.hpp"

namespace {

using mlmon::testing::run_tests;
using mlmon::testing::selects_corpus_suite;

bool selects(std::vector<const char*> args) {
  args.insert(args.begin(), "test_x");
  return selects_corpus_suite(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("the corpus suite is selected by --test-suite=corpus or -ts=, alone or in a list") {
  CHECK(selects({"--test-suite=corpus"}));
  CHECK(selects({"-ts=corpus"}));
  CHECK(selects({"--no-colors", "--test-suite=yaml,corpus"}));
  CHECK_FALSE(selects({}));
  CHECK_FALSE(selects({"--test-suite-exclude=corpus"}));
  CHECK_FALSE(selects({"--test-suite=corpus2"}));
  CHECK_FALSE(selects({"--test-case=corpus"}));
}

TEST_CASE("without the corpus the corpus suite exits 77 and names what is missing") {
  std::ostringstream captured;
  std::streambuf* const old = std::cout.rdbuf(captured.rdbuf());
  std::vector<const char*> args{"test_x", "--test-suite=corpus"};
  const int code =
      run_tests(static_cast<int>(args.size()), const_cast<char**>(args.data()), "/nonexistent/x/../corpus");
  std::cout.rdbuf(old);
  CHECK(code == 77);
  CHECK(captured.str() == "SKIPPED: needs the conformance corpus at /nonexistent/corpus (not found)\n");
}
