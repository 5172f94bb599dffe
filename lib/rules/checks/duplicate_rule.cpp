#include <fmt/format.h>

#include <map>

#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// promtool's default lint: the same name with the same labels (group labels merged) twice in a
// file. mlmon also compares expr, so "same alert, different instance" patterns are not flagged.
class DuplicateRule final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"rules/duplicate", "no two rules in a file share name, labels and expression",
                                 Severity::Warning};
    return kInfo;
  }

  void run(const CheckContext& ctx) const override {
    std::map<std::string, const ParsedRule*> seen;
    for (const ParsedRule& parsed : ctx.rules) {
      const Rule& rule = *parsed.rule;
      if (rule.name.empty()) continue;
      std::map<std::string, std::string> labels;
      if (parsed.group->labels) {
        for (const auto& e : parsed.group->labels->entries) labels[e.key->value] = e.value->value;
      }
      if (rule.labels) {
        for (const auto& e : rule.labels->entries) labels[e.key->value] = e.value->value;
      }
      std::string key = rule.name + '\0' + (rule.expr ? rule.expr->value : std::string()) + '\0';
      for (const auto& [k, v] : labels) key += k + '=' + v + '\0';
      auto [it, inserted] = seen.emplace(std::move(key), &parsed);
      if (!inserted) {
        const Rule& first = *it->second->rule;
        ctx.report(rule.alert ? rule.alert : (rule.record ? rule.record : rule.node),
                   fmt::format("duplicate rule \"{}\": same labels and expression as rule {} of group \"{}\" at line {}",
                               rule.name, first.index, it->second->group->name, first.node->pos.line),
                   {});
      }
    }
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_duplicate_rule() { return std::make_unique<DuplicateRule>(); }

}  // namespace mlmon::rules
