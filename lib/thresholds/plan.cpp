#include "thresholds/plan.hpp"

#include <fmt/format.h>

#include <map>

#include "thresholds/edit_plan.hpp"
#include "thresholds/verify_edit.hpp"

namespace mlmon::thresholds {

Plan plan_requests(const Inventory& inventory, const std::vector<Request>& requests) {
  Plan plan;
  std::map<const RuleSource*, FileEdit> edits;
  for (const Request& request : requests) {
    auto failed = [&](const std::string& message) {
      plan.errors.push_back(request.origin.empty() ? message : request.origin + ": " + message);
    };
    auto alert = select_alert(inventory, request.selector);
    if (!alert) {
      failed(alert.error().message);
      continue;
    }
    AlertChange change;
    change.alert = *alert;
    change.value = request.value;
    change.for_text = request.for_text;
    if (request.value) {
      auto threshold = select_threshold(**alert, request.selector);
      if (!threshold) {
        failed(threshold.error().message);
        continue;
      }
      change.threshold = *threshold;
    }
    FileEdit& edit = edits[(*alert)->file];
    edit.file = (*alert)->file;
    if (auto planned = plan_alert_change(edit, change); !planned) failed(planned.error().message);
  }
  for (const auto& file : inventory.files) {
    const auto it = edits.find(file.get());
    if (it == edits.end()) continue;
    const FileEdit& edit = it->second;
    PlannedFile planned;
    planned.file = edit.file;
    planned.notes = edit.notes;
    planned.unchanged = edit.unchanged;
    auto text = apply_edits(edit.file->source->text(), edit.edits);
    if (!text) {
      plan.errors.push_back(fmt::format("{}: {}", edit.file->path(), text.error().message));
      continue;
    }
    planned.new_text = std::move(*text);
    if (planned.changed()) {
      if (auto verified = verify_edit(edit, planned.new_text); !verified) {
        plan.errors.push_back(verified.error().message);
        continue;
      }
    }
    plan.files.push_back(std::move(planned));
  }
  return plan;
}

}  // namespace mlmon::thresholds
