#pragma once
#include <vector>

#include "core/diagnostic.hpp"
#include "rules/model.hpp"

namespace mlmon::rules {

/// Drops findings silenced by inline comments: `# mlmon: disable=<check-id>[,<check-id>...]` on
/// any line of a rule, or on the line just above its `- alert:`/`- record:`, silences those
/// checks for that rule only. Only lint checks can be silenced, never Prometheus's own errors.
void apply_inline_suppressions(const RuleFile& file, std::vector<Diagnostic>& findings,
                               bool (*is_lint)(std::string_view rule_id));

}  // namespace mlmon::rules
