#pragma once
#include <map>
#include <memory>
#include <string>

#include "core/report.hpp"
#include "core/result.hpp"
#include "dashboards/linter_config.hpp"

namespace mlmon::dashboards {

/// grafana/dashboard-linter's `.lint` beside a dashboard, read once per directory, as every command
/// that lints dashboards applies it. Its own problems go into the report the first time it is read.
class LinterConfigCache {
 public:
  /// The `.lint` of the file's directory; nullptr when there is none (or the file is stdin, "-").
  /// An error when one exists but cannot be read; that directory counts as having none afterwards.
  Result<const LinterConfig*> for_file(const std::string& path, Report& report);

 private:
  std::map<std::string, std::unique_ptr<LinterConfig>> configs_;
};

}  // namespace mlmon::dashboards
