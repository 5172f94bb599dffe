#pragma once
#include "checks/catalog.hpp"

namespace mlmon::workspace {

/// Every check of every area, from each area's explicit list: YAML, `.mlmon.yml`, rule files,
/// Alertmanager, dashboards, doctor. `mlmon checks` prints it; configuration is validated against it.
const checks::Catalog& catalog();

}  // namespace mlmon::workspace
