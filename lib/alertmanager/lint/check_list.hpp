#pragma once
#include <memory>

#include "alertmanager/lint/check.hpp"

namespace mlmon::alertmanager {

// One factory per check file; registry.cpp lists them.
std::unique_ptr<LintCheck> make_missing_file();
std::unique_ptr<LintCheck> make_template_glob();
std::unique_ptr<LintCheck> make_unused_receiver();
std::unique_ptr<LintCheck> make_unused_time_interval();
std::unique_ptr<LintCheck> make_shadowed_route();
std::unique_ptr<LintCheck> make_inhibit_never_fires();
std::unique_ptr<LintCheck> make_plain_secret();
std::unique_ptr<LintCheck> make_unexpanded_env();
std::unique_ptr<LintCheck> make_template_syntax();

}  // namespace mlmon::alertmanager
