// The catalogue is the one list of checks, and this keeps the rest honest about it: every id has a
// test that produces it, a row in docs/checks.md and, where an area keeps one check per file, a
// file named after it. (Ids the docs name that are not registered: docs_ids_test.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/lint/check.hpp"
#include "dashboards/checks/check.hpp"
#include "rules/checks/check.hpp"
#include "workspace/catalog.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = MLMON_SOURCE_DIR;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// `id` as a whole word of `text`: "alertmanager/route" must not count as found inside
// "alertmanager/route-depth".
bool mentions(std::string_view text, std::string_view id) {
  for (std::size_t at = text.find(id); at != std::string_view::npos; at = text.find(id, at + 1)) {
    const bool starts = at == 0 || !is_id_char(text[at - 1]);
    const std::size_t end = at + id.size();
    if (starts && (end == text.size() || !is_id_char(text[end]))) return true;
  }
  return false;
}

// Every test source and test input under tests/, as one text. The catalogue's own tests name ids
// without producing them, so they do not count.
const std::string& test_corpus() {
  static const std::string kText = [] {
    const std::set<std::string> sources = {".cpp", ".hpp", ".sh", ".py", ".yml", ".yaml"};
    const std::set<fs::path> own = {kRoot / "tests/workspace/registry_test.cpp",
                                    kRoot / "tests/workspace/catalog_test.cpp",
                                    kRoot / "tests/workspace/docs_ids_test.cpp"};
    std::string text;
    for (const auto& entry : fs::recursive_directory_iterator(kRoot / "tests")) {
      if (!entry.is_regular_file() || own.contains(entry.path())) continue;
      const std::string path = entry.path().generic_string();
      const bool input = path.find("/testdata/") != std::string::npos || path.find("/fixtures/") != std::string::npos;
      if (!input && !sources.contains(entry.path().extension().string())) continue;
      text += read(entry.path());
      text += '\n';
    }
    return text;
  }();
  return kText;
}

// The ids of docs/checks.md's table rows: "| `area/name` | severity | kind | summary |".
std::set<std::string> documented_ids() {
  std::set<std::string> ids;
  std::istringstream lines(read(kRoot / "docs/checks.md"));
  const std::regex row(R"(^\| `([a-z-]+/[a-z0-9-]+)` \|)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, row)) ids.insert(m[1]);
  }
  return ids;
}

// Alertmanager's ids, named once in check_ids.hpp: id -> the name of its constant (kUnusedReceiver).
std::map<std::string, std::string> alertmanager_id_constants() {
  const std::string header = read(kRoot / "lib/alertmanager/check_ids.hpp");
  const std::regex constant(R"re(inline constexpr std::string_view (k\w+) = "(alertmanager/[a-z0-9-]+)";)re");
  std::map<std::string, std::string> named;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), constant); it != std::sregex_iterator(); ++it) {
    named.emplace((*it)[2], (*it)[1]);
  }
  return named;
}

std::string snake(std::string_view kebab) {
  std::string out(kebab);
  std::replace(out.begin(), out.end(), '-', '_');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

}  // namespace

