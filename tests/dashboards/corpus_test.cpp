#include <doctest/doctest.h>

#include <filesystem>

#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "helpers.hpp"

namespace mlmon::dashboards {

namespace {

Report lint_path(const std::string& path) {
  Report report;
  auto text = read_file(path);
  REQUIRE_MESSAGE(text.has_value(), path);
  lint_file(std::make_shared<const SourceFile>(path, std::move(*text)), LintOptions{}, report);
  return report;
}

}  // namespace

TEST_CASE("corpus: every dashboard loads and lints without an error-level finding (but the true ones)" *
          doctest::test_suite("corpus")) {
  const std::string dir = std::string(MLMON_CORPUS_DIR) + "/dashboards";
  REQUIRE_MESSAGE(std::filesystem::is_directory(dir), dir);
  auto files = expand_inputs({dir}, {".json"});
  REQUIRE(files.has_value());
  CHECK(files->size() == 14u);
  // Real bugs in the corpus, looked at one by one (docs/dashboards.md, "Corpus findings").
  const std::string known =
      "rfmoz/nfs-full.json:1711:24: duplicate refId \"I\" in panel \"NFSd v2 NFSd Requests by Method 2\" "
      "[dashboards/ref-id-unique]\n";
  std::string errors;
  for (const std::string& path : *files) {
    const Report report = lint_path(path);
    for (const Diagnostic& d : report.sorted()) {
      if (d.severity != Severity::Error) continue;
      errors += d.file.substr(dir.size() + 1) + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) +
                ": " + d.message + " [" + d.rule_id + "]\n";
    }
  }
  CHECK(errors == known);
}

TEST_CASE("the project's own dashboards/ have no findings, with their .lint exclusions") {
  const std::string dir = std::string(MLMON_SOURCE_DIR) + "/dashboards";
  REQUIRE_MESSAGE(std::filesystem::is_directory(dir), dir);
  auto files = expand_inputs({dir}, {".json"});
  REQUIRE(files.has_value());
  LinterConfig linter_config;
  if (std::filesystem::exists(dir + "/.lint")) {
    std::vector<Diagnostic> problems;
    linter_config = parse_linter_config(test::source(*read_file(dir + "/.lint"), dir + "/.lint"), problems);
    CHECK(problems.empty());
  }
  LintOptions options;
  options.linter_config = &linter_config;
  for (const std::string& path : *files) {
    Report report;
    lint_file(test::source(*read_file(path), path), options, report);
    CHECK_MESSAGE(report.empty(), test::format(report));
  }
}

}  // namespace mlmon::dashboards
