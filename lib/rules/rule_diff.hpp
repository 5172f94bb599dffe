#pragma once
#include "core/change_set.hpp"
#include "rules/model.hpp"

namespace mlmon::rules {

/// The semantic difference between two rule files (or PrometheusRule manifests), as `mlmon diff`
/// reports it. Subjects are `group "g"`, `alert "X" (group "g")` and `record "x:y:z" (group "g")`.
/// - Never a change: key order, comments, quoting and scalar style, indentation, anchors, the
///   manifest around the groups, and the order of groups and of rules in a group, except that
///   a rule moving before or after a recording rule of its group that it reads is reported
///   (`moved: after record "r" → before record "r"`): it then sees the previous evaluation's value.
/// - Groups are matched by name: added, removed, or changed in `interval`, `query_offset`,
///   `limit` (absent is 0) and `labels.<key>`.
/// - Rules are matched by group, kind and name. Several same-named rules of one group are paired
///   identical ones first, then those with identical labels, then in order; their subject adds the
///   labels that tell them apart (`alert "X" {severity="critical"} (group "g")`, or `rule N`
///   when labels do not). A rule not found in its group but found in another is moved
///   (`group "a" → group "b"`), with its field changes.
/// - Fields: `expr` compared as trees, parentheses aside (text when it does not parse); for
///   an alert whose threshold numbers alone changed, `threshold` (see diff_exprs); `for` and
///   `keep_firing_for` as durations (`5m` is `300s`, absent is `0s`), shown as written;
///   `labels.<key>` and `annotations.<key>` one per key, `(none)` when absent.
/// Removed groups and rules come first, then everything else in the new file's order.
ChangeSet diff_rule_files(const RuleFile& old_file, const RuleFile& new_file);

}  // namespace mlmon::rules
