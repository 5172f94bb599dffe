#pragma once
#include <span>

#include "checks/check_info.hpp"

namespace mlmon::doctor {

/// Every finding `mlmon doctor` makes about the running stack, as the catalogue lists them. They
/// are lint checks: `.mlmon.yml` may turn them off or re-grade them like any other.
std::span<const checks::CheckInfo> check_list();

}  // namespace mlmon::doctor
