#pragma once
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "project/config.hpp"

namespace mlmon::workspace {

/// `.mlmon.yml` as every command loads it (see project::load_config), with every check id it names
/// validated against the catalogue: a typo is a problem, not a setting that silently does nothing.
Result<project::Config> load_project_config(const std::string& explicit_path, const std::string& start,
                                            std::vector<Diagnostic>& problems);

}  // namespace mlmon::workspace
