// The registry and docs/dashboards.md agree: every check has a row with its severity and summary.
#include <doctest/doctest.h>

#include "core/file_io.hpp"
#include "dashboards/checks/check.hpp"

namespace mlmon::dashboards {

TEST_CASE("docs/dashboards.md lists every check with its severity and one-line doc") {
  const std::string path = std::string(MLMON_SOURCE_DIR) + "/docs/dashboards.md";
  const auto file = read_file(path);
  REQUIRE_MESSAGE(file.has_value(), path);
  const std::string& doc = *file;
  for (const auto& check : dashboard_checks()) {
    const CheckInfo& info = check->info();
    const std::string row = "| `" + std::string(info.id) + "` | " + std::string(to_string(info.default_severity)) +
                            " | " + std::string(info.summary) + " |";
    CHECK_MESSAGE(doc.find(row) != std::string::npos, row);
    CHECK(find_check(info.id) == &info);
  }
  CHECK(dashboard_checks().size() == 19u);
}

}  // namespace mlmon::dashboards
