#pragma once
#include <memory>

#include "rules/checks/check.hpp"

namespace mlmon::rules {

// One factory per check file; registry.cpp lists them.
std::unique_ptr<RuleCheck> make_alert_for();
std::unique_ptr<RuleCheck> make_alert_required_annotations();
std::unique_ptr<RuleCheck> make_alert_required_labels();
std::unique_ptr<RuleCheck> make_alert_runbook_url();
std::unique_ptr<RuleCheck> make_alert_template_labels();
std::unique_ptr<RuleCheck> make_counter_comparison();
std::unique_ptr<RuleCheck> make_duplicate_rule();
std::unique_ptr<RuleCheck> make_record_naming();

}  // namespace mlmon::rules
