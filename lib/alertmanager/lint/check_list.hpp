#pragma once
#include <memory>

#include "alertmanager/lint/check.hpp"

namespace mlmon::alertmanager {

// One factory per check file; registry.cpp lists them.
std::unique_ptr<LintCheck> make_classic_matcher();
std::unique_ptr<LintCheck> make_route_depth();
std::unique_ptr<LintCheck> make_missing_file();
std::unique_ptr<LintCheck> make_template_glob();
std::unique_ptr<LintCheck> make_unused_receiver();
std::unique_ptr<LintCheck> make_unused_time_interval();
std::unique_ptr<LintCheck> make_shadowed_route();
std::unique_ptr<LintCheck> make_inhibit_never_fires();
std::unique_ptr<LintCheck> make_plain_secret();
std::unique_ptr<LintCheck> make_unexpanded_env();
std::unique_ptr<LintCheck> make_template_syntax();

// The rules cross-checks.
std::unique_ptr<RuleCrossCheck> make_unrouted_alert();
std::unique_ptr<RuleCrossCheck> make_default_route_only();

}  // namespace mlmon::alertmanager
