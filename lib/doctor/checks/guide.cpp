#include "doctor/checks/guide.hpp"

#include <fmt/format.h>

#include "doctor/service_client.hpp"

namespace mlmon::doctor {

namespace {

std::string action_of(const std::string& description, const std::string& runbook) {
  std::string action;
  if (const std::size_t at = description.find("Action:"); at != std::string::npos) {
    action = description.substr(at + 7);
  } else {
    action = description;
  }
  while (!action.empty() && (action.front() == ' ')) action.erase(action.begin());
  while (!action.empty() && (action.back() == ' ' || action.back() == '.' || action.back() == '\n')) action.pop_back();
  action = printable(action, 300);
  // A description with template code ({{ $labels.x }}) is only useful expanded (as /api/v1/alerts has it).
  if (action.find("{{") != std::string::npos) action.clear();
  if (runbook.empty()) return action;
  if (action.empty()) return fmt::format("runbook: {}", printable(runbook, 200));
  return fmt::format("{} (runbook: {})", action, printable(runbook, 200));
}

}  // namespace

std::string alert_action(const LabelMap& annotations) {
  auto get = [&](const char* key) {
    auto it = annotations.find(key);
    return it == annotations.end() ? std::string() : it->second;
  };
  return action_of(get("description"), get("runbook_url"));
}

std::string alert_action(const rules::Rule& rule) {
  const yaml::Node* description = rule.annotation("description");
  const yaml::Node* runbook = rule.annotation("runbook_url");
  return action_of(description != nullptr ? description->value : "", runbook != nullptr ? runbook->value : "");
}

}  // namespace mlmon::doctor
