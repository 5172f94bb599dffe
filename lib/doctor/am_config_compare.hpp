#pragma once
// The config Alertmanager runs against the repository's, by meaning: the routing tree (receiver,
// matchers, continue, group_by, timers with inheritance and Alertmanager's defaults, time
// intervals), inhibit rules, receivers and the fields of each integration and of `global` that
// the repository writes. Alertmanager reports its config with every default filled in, so a field
// the repository leaves out is not compared; secrets (`<secret>` in Alertmanager's copy) and
// values a template rendering wrote (placeholders, `${VAR:-default}`) never are. `templates:`
// paths differ per deployment and are not compared either.
#include <string>
#include <vector>

#include "alertmanager/loader.hpp"
#include "core/position.hpp"

namespace mlmon::doctor {

struct ConfigDifference {
  Position pos;      ///< in the repository's file; unknown for what only Alertmanager has
  std::string text;  ///< `route 1 {severity="critical"}: repeat_interval: 1h in git, 2h in Alertmanager`
};

std::vector<ConfigDifference> compare_alertmanager_configs(const alertmanager::LoadedConfig& git,
                                                           const alertmanager::LoadedConfig& live);

}  // namespace mlmon::doctor
