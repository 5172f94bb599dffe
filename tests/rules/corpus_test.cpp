#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "check_helpers.hpp"
#include "core/file_io.hpp"

namespace fs = std::filesystem;
using namespace mlmon;

namespace {

const fs::path kCorpus = MLMON_CORPUS_DIR;

std::vector<Diagnostic> errors_of(const fs::path& path, rules::NameValidation names) {
  auto text = read_file(path.string());
  REQUIRE(text.has_value());
  rules::CheckRulesOptions options;
  options.lint = false;
  options.validate.names = names;
  std::vector<Diagnostic> findings;
  rules::check_rule_source(std::make_shared<SourceFile>(path.string(), *text), options, {}, findings);
  std::erase_if(findings, [](const Diagnostic& d) { return d.severity != Severity::Error; });
  return findings;
}

}  // namespace

TEST_CASE("every awesome-prometheus-alerts file passes Prometheus's validations" * doctest::test_suite("corpus")) {
  const fs::path dir = kCorpus / "rules" / "awesome-prometheus-alerts";
  REQUIRE(fs::is_directory(dir));
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yml") continue;
    ++files;
    const auto errors = errors_of(entry.path(), rules::NameValidation::Utf8);
    INFO(entry.path().string(), ": ", errors.empty() ? "" : errors.front().message);
    CHECK(errors.empty());
  }
  CHECK(files == 112);
}

TEST_CASE("prometheus-rulefmt testdata matches EXPECTED.tsv file by file" * doctest::test_suite("corpus")) {
  const fs::path dir = kCorpus / "rules" / "prometheus-rulefmt";
  std::ifstream tsv(dir / "EXPECTED.tsv");
  REQUIRE(tsv.good());
  std::string line;
  int cases = 0;
  while (std::getline(tsv, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::istringstream fields(line);
    std::string file, verdict, expected;
    std::getline(fields, file, '\t');
    std::getline(fields, verdict, '\t');
    std::getline(fields, expected);
    ++cases;
    INFO(file, " (", verdict, ")");
    const auto utf8 = errors_of(dir / file, rules::NameValidation::Utf8);
    if (verdict == "ok") {
      CHECK_MESSAGE(utf8.empty(), (utf8.empty() ? "" : utf8.front().message));
    } else if (verdict == "fail-legacy-names-only") {
      CHECK(utf8.empty());
      const auto legacy = errors_of(dir / file, rules::NameValidation::Legacy);
      REQUIRE_FALSE(legacy.empty());
      CHECK(legacy.front().message.find(expected) != std::string::npos);
    } else {
      REQUIRE_FALSE(utf8.empty());
      // The first error in file order must carry Prometheus's text.
      auto first = std::min_element(utf8.begin(), utf8.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.pos.offset < b.pos.offset || (a.pos.offset == b.pos.offset && a.pos.line < b.pos.line);
      });
      bool any = false;
      for (const auto& d : utf8) any = any || d.message.find(expected) != std::string::npos;
      CHECK_MESSAGE(any, first->message);
    }
  }
  CHECK(cases == 16);
}
