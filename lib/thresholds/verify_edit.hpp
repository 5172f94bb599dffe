#pragma once
#include <string>

#include "core/result.hpp"
#include "thresholds/edit_plan.hpp"

namespace mlmon::thresholds {

/// Re-reads `new_text` (the file after `edit`) before anything is written, and fails unless:
/// it parses as YAML to the same tree as the original except for the planned values and the
/// inserted `for:` entries; Prometheus's validations find no error the original did not have;
/// and each changed alert shows its new threshold. The error says what went wrong.
Result<void> verify_edit(const FileEdit& edit, const std::string& new_text);

}  // namespace mlmon::thresholds
