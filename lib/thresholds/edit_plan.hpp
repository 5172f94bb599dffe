#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "thresholds/inventory.hpp"
#include "thresholds/number_value.hpp"
#include "thresholds/text_edit.hpp"

namespace mlmon::thresholds {

/// What to change in one alert: a threshold's value, its `for:`, or both.
struct AlertChange {
  const Alert* alert = nullptr;
  const Threshold* threshold = nullptr;  ///< required with `value`
  std::optional<NumberValue> value;
  std::optional<std::string> for_text;  ///< a valid Prometheus duration
};

/// A threshold the edited file must show (checked after re-parsing it).
struct ExpectedThreshold {
  std::size_t group_index = 0;
  std::size_t rule_index = 0;
  std::size_t index = 0;
  double value = 0;
  std::string alert;
};

/// The edits planned for one file, with what the edited file must decode to.
struct FileEdit {
  const RuleSource* file = nullptr;
  std::vector<TextEdit> edits;  ///< in file bytes
  /// Existing scalars (or nulls) and the decoded value they must have after the edit.
  std::map<const yaml::Node*, std::string> expected_values;
  /// Rule mappings that gain a `for:` entry, and its value.
  std::map<const yaml::Node*, std::string> inserted_for;
  std::vector<ExpectedThreshold> expected_thresholds;
  std::vector<std::string> notes;      ///< "path:15: HighPredictionLatency: threshold 0.5 -> 0.4"
  std::vector<std::string> unchanged;  ///< "path:15: HighPredictionLatency: threshold is already 0.5"

  /// Edits of each expression, in its decoded value's bytes (to compute what it must read).
  std::map<const yaml::Node*, std::vector<TextEdit>> value_edits;
  /// How many times each node is reached from the root (aliases and merges share nodes);
  /// computed on first use, shared by copies.
  std::shared_ptr<std::map<const yaml::Node*, int>> references;
};

/// Plans `change` into `edit` (all of it, or nothing with an error saying why): only the
/// literal's bytes change, and for `for:` only its value's bytes, or one new line after `expr`.
Result<void> plan_alert_change(FileEdit& edit, const AlertChange& change);

/// Counts how often each node is reached from the document root (budgeted, so aliases cannot
/// blow up); false if the budget ran out.
bool count_references(const yaml::Node* root, std::map<const yaml::Node*, int>& out);

}  // namespace mlmon::thresholds
