#pragma once
#include <memory>

#include "rules/checks/check.hpp"

namespace mlmon::rules {

// One factory per check file; registry.cpp lists them.
std::unique_ptr<RuleCheck> make_alerts_for();
std::unique_ptr<RuleCheck> make_alerts_required_annotations();
std::unique_ptr<RuleCheck> make_alerts_required_labels();
std::unique_ptr<RuleCheck> make_alerts_runbook_url();
std::unique_ptr<RuleCheck> make_alerts_template_labels();
std::unique_ptr<RuleCheck> make_promql_counter_comparison();
std::unique_ptr<RuleCheck> make_rules_duplicate();
std::unique_ptr<RuleCheck> make_rules_record_naming();

}  // namespace mlmon::rules
