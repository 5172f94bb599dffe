#pragma once
#include "core/change_set.hpp"
#include "core/result.hpp"
#include "dashboards/model.hpp"

namespace mlmon::dashboards {

/// The semantic difference between two dashboards, as `mlmon diff` reports it:
/// - ignored: key order, the dashboard's `id`, `version`, `iteration`, panels' `id` and
///   `pluginVersion`, `__requires`, a variable's `current` and `options` (what was selected when
///   it was saved), and datasource churn (a legacy name against `{type, uid}`, null against absent);
/// - panels (rows included) are matched by id and title, then by title, then by id; each is
///   added, removed, moved (to another row, or out of reading order) or changed (its fields,
///   targets matched by refId, as `path: old → new`);
/// - variables are matched by name; the dashboard's own settings (title, time, refresh, tags,
///   links, annotations...) are compared field by field.
ChangeSet diff_dashboards(const Dashboard& old_dashboard, const Dashboard& new_dashboard);

/// The same for two dashboard objects in memory (the dashboard itself, not an API envelope, as a
/// Grafana reply holds it): an error, not an exception, when one is too odd for the model.
Result<ChangeSet> diff_dashboard_json(const Json& old_dashboard, const Json& new_dashboard);

}  // namespace mlmon::dashboards
