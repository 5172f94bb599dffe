#pragma once
// What the Alertmanager subcommands share: reading a config and turning findings into a report.
#include <optional>
#include <string>

#include "alertmanager/loader.hpp"
#include "context.hpp"
#include "core/report.hpp"

namespace mlmon::cli {

/// Reads and loads an Alertmanager config; on an I/O error prints it and returns nullopt.
std::optional<alertmanager::LoadedConfig> load_alertmanager_file(const std::string& path, const std::string& command,
                                                                 Context& ctx);

/// The directory relative paths in the config are resolved against.
std::string config_directory(const alertmanager::LoadedConfig& loaded);

/// Adds the config's findings, the template files' errors (as Alertmanager parses them when it
/// loads) and, when `lint`, mlmon's own warnings to `report`, with the
/// source registered in its redacted form so quoted lines never show a secret.
void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report);

/// Renders only the errors of a config to stderr (routes show/test refuse a broken config).
void print_config_errors(const alertmanager::LoadedConfig& loaded, Context& ctx);

}  // namespace mlmon::cli
