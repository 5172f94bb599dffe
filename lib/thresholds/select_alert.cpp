#include "thresholds/select_alert.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/closest_names.hpp"

namespace mlmon::thresholds {

namespace {

bool has_labels(const Alert& alert, const std::vector<std::pair<std::string, std::string>>& labels) {
  for (const auto& [name, value] : labels) {
    const yaml::Node* label = alert.rule->label(name);
    if (label == nullptr || !label->is_scalar() || label->value != value) return false;
  }
  return true;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += fmt::format("\"{}\"", names[i]);
  }
  return out;
}

std::string describe(const Alert& alert) {
  std::string out = fmt::format("{}: group \"{}\"", alert.location(), alert.group->name);
  if (!alert.group->resource.empty()) out += fmt::format(" of PrometheusRule \"{}\"", alert.group->resource);
  if (!alert.severity.empty()) out += fmt::format(", severity={}", alert.severity);
  return out;
}

std::string filters(const Selector& s) {
  std::string out;
  if (!s.group.empty()) out += fmt::format(" in group \"{}\"", s.group);
  if (!s.resource.empty()) out += fmt::format(" in PrometheusRule \"{}\"", s.resource);
  if (!s.file.empty()) out += fmt::format(" in {}", s.file);
  for (const auto& [name, value] : s.labels) out += fmt::format(" with {}={}", name, value);
  return out;
}

}  // namespace

bool same_file(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  return fs::path(a).lexically_normal() == fs::path(b).lexically_normal();
}

Result<const Alert*> select_alert(const Inventory& inventory, const Selector& selector) {
  std::vector<const Alert*> named;
  std::vector<const Alert*> matching;
  for (const Alert& alert : inventory.alerts) {
    if (alert.name != selector.alert) continue;
    named.push_back(&alert);
    if (!selector.group.empty() && alert.group->name != selector.group) continue;
    if (!selector.resource.empty() && alert.group->resource != selector.resource) continue;
    if (!selector.file.empty() && !same_file(alert.file->path(), selector.file)) continue;
    if (!has_labels(alert, selector.labels)) continue;
    matching.push_back(&alert);
  }
  if (matching.size() == 1) return matching.front();
  if (matching.empty() && named.empty()) {
    std::string message = fmt::format("no alerting rule named \"{}\"", selector.alert);
    const auto suggestions = closest_names(selector.alert, inventory.alert_names());
    if (!suggestions.empty()) message += fmt::format("; did you mean {}?", quoted_list(suggestions));
    return fail(message);
  }
  if (matching.empty()) {
    std::string message =
        fmt::format("no alerting rule named \"{}\"{}; it is defined in:", selector.alert, filters(selector));
    for (const Alert* alert : named) message += "\n  " + describe(*alert);
    return fail(message);
  }
  // --resource is worth naming only where PrometheusRules are involved.
  const bool in_resources =
      std::any_of(matching.begin(), matching.end(), [](const Alert* a) { return !a->group->resource.empty(); });
  std::string_view options =
      in_resources ? "--group, --resource, --file or --label NAME=VALUE" : "--group, --file or --label NAME=VALUE";
  if (selector.from_values_file) {
    options = in_resources ? "`group:`, `resource:`, `file:` or `labels:`" : "`group:`, `file:` or `labels:`";
  }
  std::string message = fmt::format("alert \"{}\" is defined {} times{}; pick one with {}:", selector.alert,
                                    matching.size(), filters(selector), options);
  for (const Alert* alert : matching) message += "\n  " + describe(*alert);
  return fail(message);
}

Result<const Threshold*> select_threshold(const Alert& alert, const Selector& selector) {
  const std::string at = fmt::format("{}: alert {}", alert.location(), alert.name);
  if (!alert.expr_error.empty()) return fail(fmt::format("{}: its expr does not parse: {}", at, alert.expr_error));
  const auto& thresholds = alert.thresholds;
  if (thresholds.empty()) {
    return fail(fmt::format("{} has no threshold: its expr is not a comparison with a number", at));
  }
  const std::string_view index_option = selector.from_values_file ? "`index:`" : "--index";
  auto listing = [&] {
    std::string out;
    for (const Threshold& t : thresholds) {
      out += fmt::format("\n  {}: {} {} (line {})", t.index, t.op, t.text, t.pos.line);
    }
    return out;
  };
  if (selector.index) {
    if (*selector.index < thresholds.size()) return &thresholds[*selector.index];
    return fail(fmt::format("{} has no threshold {} {}; it has {}:{}", at, index_option, *selector.index,
                            thresholds.size(), listing()));
  }
  if (thresholds.size() == 1) return &thresholds.front();
  return fail(fmt::format("{} has {} thresholds; pick one with {}:{}", at, thresholds.size(), index_option, listing()));
}

}  // namespace mlmon::thresholds
