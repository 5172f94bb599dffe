#include <fmt/format.h>

#include <algorithm>

#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// Routing in Alertmanager keys on labels such as severity; an alert without one goes to the default route.
class AlertRequiredLabels final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{
        "alerts/required-labels",
        "alerting rules carry the labels the policy requires (default: severity), with allowed values",
        Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (!rule.is_alert()) return;
    for (const auto& [name, allowed] : ctx.policy.required_labels) {
      const yaml::Node* value = rule.label(name);
      if (value == nullptr) {
        ctx.report(rule.alert ? rule.alert : rule.node,
                   fmt::format("alert \"{}\" has no \"{}\" label", rule.name, name),
                   allowed.empty() ? std::string() : fmt::format("add `{}: {}` under labels", name, allowed.front()));
      } else if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value->value) == allowed.end()) {
        ctx.report(value,
                   fmt::format("alert \"{}\" has {}=\"{}\"; allowed values: {}", rule.name, name, value->value,
                               fmt::join(allowed, ", ")),
                   {});
      }
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_alerts_required_labels() { return std::make_unique<AlertRequiredLabels>(); }

}  // namespace mlmon::rules
