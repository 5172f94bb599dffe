// Every check id the documentation mentions exists: the README's own example once configured
// `dashboards/panel-units`, which did nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "workspace/catalog.hpp"

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kAreas = {"alertmanager", "alerts", "config",     "dashboards", "doctor",
                                         "promql",       "rules",  "test-rules", "yaml"};

bool is_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

bool id_shaped(const std::string& word) {
  const std::size_t slash = word.find('/');
  if (slash == std::string::npos || slash + 1 == word.size()) return false;
  if (std::find(kAreas.begin(), kAreas.end(), word.substr(0, slash)) == kAreas.end()) return false;
  const std::string name = word.substr(slash + 1);
  return std::all_of(name.begin(), name.end(), is_id_char);
}

// A source path in lib/ (`rules/loader`, as ARCHITECTURE.md names modules), not a check id.
bool is_source_path(const std::string& word) {
  const fs::path lib = fs::path(MLMON_SOURCE_DIR) / "lib";
  return fs::exists(lib / word) || fs::exists(lib / (word + ".cpp")) || fs::exists(lib / (word + ".hpp"));
}

// What has the shape of a check id, `area/kebab-name`: words between backticks or square brackets
// in prose, and any word in fenced code blocks (YAML keys, `check:` values, `disable=` lists,
// `[rule-id]` at the end of sample output). File paths have dots or further slashes, and
// `yaml/*` is a family, not an id.
std::vector<std::string> ids_in(const std::string& text) {
  std::vector<std::string> ids;
  bool in_fence = false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("```")) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) {
      std::string word;
      for (char c : line + " ") {
        if (std::string_view(" \t`[]{}(),:=\"'").find(c) != std::string_view::npos) {
          if (id_shaped(word)) ids.push_back(word);
          word.clear();
        } else {
          word += c;
        }
      }
      continue;
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char open = line[i];
      if (open != '`' && open != '[') continue;
      const std::size_t end = line.find(open == '`' ? '`' : ']', i + 1);
      if (end == std::string::npos) break;
      const std::string word = line.substr(i + 1, end - i - 1);
      if (id_shaped(word) && !is_source_path(word)) ids.push_back(word);
      i = end;
    }
  }
  return ids;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("every check id in README.md and docs/ is in the catalogue") {
  std::vector<fs::path> docs = {fs::path(MLMON_SOURCE_DIR) / "README.md"};
  for (const auto& entry : fs::directory_iterator(fs::path(MLMON_SOURCE_DIR) / "docs")) {
    if (entry.path().extension() == ".md") docs.push_back(entry.path());
  }
  std::size_t mentions = 0;
  for (const fs::path& doc : docs) {
    const std::string text = read(doc);
    REQUIRE(!text.empty());
    for (const std::string& id : ids_in(text)) {
      // The worked example adds this check; it is compiled by tests/docs, not shipped.
      if (doc.filename() == "adding-a-check.md" && id == "dashboards/panel-target-count") continue;
      CAPTURE(doc.filename().string());
      CAPTURE(id);
      CHECK(mlmon::workspace::catalog().find(id) != nullptr);
      ++mentions;
    }
  }
  CHECK(mentions > 50);
}

TEST_CASE("the scan finds ids, not paths") {
  CHECK(ids_in("use `alerts/for` or [rules/schema]; not `rules/ml-platform.rules.yml` or `rules/tests/x` or `yaml/*`"
               " or `rules/loader`\n```yaml\nchecks:\n  dashboards/panel-units: {severity: info}\n"
               "exclude:\n  - {check: alerts/fr, path: 'legacy/*.yml'}\n```\n") ==
        std::vector<std::string>{"alerts/for", "rules/schema", "dashboards/panel-units", "alerts/fr"});
}
