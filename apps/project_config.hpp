#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "context.hpp"
#include "output_options.hpp"
#include "project/config.hpp"

namespace mlmon::cli {

/// The project's .mlmon.yml (`config_path`, else found walking up from `start`; the defaults when
/// there is none), as every command that checks loads it. A config that cannot be read, or has
/// problems (a check id that does not exist among them), is the user's to fix before anything is checked: the problems
/// are rendered as `output` asks, `mlmon <command>: ...` says what to do on ctx.err, and the result is empty (exit
/// kExitUsage).
std::optional<project::Config> load_project_config(std::string_view command, const std::string& config_path,
                                                   const std::string& start, const OutputOptions& output, Context& ctx);

}  // namespace mlmon::cli
