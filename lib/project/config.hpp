#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "checks/catalog.hpp"
#include "core/diagnostic.hpp"
#include "core/result.hpp"

namespace mlmon::project {

/// Per-check settings from `.mlmon.yml`: `checks: {<id>: off | error | warning | info | {enabled, severity, reason}}`.
struct CheckSetting {
  Position pos;  ///< of the check id in the file
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::string reason;
};

/// One exclusion: a check silenced for some files, dashboards or panels, with the reason why.
struct Exclusion {
  std::string check;      ///< check id; "*" for all
  Position check_pos;     ///< of `check`'s value in the file
  std::string path;       ///< glob on the file path ("" = any)
  std::string dashboard;  ///< dashboard uid or title ("" = any)
  std::string panel;      ///< panel title ("" = any)
  std::string reason;
};

/// The project's configuration, shared by every check. Defaults when no file exists.
struct Config {
  std::string path;  ///< the file it came from; "" when defaults
  std::map<std::string, CheckSetting> checks;
  /// rules policy; std::nullopt keeps the built-in default
  std::optional<std::map<std::string, std::vector<std::string>>> required_labels;
  std::optional<std::vector<std::string>> required_annotations;
  std::vector<Exclusion> exclude;
  /// Globs (relative to the config's directory) that `mlmon check DIR` does not look into,
  /// e.g. test fixtures that are broken on purpose.
  std::vector<std::string> ignore;

  bool enabled(std::string_view check_id) const;
  Severity severity(std::string_view check_id, Severity default_severity) const;
  /// True when an exclusion matches this finding's check, file, dashboard and panel.
  bool excluded(std::string_view check_id, std::string_view file, std::string_view dashboard = {},
                std::string_view panel = {}) const;
  /// True when `relative_path` matches one of the `ignore` globs (`*` also matches `/`).
  bool ignored(std::string_view relative_path) const;
};

/// Parses a `.mlmon.yml`. Unknown keys, wrong types and unknown severities are diagnostics
/// (rule id "config/schema"), every one of them; the config is usable only if there are none.
Config parse_config(const std::string& path, const std::string& text, std::vector<Diagnostic>& problems);

/// Walks up from `start` (a file or directory) to the filesystem root, returning the first
/// `.mlmon.yml` found, or "" when there is none.
std::string find_config(const std::string& start);

/// Finds (or takes `explicit_path`), reads and parses the configuration for inputs at `start`.
/// I/O failures are errors; schema problems are returned in `problems`.
Result<Config> load_config(const std::string& explicit_path, const std::string& start,
                           std::vector<Diagnostic>& problems);

/// The checks of `.mlmon.yml` itself (config/schema, config/unknown-check).
std::span<const checks::CheckInfo> check_list();

/// Every check id the config names (`checks:`, `exclude[].check`) that the catalogue does not
/// have, or that names a validation, which cannot be configured: one error each
/// (config/unknown-check), with the closest id as a suggestion.
std::vector<Diagnostic> check_ids(const Config& config, const checks::Catalog& catalog);

/// Applies a config to findings of lint checks: drops disabled and excluded ones, sets severities.
/// `is_lint` says which rule ids are policy checks (Prometheus's own validations always stay).
void apply_config(const Config& config, std::vector<Diagnostic>& findings, bool (*is_lint)(std::string_view rule_id));

}  // namespace mlmon::project
