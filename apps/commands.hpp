#pragma once
#include <CLI/CLI.hpp>

#include "context.hpp"

namespace mlmon::cli {

// One function per subcommand, each in its own file; mlmon_main.cpp calls them all in one list.
void setup_version(CLI::App& app, Context& ctx);

}  // namespace mlmon::cli
