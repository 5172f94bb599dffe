// Keeps docs/adding-a-check.md honest: its check (check.cpp) and its test (test.inc) are taken out
// of the page at build time and compiled here against the library as it is; the lines the page
// says to edit must still be in the files it names, and the paths it names must exist.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/report.hpp"
#include "core/source_file.hpp"
#include "dashboards/checks/check.hpp"
#include "dashboards/lint.hpp"
#include "dashboards/loader.hpp"

namespace mlmon::dashboards {
std::unique_ptr<DashboardCheck> make_panel_target_count();  // check.cpp, from the page
}

namespace example {

using namespace mlmon;
using namespace mlmon::dashboards;

// What tests/dashboards/helpers.hpp's lint() returns, with the page's check run as if registered.
std::string lint(std::string text, std::string_view only) {
  static const std::unique_ptr<DashboardCheck> check = make_panel_target_count();
  const auto file = std::make_shared<const SourceFile>("d.json", std::move(text));
  Report report;
  report.add_source(file);
  auto loaded = load_dashboard(file);
  REQUIRE_MESSAGE(loaded.has_value(), (loaded ? std::string() : loaded.error().message));
  LintOptions options;
  options.enabled = [only](std::string_view id) { return id == only; };
  const DashboardCheck* checks[] = {check.get()};
  lint_dashboard(*loaded, checks, options, report);
  std::string out;
  for (const Diagnostic& d : report.sorted()) {
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", d.file, d.pos.line, d.pos.col, to_string(d.severity), d.message,
                       d.rule_id);
  }
  return out;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace example

namespace {
using example::lint;
#include "test.inc"
}  // namespace

TEST_CASE("the page's edits apply to the files it names") {
  const std::filesystem::path root = MLMON_SOURCE_DIR;
  const std::string page = example::read(root / "docs/adding-a-check.md");
  REQUIRE(!page.empty());
  std::istringstream lines(page);
  std::string last_path;  // the file the prose before a code block names
  bool in_edit = false;
  int edits = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line == "```cpp") {
      in_edit = true;
      REQUIRE_MESSAGE(!last_path.empty(), "an edit block with no file named before it");
      continue;
    }
    if (line.starts_with("```")) {
      in_edit = false;
      continue;
    }
    if (in_edit) {
      if (line.find("// the new line") != std::string::npos) continue;
      CAPTURE(last_path);
      CAPTURE(line);
      CHECK(example::read(root / last_path).find(line) != std::string::npos);
      ++edits;
      continue;
    }
    // Paths in backticks: each must exist (but for the file the page creates).
    for (std::size_t open = line.find('`'); open != std::string::npos; open = line.find('`', open + 1)) {
      const std::size_t close = line.find('`', open + 1);
      if (close == std::string::npos) break;
      const std::string word = line.substr(open + 1, close - open - 1);
      open = close;
      if (!(word.starts_with("lib/") || word.starts_with("tests/") || word.starts_with("docs/"))) continue;
      if (word.find(' ') != std::string::npos) continue;
      CAPTURE(word);
      CHECK(std::filesystem::exists(root / word));
      last_path = word;
    }
  }
  CHECK(edits == 2);
}
