#pragma once
// mlmon's lint of a loaded Alertmanager config, one check per file named after its id (as for
// rules and dashboards): the interface, what the checks share, and the list lint_config() runs;
// and the same for the checks of alerting rules against the config's routing.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/crosscheck.hpp"
#include "alertmanager/labels.hpp"
#include "alertmanager/lint.hpp"
#include "alertmanager/loader.hpp"
#include "alertmanager/matcher.hpp"
#include "core/diagnostic.hpp"

namespace mlmon::alertmanager {

/// What a lint check sees, and where its findings go. Made per check, so `warn` reports the id of
/// the check that runs: a check cannot report another's.
struct LintContext {
  const LoadedConfig& loaded;
  const LintOptions& options;
  /// The file is render-alertmanager's output (is_rendered_output): it holds secrets and expanded
  /// values by design, computed once for the checks that must not look at them.
  bool rendered_output = false;
  std::string_view id;
  std::vector<Diagnostic>& out;

  /// A warning at a node of the config (line 0, the whole file, when there is none).
  void warn(const yaml::Node* at, std::string message, std::string hint = {}) const;
  /// A warning at a position in the config (inside a scalar, for instance).
  void warn_at(Position pos, std::string message, std::string hint = {}) const;
};

/// A lint check of Alertmanager configs: its id (a constant of check_ids.hpp; its summary and
/// severity are its row in check_list.cpp) and a run over one loaded config. Never throws.
class LintCheck {
 public:
  virtual ~LintCheck() = default;
  virtual std::string_view id() const = 0;
  virtual void run(const LintContext& ctx) const = 0;
};

/// Every check lint_config() runs, in the order it runs them (lint/registry.cpp).
const std::vector<std::unique_ptr<LintCheck>>& lint_checks();

/// What a rules cross-check sees, one alerting rule routed through one config, and where its
/// findings go. Made per rule and check, so `warn` reports the id of the check that runs, at the
/// rule.
struct CrossCheckContext {
  const Config& config;
  const AlertRuleRef& alert;
  /// The rule's labels as routing sees them: its static labels and alertname.
  const LabelSet& labels;
  /// The routes those labels reach (match_routes); never empty.
  const std::vector<const Route*>& routes;
  std::string_view id;
  std::vector<Diagnostic>& out;

  /// A warning at the rule.
  void warn(std::string message, std::string hint = {}) const;
};

/// A lint check of alerting rules against a config's routing. It needs the rules, which
/// lint_config() does not have, so these are a list of their own that
/// crosscheck_alert_routing() runs for each rule whose route is known (check-alertmanager
/// --rules, mlmon check). Its id is a constant of check_ids.hpp, its file named after it, as for
/// LintCheck. Never throws.
class RuleCrossCheck {
 public:
  virtual ~RuleCrossCheck() = default;
  virtual std::string_view id() const = 0;
  virtual void run(const CrossCheckContext& ctx) const = 0;
};

/// Every rules cross-check, in the order each rule is checked by them (lint/registry.cpp).
const std::vector<std::unique_ptr<RuleCrossCheck>>& rule_crosschecks();

// Shared by the checks.

/// A node's line for a message, "?" without a node.
std::string line_of(const yaml::Node* n);

/// Every alert that matches `later` also matches `earlier`: each of earlier's matchers appears in
/// later's, or matches any value.
bool matchers_cover(const Matchers& earlier, const Matchers& later);

/// Every route in `routes` sends to a receiver without integrations: the alert notifies nobody
/// (alertmanager/unrouted-alert). A receiver the config does not define does not count as one.
bool reaches_only_blackholes(const Config& config, const std::vector<const Route*>& routes);

}  // namespace mlmon::alertmanager
