#pragma once
#include <span>

#include "checks/check_info.hpp"

namespace mlmon::yaml {

/// The problems load() reports, as checks: YAML every tool reading the file would refuse.
std::span<const checks::CheckInfo> check_list();

}  // namespace mlmon::yaml
