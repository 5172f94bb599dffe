#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

const std::vector<std::unique_ptr<RuleCheck>>& rule_checks() {
  static const std::vector<std::unique_ptr<RuleCheck>> kChecks = [] {
    std::vector<std::unique_ptr<RuleCheck>> list;
    list.push_back(make_alert_for());
    list.push_back(make_alert_required_annotations());
    list.push_back(make_alert_required_labels());
    list.push_back(make_alert_runbook_url());
    list.push_back(make_alert_template_labels());
    list.push_back(make_counter_comparison());
    list.push_back(make_duplicate_rule());
    list.push_back(make_record_naming());
    return list;
  }();
  return kChecks;
}

}  // namespace mlmon::rules
