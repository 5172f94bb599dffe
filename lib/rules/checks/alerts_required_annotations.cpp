#include <fmt/format.h>

#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// On-call engineers read the notification, not the rule: it has to say what and why.
class AlertRequiredAnnotations final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{
        "alerts/required-annotations",
        "alerting rules carry the annotations the policy requires (default: summary, description)", Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (!rule.is_alert()) return;
    for (const std::string& name : ctx.policy.required_annotations) {
      const yaml::Node* value = rule.annotation(name);
      if (value == nullptr || value->value.empty()) {
        ctx.report(value ? value : (rule.alert ? rule.alert : rule.node),
                   fmt::format("alert \"{}\" has no \"{}\" annotation", rule.name, name), {});
      }
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_alerts_required_annotations() { return std::make_unique<AlertRequiredAnnotations>(); }

}  // namespace mlmon::rules
