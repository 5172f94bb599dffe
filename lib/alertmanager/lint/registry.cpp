#include "alertmanager/lint/check_list.hpp"

namespace mlmon::alertmanager {

const std::vector<std::unique_ptr<LintCheck>>& lint_checks() {
  // The order is the order of the findings (lint_config() does not sort them).
  static const std::vector<std::unique_ptr<LintCheck>> kChecks = [] {
    std::vector<std::unique_ptr<LintCheck>> list;
    // what the decoder recorded: matchers only the classic parser accepts, and where the model of
    // the routing tree stops
    list.push_back(make_classic_matcher());
    list.push_back(make_route_depth());
    // files: the loader lists every `*_file` (decoded first) before the `templates` globs (read
    // when the model is built), so these two keep the order of that list
    list.push_back(make_missing_file());
    list.push_back(make_template_glob());
    // routing
    list.push_back(make_unused_receiver());
    list.push_back(make_unused_time_interval());
    list.push_back(make_shadowed_route());
    list.push_back(make_inhibit_never_fires());
    // what is written in the file
    list.push_back(make_plain_secret());
    list.push_back(make_unexpanded_env());
    list.push_back(make_template_syntax());
    return list;
  }();
  return kChecks;
}

const std::vector<std::unique_ptr<RuleCrossCheck>>& rule_crosschecks() {
  // Each rule is checked by these in this order; an alert that notifies nobody (unrouted-alert)
  // is not also said to reach only the root receiver (default-route-only skips it).
  static const std::vector<std::unique_ptr<RuleCrossCheck>> kChecks = [] {
    std::vector<std::unique_ptr<RuleCrossCheck>> list;
    list.push_back(make_unrouted_alert());
    list.push_back(make_default_route_only());
    return list;
  }();
  return kChecks;
}

}  // namespace mlmon::alertmanager
