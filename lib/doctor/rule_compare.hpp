#pragma once
// A loaded rule group against the repository's group of the same name, with `mlmon diff`'s
// semantics: both sides are written as one-group rule files and compared by rules::diff_rule_files
// (expressions as trees, durations as durations, labels and annotations key by key, same-named
// rules paired as diff pairs them).
#include "core/change_set.hpp"
#include "doctor/prometheus_api.hpp"
#include "rules/model.hpp"

namespace mlmon::doctor {

/// The changes from what Prometheus runs (old) to what git has (new). Prometheus merges a group's
/// labels into each rule's, so the repository's side is compared the same way; group-level
/// `interval`, `query_offset` and `limit` are not part of it (Prometheus reports the interval in
/// effect, not the one written).
ChangeSet compare_group(const rules::Group& repo, const LiveGroup& live);

/// The repository's rule of a change's subject (`alert "X" {severity="critical"} (group "g")`):
/// same kind and name, and the labels the subject shows; nullptr when none.
const rules::Rule* rule_of_subject(const rules::Group& repo, std::string_view subject);

}  // namespace mlmon::doctor
