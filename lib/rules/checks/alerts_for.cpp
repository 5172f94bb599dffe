#include <fmt/format.h>

#include "promql/duration.hpp"
#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// Without `for`, one bad scrape fires the alert and the next resolves it: pages that flap.
class AlertFor final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"alerts/for", "alerting rules have a non-zero `for`, so one bad sample does not page",
                                 Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (!rule.is_alert()) return;
    if (rule.for_ == nullptr || rule.for_->is_null()) {
      ctx.report(rule.alert ? rule.alert : rule.node,
                 fmt::format("alert \"{}\" has no `for`; it fires on the first matching evaluation", rule.name),
                 "add `for: 5m` (or the time the condition must hold before anyone is paged)");
      return;
    }
    const auto ms = promql::parse_duration_ms(rule.for_->value);
    if (ms && *ms == 0) {
      ctx.report(rule.for_,
                 fmt::format("alert \"{}\" has `for: {}`; it fires on the first matching evaluation", rule.name,
                             rule.for_->value),
                 "use a non-zero duration such as 5m");
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_alerts_for() { return std::make_unique<AlertFor>(); }

}  // namespace mlmon::rules
