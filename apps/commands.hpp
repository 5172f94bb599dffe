#pragma once
#include <CLI/CLI.hpp>

#include <string>

#include "context.hpp"

namespace mlmon::cli {

// One function per subcommand, each in its own file; mlmon_main.cpp calls them all in one list.
void setup_check(CLI::App& app, Context& ctx);
void setup_checks(CLI::App& app, Context& ctx);
void setup_check_alertmanager(CLI::App& app, Context& ctx);
void setup_check_dashboards(CLI::App& app, Context& ctx);
void setup_check_rules(CLI::App& app, Context& ctx);
void setup_diff(CLI::App& app, Context& ctx);
void setup_doctor(CLI::App& app, Context& ctx);
void setup_export_dashboard(CLI::App& app, Context& ctx);
void setup_import_dashboard(CLI::App& app, Context& ctx);
void setup_promql(CLI::App& app, Context& ctx);
void setup_render_alertmanager(CLI::App& app, Context& ctx);
void setup_routes(CLI::App& app, Context& ctx);
void setup_set_threshold(CLI::App& app, Context& ctx);
void setup_test_rules(CLI::App& app, Context& ctx);
void setup_thresholds(CLI::App& app, Context& ctx);
void setup_version(CLI::App& app, Context& ctx);
// Need the whole command tree: called after the others.
void setup_completion(CLI::App& app, Context& ctx);
void setup_man(CLI::App& app, Context& ctx);

/// "mlmon 0.1.0": what `mlmon version` and `mlmon --version` print.
std::string version_line();
/// "0.1.0".
std::string version_number();

}  // namespace mlmon::cli
