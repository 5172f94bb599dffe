#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

const std::vector<std::unique_ptr<RuleCheck>>& rule_checks() {
  static const std::vector<std::unique_ptr<RuleCheck>> kChecks = [] {
    std::vector<std::unique_ptr<RuleCheck>> list;
    list.push_back(make_alerts_for());
    list.push_back(make_alerts_required_annotations());
    list.push_back(make_alerts_required_labels());
    list.push_back(make_alerts_runbook_url());
    list.push_back(make_alerts_template_labels());
    list.push_back(make_promql_counter_comparison());
    list.push_back(make_rules_duplicate());
    list.push_back(make_rules_record_naming());
    return list;
  }();
  return kChecks;
}

}  // namespace mlmon::rules
