#include "workspace/catalog.hpp"

#include "alertmanager/check_list.hpp"
#include "dashboards/checks/check.hpp"
#include "doctor/check_list.hpp"
#include "project/config.hpp"
#include "rules/checks/check.hpp"
#include "ruletest/findings.hpp"
#include "yaml/check_list.hpp"

namespace mlmon::workspace {

const checks::Catalog& catalog() {
  static const checks::Catalog kCatalog{yaml::check_list(),
                                        project::check_list(),
                                        rules::all_rule_checks(),
                                        alertmanager::check_list(),
                                        dashboards::all_dashboard_checks(),
                                        doctor::check_list(),
                                        ruletest::check_list()};
  return kCatalog;
}

}  // namespace mlmon::workspace
