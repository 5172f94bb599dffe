// A doctest main that reports the corpus suite as skipped (exit 77) when the shared corpus is
// missing, as it is in a user's clone, instead of letting it pass or fail.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>
#include <string_view>

namespace {

// Whether the command line selects the "corpus" test suite (--test-suite=corpus or -ts=corpus).
bool selects_corpus(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    for (std::string_view prefix : {"--test-suite=", "-ts=", "--dt-test-suite=", "--dt-ts="}) {
      if (arg.starts_with(prefix) && arg.substr(prefix.size()).find("corpus") != std::string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (selects_corpus(argc, argv)) {
    const std::filesystem::path dir = std::filesystem::path(MLMON_CORPUS_DIR) / "promqltest" / "testdata";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      std::cout << "SKIPPED: the shared corpus is missing: " << dir.string()
                << " does not exist (set -DMLMON_CORPUS_DIR to the corpus folder)\n";
      return 77;
    }
  }
  doctest::Context context(argc, argv);
  return context.run();
}
