#pragma once
#include "dashboards/lint.hpp"
#include "project/config.hpp"

namespace mlmon::workspace {

/// The dashboard checks as `.mlmon.yml` configures them (enabled, severity, exclusions).
/// `config` must outlive the options.
dashboards::LintOptions dashboard_lint_options(const project::Config& config);

}  // namespace mlmon::workspace
