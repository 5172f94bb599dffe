#pragma once
#include <string>
#include <vector>

#include "alertmanager/loader.hpp"
#include "core/diagnostic.hpp"

namespace mlmon::alertmanager {

/// The directory relative paths in the config are resolved against (the config file's).
std::string config_directory(const LoadedConfig& loaded);

/// Everything there is to say about a loaded config: Alertmanager's own findings, the errors of
/// the template files it loads (as Alertmanager parses them when it loads) and, when `lint`,
/// mlmon's warnings (`in_template`: the config is a template rendered in memory, see
/// LintOptions). Quote lines from `loaded.redacted_source()`, never the original.
std::vector<Diagnostic> config_findings(const LoadedConfig& loaded, bool lint, bool in_template = false);

}  // namespace mlmon::alertmanager