TEST_CASE("registry: every check has a test that produces it") {
  REQUIRE(test_corpus().size() > 100'000);
  for (const mlmon::checks::CheckInfo* info : mlmon::workspace::catalog().all()) {
    CAPTURE(info->id);
    CHECK(mentions(test_corpus(), info->id));
  }
}

TEST_CASE("registry: every check has its row in docs/checks.md, and every row is a check") {
  const std::set<std::string> documented = documented_ids();
  REQUIRE(!documented.empty());
  std::set<std::string> registered;
  for (const mlmon::checks::CheckInfo* info : mlmon::workspace::catalog().all()) {
    registered.emplace(info->id);
    CAPTURE(info->id);
    CHECK(documented.contains(std::string(info->id)));
  }
  for (const std::string& id : documented) {
    CAPTURE(id);
    CHECK(registered.contains(id));
  }
}

// Areas with one class per check keep it in a file named after its id, so the id finds the code:
// rule checks (several areas share lib/rules/checks/) as <area>_<name>.cpp, dashboard checks
// (one area) as <name>.cpp, Alertmanager lint checks below. The file must also be the one that
// names the id.
TEST_CASE("registry: each rule and dashboard check lives in the file named after its id") {
  for (const auto& check : mlmon::rules::rule_checks()) {
    const std::string id(check->info().id);
    CAPTURE(id);
    const fs::path file = kRoot / "lib/rules/checks" / (snake(id) + ".cpp");
    REQUIRE(fs::exists(file));
    CHECK(read(file).find('"' + id + '"') != std::string::npos);
  }
  for (const auto& check : mlmon::dashboards::dashboard_checks()) {
    const std::string id(check->info().id);
    CAPTURE(id);
    REQUIRE(id.starts_with("dashboards/"));
    const fs::path file = kRoot / "lib/dashboards/checks" / (snake(id.substr(id.find('/') + 1)) + ".cpp");
    REQUIRE(fs::exists(file));
    CHECK(read(file).find('"' + id + '"') != std::string::npos);
  }
}

// Alertmanager's lint checks do the same under lib/alertmanager/lint/ (one area, so <name>.cpp).
// The ids held to it are those of the two lists of lint/registry.cpp, not a list kept here: the
// checks of a loaded config, lint_checks(), and those of alerting rules against its routing,
// rule_crosschecks(). That is what tells them from the validations (found while the config is
// decoded, and sharing files by what they look at). Their ids are constants of check_ids.hpp, so
// the file must name the id's constant.
namespace {

void check_alertmanager_lint_file(const std::string& id, const std::map<std::string, std::string>& constants) {
  CAPTURE(id);
  REQUIRE(id.starts_with("alertmanager/"));
  const mlmon::checks::CheckInfo* info = mlmon::workspace::catalog().find(id);
  REQUIRE(info != nullptr);
  CHECK(info->kind == mlmon::checks::CheckKind::Lint);
  const fs::path file = kRoot / "lib/alertmanager/lint" / (snake(id.substr(id.find('/') + 1)) + ".cpp");
  REQUIRE(fs::exists(file));
  REQUIRE(constants.contains(id));
  CHECK(read(file).find("ids::" + constants.at(id)) != std::string::npos);
}

}  // namespace

TEST_CASE("registry: each Alertmanager lint check lives in the file named after its id") {
  const std::map<std::string, std::string> constants = alertmanager_id_constants();
  REQUIRE(!mlmon::alertmanager::lint_checks().empty());
  for (const auto& check : mlmon::alertmanager::lint_checks()) {
    check_alertmanager_lint_file(std::string(check->id()), constants);
  }
  REQUIRE(!mlmon::alertmanager::rule_crosschecks().empty());
  for (const auto& check : mlmon::alertmanager::rule_crosschecks()) {
    check_alertmanager_lint_file(std::string(check->id()), constants);
  }
}

// Every Alertmanager lint id is in one of the two lists: none is reported from elsewhere.
TEST_CASE("registry: every Alertmanager lint check is in a list of lint/registry.cpp") {
  std::set<std::string> listed;
  for (const auto& check : mlmon::alertmanager::lint_checks()) listed.emplace(check->id());
  for (const auto& check : mlmon::alertmanager::rule_crosschecks()) listed.emplace(check->id());
  for (const mlmon::checks::CheckInfo* info : mlmon::workspace::catalog().all()) {
    if (!info->id.starts_with("alertmanager/") || info->kind != mlmon::checks::CheckKind::Lint) continue;
    CAPTURE(info->id);
    CHECK(listed.contains(std::string(info->id)));
  }
}

// Alertmanager's ids are named once, in check_ids.hpp; each constant there is a registered check.
TEST_CASE("registry: every Alertmanager id constant is in the catalogue, and every Alertmanager check a constant") {
  const std::map<std::string, std::string> named = alertmanager_id_constants();
  REQUIRE(named.size() > 30);
  for (const auto& [id, constant] : named) {
    CAPTURE(id);
    CHECK(mlmon::workspace::catalog().find(id) != nullptr);
  }
  for (const mlmon::checks::CheckInfo* info : mlmon::workspace::catalog().all()) {
    if (!info->id.starts_with("alertmanager/")) continue;
    CAPTURE(info->id);
    CHECK(named.contains(std::string(info->id)));
  }
}

TEST_CASE("registry: an id is found as a whole word only") {
  CHECK(mentions("x [alertmanager/route]\n", "alertmanager/route"));
  CHECK(!mentions("x [alertmanager/route-depth]\n", "alertmanager/route"));
  CHECK(!mentions("alertmanager/routes", "alertmanager/route"));
  CHECK(!mentions("xalerts/for", "alerts/for"));
}
