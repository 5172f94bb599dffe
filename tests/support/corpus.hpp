// The doctest main of test folders whose tests read the conformance corpus (../shared/corpus),
// which a user's clone does not have. Those test cases are in the doctest suite "corpus", and
// ctest runs each binary twice: `<module>` with --test-suite-exclude=corpus, and `<module>_corpus`
// with --test-suite=corpus and SKIP_RETURN_CODE 77. Without the corpus the second run exits 77,
// saying what is missing: ctest reports it skipped, never passed. Inside the suite a missing file
// is a failure (REQUIRE), never an early return.
#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>
#include <string_view>

namespace mlmon::testing {

/// The exit code ctest reads as "skipped" (SKIP_RETURN_CODE).
inline constexpr int kExitSkipped = 77;

/// True when the command line selects the corpus suite: --test-suite=corpus (or -ts=), alone or
/// in a comma-separated list.
inline bool selects_corpus_suite(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    for (std::string_view option : {"--test-suite=", "-ts="}) {
      if (!arg.starts_with(option)) continue;
      std::string_view list = arg.substr(option.size());
      while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (list.substr(0, comma) == "corpus") return true;
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    }
  }
  return false;
}

/// Runs doctest with the command line; when it selects the corpus suite and `corpus_dir` is not
/// a directory, prints why on stdout and returns kExitSkipped instead.
inline int run_tests(int argc, char** argv, const char* corpus_dir) {
  std::error_code ec;
  if (selects_corpus_suite(argc, argv) && !std::filesystem::is_directory(corpus_dir, ec)) {
    std::cout << "SKIPPED: needs the conformance corpus at "
              << std::filesystem::path(corpus_dir).lexically_normal().string() << " (not found)\n";
    return kExitSkipped;
  }
  doctest::Context context(argc, argv);
  return context.run();
}

}  // namespace mlmon::testing
