#include "workspace/project_config.hpp"

#include "workspace/catalog.hpp"

namespace mlmon::workspace {

Result<project::Config> load_project_config(const std::string& explicit_path, const std::string& start,
                                            std::vector<Diagnostic>& problems) {
  project::Config config = MLMON_TRY(project::load_config(explicit_path, start, problems));
  for (Diagnostic& d : project::check_ids(config, catalog())) problems.push_back(std::move(d));
  return config;
}

}  // namespace mlmon::workspace
