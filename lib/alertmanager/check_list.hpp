#pragma once
#include <span>

#include "checks/check_info.hpp"

namespace mlmon::alertmanager {

/// Every check of Alertmanager configs, routing cases and config templates, as the catalogue
/// lists them: Alertmanager's own validations (what it refuses to load) and mlmon's lint.
std::span<const checks::CheckInfo> check_list();

}  // namespace mlmon::alertmanager
