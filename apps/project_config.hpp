#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "context.hpp"
#include "dashboards/lint.hpp"
#include "output_options.hpp"
#include "project/config.hpp"

namespace mlmon::cli {

/// The project's .mlmon.yml (`config_path`, else found walking up from `start`; the defaults when
/// there is none), as every command that checks loads it. A config that cannot be read, or has
/// problems, is the user's to fix before anything is checked: the problems are rendered as `output`
/// asks, `mlmon <command>: ...` says what to do on ctx.err, and the result is empty (exit
/// kExitUsage).
std::optional<project::Config> load_project_config(std::string_view command, const std::string& config_path,
                                                   const std::string& start, const OutputOptions& output,
                                                   Context& ctx);

/// Dashboard lint options applying the config's enable/severity/exclude policy. They refer to
/// `config`, which must outlive them.
dashboards::LintOptions dashboard_lint_options(const project::Config& config);

}  // namespace mlmon::cli
