// Bad input never crashes or hangs: every prefix of a real dashboard, bytes flipped, odd values
// where the model expects others.
#include <doctest/doctest.h>

#include "core/file_io.hpp"
#include "dashboards/dashboard_diff.hpp"
#include "helpers.hpp"

namespace mlmon::dashboards {

TEST_CASE("robustness: every truncation of a real dashboard gives one error, not a crash" *
          doctest::test_suite("corpus")) {
  const std::string path = std::string(MLMON_CORPUS_DIR) + "/dashboards/dotdc/k8s-system-coredns.json";
  const auto file = read_file(path);
  REQUIRE_MESSAGE(file.has_value(), path);
  const std::string& text = *file;
  for (std::size_t cut = 0; cut < text.size(); cut += 397) {
    Report report;
    lint_file(test::source(text.substr(0, cut)), LintOptions{}, report);
    REQUIRE(report.diagnostics().size() == 1u);
    CHECK(report.diagnostics()[0].rule_id == "dashboards/json");
  }
}

TEST_CASE("robustness: flipped bytes and swapped types lint without crashing" * doctest::test_suite("corpus")) {
  const std::string path = std::string(MLMON_CORPUS_DIR) + "/dashboards/rfmoz/apache-full.json";
  const auto file = read_file(path);
  REQUIRE_MESSAGE(file.has_value(), path);
  const std::string& text = *file;
  const std::string replacements[] = {"0", "[]", "{}", "null", "\"$x\"", "-1e999", "\"${DS_X:raw}\""};
  std::size_t linted = 0;
  for (std::size_t at = 0; at < text.size(); at += 601) {
    std::string mutated = text;
    mutated[at] = static_cast<char>(mutated[at] ^ 0x20);
    Report report;
    lint_file(test::source(mutated), LintOptions{}, report);
    // Replace the value after the next ':' with something of another type.
    const std::size_t colon = text.find(": ", at);
    if (colon == std::string::npos) continue;
    const std::size_t end = text.find_first_of(",}]\n", colon + 2);
    if (end == std::string::npos) continue;
    std::string swapped = text;
    swapped.replace(colon + 2, end - colon - 2, replacements[at % std::size(replacements)]);
    Report report2;
    lint_file(test::source(swapped), LintOptions{}, report2);
    auto a = load_dashboard(test::source(text));
    auto b = load_dashboard(test::source(swapped));
    if (a && b) {
      (void)diff_dashboards(*a, *b);
      ++linted;
    }
  }
  CHECK(linted > 40u);
}

TEST_CASE("robustness: deep nesting inside a panel is refused; 128 levels are fine") {
  std::string inner;
  for (int i = 0; i < 200; ++i) inner += "{\"a\": ";
  inner += "1";
  for (int i = 0; i < 200; ++i) inner += "}";
  CHECK(test::lint("{\"title\": \"T\", \"panels\": [{\"id\": 1, \"type\": \"text\", \"title\": \"x\", \"options\": " +
                   inner + "}]}") == "d.json:1:828: error: JSON nested deeper than 128 levels [dashboards/json]\n");
}

}  // namespace mlmon::dashboards
