// Rule groups evaluated as Prometheus's rule manager evaluates them (rules/group.go Eval,
// rules/alerting.go, rules/recording.go), for promtool's unit tests:
// - recording rules write their result into the storage; a series a rule no longer returns gets a
//   stale marker;
// - alerting rules run the alert state machine (pending, firing after `for`, kept firing for
//   `keep_firing_for`, resolved and kept 15 minutes) with labels and annotations expanded from
//   their templates, and write ALERTS and ALERTS_FOR_STATE (promtool marks alerts as restored);
// - `query_offset`, `limit` and the group's labels apply; a failing rule keeps its error.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/engine.hpp"
#include "engine/storage.hpp"
#include "ruletest/rule_set.hpp"

namespace mlmon::ruletest {

struct EvalSettings {
  engine::EvalOptions engine;
  promql::Features engine_features;  // for `query` in templates
  std::map<std::string, std::string> external_labels;
  std::string external_url;
};

enum class AlertState { Inactive, Pending, Firing };

struct Alert {
  AlertState state = AlertState::Pending;
  engine::Labels labels;
  std::vector<std::pair<std::string, std::string>> annotations;  // sorted by name, empty values kept
  double value = 0;
  int64_t active_at = 0;
  std::optional<int64_t> fired_at;
  std::optional<int64_t> resolved_at;
  std::optional<int64_t> keep_firing_since;
  // The label sets of its ALERTS (pending, firing) and ALERTS_FOR_STATE series, made on first use:
  // an alert's labels do not change while it is active, so neither do these.
  std::shared_ptr<const std::array<engine::Labels, 3>> series_labels;
};

// Appends a sample as the TSDB would, or returns its words for a refused one ("out of order
// sample", "duplicate sample for timestamp 60000; overrides not allowed: existing 1, new value 2",
// "empty labelset: invalid sample").
// `series`, when given, is set to the series written (null for an empty labelset).
std::optional<std::string> append_sample(engine::Storage& storage, const engine::Labels& labels, int64_t t, double v,
                                         engine::StoredSeries** written = nullptr);

// A rule's evaluation error after a group evaluation: promtool reports it and stops the test group.
struct RuleError {
  std::string rule;
  std::string message;
};

class RuleEvaluator {
 public:
  // `groups` in evaluation order; they must outlive the evaluator.
  RuleEvaluator(const std::vector<const GroupDef*>& groups, EvalSettings settings);

  // Every group, in order, at `ts` (ms); returns the errors of rules that failed.
  std::vector<RuleError> evaluate(engine::Storage& storage, int64_t ts);

  // Firing alerts of every alerting rule called `name`, across groups.
  std::vector<const Alert*> firing_alerts(std::string_view name) const;
  bool defines_alert(std::string_view name) const;

  // Coverage: recording rules that returned samples at least once (by their RuleDef).
  const std::unordered_set<const RuleDef*>& recorded_rules() const { return recorded_; }

 private:
  struct RuleState {
    const RuleDef* def = nullptr;
    std::optional<std::string> last_error;
    std::vector<engine::StoredSeries*> previous;  // series written last time (for stale markers)
    std::unordered_map<engine::Labels, Alert, engine::LabelsHash, engine::LabelsEqual> active;
    // Result label set -> the labels the rule gives it: a recording rule's series (name and rule
    // labels set), an alerting rule's alert labels when its label templates are plain text. The
    // same series come back at every step; this saves rebuilding their label sets each time.
    std::unordered_map<engine::Labels, engine::Labels, engine::LabelsHash, engine::LabelsEqual> relabelled;
  };
  struct GroupState {
    const GroupDef* def = nullptr;
    std::vector<RuleState> rules;
  };

  void eval_rule(engine::Storage& storage, const GroupDef& group, RuleState& rule, int64_t ts);
  std::optional<std::string> query(const engine::Storage& storage, const RuleDef& rule, int64_t t,
                                   engine::Vector& out) const;
  std::optional<std::string> eval_alerting(const engine::Storage& storage, const GroupDef& group, RuleState& rule,
                                           int64_t ts, engine::Vector& out);

  std::vector<GroupState> groups_;
  EvalSettings settings_;
  // The rules' queries run at every step against the same storage (template queries do not use
  // it: their parsed expressions are gone after each expansion).
  mutable engine::QueryCache cache_;
  std::unordered_set<const RuleDef*> recorded_;
};

}  // namespace mlmon::ruletest
