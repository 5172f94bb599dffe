#pragma once
#include <functional>
#include <span>
#include <string_view>

#include "core/report.hpp"
#include "core/source_file.hpp"
#include "dashboards/linter_config.hpp"
#include "dashboards/model.hpp"

namespace mlmon::dashboards {

class DashboardCheck;

/// How configuration shapes a lint run; every hook is optional (default: every check on, at its
/// default severity, nothing excluded). The shapes match project::Config's methods.
struct LintOptions {
  std::function<bool(std::string_view check_id)> enabled;
  std::function<Severity(std::string_view check_id, Severity default_severity)> severity;
  /// `dashboard` is asked with the uid and then with the title; `panel` is the panel's title ("" when none).
  std::function<bool(std::string_view check_id, std::string_view file, std::string_view dashboard,
                     std::string_view panel)>
      excluded;
  /// A dashboard-linter `.lint` that applies to the file: its exclusions and warnings.
  const LinterConfig* linter_config = nullptr;
};

/// Runs every enabled check over a loaded dashboard, adding its findings to `report`.
void lint_dashboard(const Dashboard& dashboard, const LintOptions& options, Report& report);

/// The same with other checks than the registry's: the worked example of docs/adding-a-check.md
/// runs its check through here before it is registered.
void lint_dashboard(const Dashboard& dashboard, std::span<const DashboardCheck* const> checks,
                    const LintOptions& options, Report& report);

/// Loads and lints one file. A load failure (not JSON, not a dashboard) is reported as its
/// error and stops that file's checks; it is never disabled or excluded.
void lint_file(const SourceFilePtr& file, const LintOptions& options, Report& report);

}  // namespace mlmon::dashboards
