#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"

namespace mlmon::dashboards {

/// grafana/dashboard-linter's configuration file (`.lint` beside the dashboards), read so that
/// dashboards which already carry one lint the same way under mlmon:
///
///     exclusions:
///       target-counter-agg-rule:
///         reason: ...
///         entries:
///           - dashboard: Title
///             panel: Panel title
///             targetIdx: "0"
///             reason: ...
///     warnings:
///       panel-units-rule:
///
/// A rule without entries applies to everything. dashboard-linter's rule names are mapped to the
/// mlmon checks that do the same job (see linter_rule_check); mlmon ids are accepted as well;
/// rules mlmon has no equivalent for are ignored.
struct LinterConfig {
  struct Entry {
    std::string dashboard;                    ///< dashboard title ("" = any)
    std::string panel;                        ///< panel title ("" = any)
    std::optional<std::size_t> target_index;  ///< `targetIdx`: 0-based query index
  };
  /// Per mlmon check id; an empty list means the whole check.
  std::map<std::string, std::vector<Entry>, std::less<>> exclusions;
  std::map<std::string, std::vector<Entry>, std::less<>> warnings;

  bool excludes(std::string_view check_id, std::string_view dashboard, std::string_view panel,
                std::optional<std::size_t> target_index) const;
  bool downgrades(std::string_view check_id, std::string_view dashboard, std::string_view panel,
                  std::optional<std::size_t> target_index) const;
};

/// The mlmon check for a dashboard-linter rule name ("target-counter-agg-rule" →
/// "dashboards/counter-without-rate"), the id itself for an mlmon id, or "" when there is none.
std::string_view linter_rule_check(std::string_view rule);

/// Parses a `.lint` file; problems (YAML syntax, wrong types) are diagnostics with rule id
/// "dashboards/linter-config", and the parts that make sense are kept.
LinterConfig parse_linter_config(const SourceFilePtr& file, std::vector<Diagnostic>& problems);

}  // namespace mlmon::dashboards
