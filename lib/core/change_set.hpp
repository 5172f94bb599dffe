#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon {

/// One field that differs: `fieldConfig.defaults.unit: "s" → "ms"`.
struct FieldChange {
  std::string path;                      ///< relative to the subject: "targets[A].expr", "time.from"
  std::optional<std::string> old_value;  ///< compact JSON; nullopt when the field is absent
  std::optional<std::string> new_value;
};

enum class ChangeKind { Added, Removed, Moved, Changed };
std::string_view to_string(ChangeKind kind);  ///< "added", "removed", "moved", "changed"

/// What happened to one thing (a panel, a variable, the dashboard's own settings, or for rule
/// files an alert or recording rule). Kept free of any file format so every differ shares it.
struct Change {
  ChangeKind kind = ChangeKind::Changed;
  std::string subject;  ///< `panel "p99 latency"`, `variable "job"`, `dashboard`
  /// Set when the thing moved (a Moved change, or a Changed one that also moved).
  std::string moved_from;
  std::string moved_to;
  std::vector<FieldChange> fields;  ///< Changed: what differs
};

/// The semantic difference between two files; empty when they mean the same.
struct ChangeSet {
  std::vector<Change> changes;
  bool empty() const { return changes.empty(); }
};

/// One line per fact, in order: `+ panel "New"`, `- panel "Old"`,
/// `> panel "CPU" moved: row "A" (x 0, y 8) → row "B" (x 0, y 1)`,
/// `~ panel "p99 latency": fieldConfig.defaults.thresholds.steps[1].value: 0.5 → 0.3`
/// (an absent side is written `(none)`).
std::vector<std::string> change_lines(const ChangeSet& changes);

/// The lines of change_lines(), each ending in a newline; nothing when the set is empty.
void render_changes_text(const ChangeSet& changes, std::ostream& out);

/// {"old": ..., "new": ..., "equal": bool, "changes": [{"kind", "subject", "from"?, "to"?,
///  "fields"?: [{"path", "old"?, "new"?}]}]}; field values are JSON values, absent sides omitted.
void render_changes_json(const ChangeSet& changes, std::string_view old_path, std::string_view new_path,
                         std::ostream& out);

}  // namespace mlmon
