#include <fmt/format.h>

#include "gotemplate/gotemplate.hpp"
#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"
#include "rules/checks/output_labels.hpp"

namespace mlmon::rules {

namespace {

// `$labels` in a template holds the labels of the expression's result, not the rule's own
// labels: after `sum by (job)`, `{{ $labels.instance }}` renders empty in every notification.
class AlertTemplateLabels final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"alerts/template-labels",
                                 "templates refer only to labels the alert's expression can produce",
                                 Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (!rule.is_alert() || parsed.ast == nullptr) return;
    const OutputLabels labels = output_labels(parsed.ast->root());
    if (!labels.exact && labels.removed.empty()) return;
    for (const yaml::Node* map : {rule.labels, rule.annotations}) {
      if (map == nullptr) continue;
      for (const yaml::Entry& e : map->entries) {
        if (!e.value->is_scalar()) continue;
        for (const auto& ref : gotemplate::referenced_labels(e.value->value)) {
          if (labels.may_have(ref.name)) continue;
          ctx.report(e.value, ref.offset,
                     fmt::format("template of {} \"{}\" uses label \"{}\", which the expression of alert \"{}\" "
                                 "does not produce",
                                 map == rule.labels ? "label" : "annotation", e.key->value, ref.name, rule.name),
                     labels.exact
                         ? fmt::format("the result has only: {}",
                                       labels.labels.empty() ? std::string("no labels")
                                                             : fmt::format("{}", fmt::join(labels.labels, ", ")))
                         : fmt::format("\"{}\" is removed by the expression", ref.name));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_alerts_template_labels() { return std::make_unique<AlertTemplateLabels>(); }

}  // namespace mlmon::rules
