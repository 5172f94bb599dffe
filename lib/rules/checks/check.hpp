#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_info.hpp"
#include "core/diagnostic.hpp"
#include "rules/validate.hpp"

namespace mlmon::rules {

/// The team policy the lint checks enforce; defaults apply when .mlmon.yml says nothing.
struct RulesPolicy {
  /// label name -> allowed values (empty: any value)
  std::map<std::string, std::vector<std::string>> required_labels{{"severity", {"critical", "warning", "info"}}};
  std::vector<std::string> required_annotations{"summary", "description"};
};

using checks::CheckInfo;

/// What a check remembers across the rules of one file (see RuleCheck::new_state()).
struct CheckState {
  virtual ~CheckState() = default;
};

/// What a lint check sees besides the rule: the policy, its per-file state, and where to report.
struct CheckContext {
  const RulesPolicy& policy;
  CheckState* state = nullptr;  ///< from new_state(), one per file; nullptr for checks without
  /// Receives findings: a node, optionally a byte of its decoded scalar value, message, hint.
  std::function<void(const yaml::Node*, std::optional<std::size_t>, std::string, std::string)> emit;

  /// Reports a finding at a node.
  void report(const yaml::Node* at, std::string message, std::string hint) const {
    emit(at, std::nullopt, std::move(message), std::move(hint));
  }
  /// Reports a finding at byte `value_offset` of a scalar node's decoded value.
  void report(const yaml::Node* at, std::size_t value_offset, std::string message, std::string hint) const {
    emit(at, value_offset, std::move(message), std::move(hint));
  }
};

/// A lint check beyond promtool: an id, a one-line doc, and a look at each rule, in file order,
/// while its group, YAML and parsed expression exist. Nothing of a rule outlives its visit (big
/// files are read a group at a time): a check that compares rules keeps what it needs in its
/// CheckState. Findings count only when the file passes Prometheus's own validation.
class RuleCheck {
 public:
  virtual ~RuleCheck() = default;
  virtual const CheckInfo& info() const = 0;
  virtual void run_rule(const CheckContext&, const ParsedRule&) const = 0;
  /// A fresh per-file state, for checks that look across rules.
  virtual std::unique_ptr<CheckState> new_state() const { return nullptr; }
};

/// Every lint check for rule files, in one explicit list (checks/registry.cpp).
const std::vector<std::unique_ptr<RuleCheck>>& rule_checks();

/// Every check of rule files, as the catalogue lists them: Prometheus's validations
/// (checks/validations.cpp) and the lint checks above.
std::span<const CheckInfo> validation_checks();
std::span<const CheckInfo> all_rule_checks();

}  // namespace mlmon::rules
