#include <fmt/format.h>

#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// A runbook link that is not a URL is not clickable in Slack, PagerDuty or the Alertmanager UI.
bool looks_like_url(std::string_view text) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (text.starts_with(scheme)) {
      const std::string_view rest = text.substr(scheme.size());
      return !rest.empty() && rest.front() != '/' && rest.find_first_of(" \t\n") == std::string_view::npos;
    }
  }
  // A template that builds the URL ({{ $externalURL }}/...) is judged when it renders, not here.
  return text.starts_with("{{");
}

class AlertRunbookUrl final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"alerts/runbook-url", "a runbook_url annotation is an http(s) URL", Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (!rule.is_alert()) return;
    const yaml::Node* value = rule.annotation("runbook_url");
    if (value != nullptr && value->is_scalar() && !looks_like_url(value->value)) {
      ctx.report(value,
                 fmt::format("runbook_url of alert \"{}\" is not an http(s) URL: \"{}\"", rule.name, value->value),
                 "use a full link such as https://runbooks.example.com/alerts/" + rule.name);
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_alerts_runbook_url() { return std::make_unique<AlertRunbookUrl>(); }

}  // namespace mlmon::rules
