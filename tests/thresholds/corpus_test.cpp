// Every alert with a threshold in the awesome-prometheus-alerts corpus: setting a new value
// changes exactly one line, the file still passes Prometheus's validations, and listing the
// thresholds again shows the new value.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "project/config.hpp"
#include "read_text.hpp"
#include "rules/check_rules.hpp"
#include "thresholds/plan.hpp"

namespace {

using namespace mlmon;
using namespace mlmon::thresholds;

std::size_t error_count(const std::string& path, const std::string& text) {
  rules::CheckRulesOptions options;
  options.lint = false;
  std::vector<Diagnostic> out;
  rules::check_rule_source(std::make_shared<SourceFile>(path, text), options, project::Config{}, out);
  return static_cast<std::size_t>(
      std::count_if(out.begin(), out.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

int differing_lines(const std::string& a, const std::string& b) {
  std::istringstream sa(a);
  std::istringstream sb(b);
  std::string la;
  std::string lb;
  int differ = 0;
  int lines_a = 0;
  int lines_b = 0;
  while (true) {
    const bool ga = static_cast<bool>(std::getline(sa, la));
    const bool gb = static_cast<bool>(std::getline(sb, lb));
    lines_a += ga;
    lines_b += gb;
    if (!ga || !gb) break;
    differ += la != lb;
  }
  return lines_a == lines_b ? differ : -1;
}

}  // namespace

TEST_CASE("corpus: every threshold of awesome-prometheus-alerts can be set, one line at a time" *
          doctest::test_suite("corpus")) {
  const std::filesystem::path dir = std::filesystem::path(MLMON_CORPUS_DIR) / "rules" / "awesome-prometheus-alerts";
  REQUIRE(std::filesystem::is_directory(dir));
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  std::size_t edited = 0;
  for (const std::string& path : paths) {
    const std::string text = mlmon::testing::read_text(path);
    Inventory inventory;
    inventory.add(std::make_shared<SourceFile>(path, text));
    CHECK_MESSAGE(inventory.problems.empty(), path);
    REQUIRE(error_count(path, text) == 0);
    for (const Alert& alert : inventory.alerts) {
      if (alert.thresholds.empty()) continue;
      const Threshold& threshold = alert.thresholds.front();
      if (!std::isfinite(threshold.value)) continue;
      // A value that is surely new, written plainly: old + 1.
      auto value = parse_number_value(fmt::format("{}", threshold.value + 1));
      REQUIRE(value.has_value());
      Request request;
      request.selector.alert = alert.name;
      request.selector.file = path;
      request.selector.group = alert.group->name;
      request.selector.index = 0;
      request.value = *value;
      const std::string context =
          fmt::format("{} {} {} -> {}", alert.location(), alert.name, threshold.text, value->text);
      const Plan plan = plan_requests(inventory, {request});
      if (!plan.errors.empty()) {
        // Same name twice in one group: picked by the severity label, as a user would.
        request.selector.labels = {{"severity", alert.severity}};
        const Plan retry = plan_requests(inventory, {request});
        if (!retry.errors.empty()) {
          FAIL_CHECK(context << ": " << retry.errors.front());
          continue;
        }
      }
      const Plan final_plan = plan.errors.empty() ? plan : plan_requests(inventory, {request});
      REQUIRE(final_plan.files.size() == 1);
      const std::string& after = final_plan.files.front().new_text;
      CHECK_MESSAGE(differing_lines(text, after) == 1, context);
      CHECK_MESSAGE(error_count(path, after) == 0, context);
      Inventory reread;
      reread.add(std::make_shared<SourceFile>(path, after));
      REQUIRE(reread.alerts.size() == inventory.alerts.size());
      const Alert& again = reread.alerts[static_cast<std::size_t>(&alert - inventory.alerts.data())];
      REQUIRE_MESSAGE(!again.thresholds.empty(), context);
      CHECK_MESSAGE(again.thresholds.front().value == value->value, context);
      ++edited;
    }
  }
  MESSAGE("thresholds edited: " << edited);
  CHECK(edited > 800);
}
