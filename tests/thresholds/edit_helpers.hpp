#pragma once
// Runs the whole in-memory pipeline (load, select, plan, edit, verify) on one file's text.
#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>

#include "thresholds/plan.hpp"

namespace thr_test {

struct EditResult {
  std::string text;   ///< the new file content (the old one when nothing changed)
  std::string error;  ///< all errors, one per line; "" on success
  std::vector<std::string> notes;
};

inline EditResult run_edit(const std::string& text, const std::string& alert, std::optional<std::string> value,
                           std::optional<std::string> for_text = std::nullopt,
                           std::optional<std::size_t> index = std::nullopt, const std::string& path = "rules.yml") {
  using namespace mlmon::thresholds;
  Inventory inventory;
  inventory.add(std::make_shared<mlmon::SourceFile>(path, text));
  Request request;
  request.selector.alert = alert;
  request.selector.index = index;
  if (value) {
    auto parsed = parse_number_value(*value);
    if (!parsed) return {text, parsed.error().message, {}};
    request.value = *parsed;
  }
  request.for_text = for_text;
  const Plan plan = plan_requests(inventory, {request});
  EditResult result{text, "", {}};
  for (const std::string& e : plan.errors) result.error += (result.error.empty() ? "" : "\n") + e;
  if (!plan.errors.empty()) return result;
  for (const PlannedFile& file : plan.files) {
    result.text = file.new_text;
    result.notes.insert(result.notes.end(), file.notes.begin(), file.notes.end());
    result.notes.insert(result.notes.end(), file.unchanged.begin(), file.unchanged.end());
  }
  return result;
}

/// The edited text; fails the test with the error when there is one.
inline std::string edited(const std::string& text, const std::string& alert, std::optional<std::string> value,
                          std::optional<std::string> for_text = std::nullopt,
                          std::optional<std::size_t> index = std::nullopt) {
  EditResult r = run_edit(text, alert, std::move(value), std::move(for_text), index);
  INFO(r.error);
  CHECK(r.error.empty());
  return r.text;
}

/// The error; fails the test if the edit succeeded.
inline std::string edit_error(const std::string& text, const std::string& alert, std::optional<std::string> value,
                              std::optional<std::string> for_text = std::nullopt,
                              std::optional<std::size_t> index = std::nullopt) {
  EditResult r = run_edit(text, alert, std::move(value), std::move(for_text), index);
  CHECK_FALSE(r.error.empty());
  return r.error;
}

}  // namespace thr_test
