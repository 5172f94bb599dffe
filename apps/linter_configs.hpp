#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "core/report.hpp"
#include "dashboards/linter_config.hpp"

namespace mlmon::cli {

/// grafana/dashboard-linter's `.lint` beside a dashboard, read once per directory, as every command
/// that lints dashboards applies it. Its own problems go into the report the first time it is read.
class LinterConfigs {
 public:
  /// The `.lint` of the file's directory; nullptr when there is none (or the file is stdin, "-").
  const dashboards::LinterConfig* for_file(const std::string& path, Report& report);
  /// Why a `.lint` that exists could not be read, once: empty when all were read, or after the
  /// error was taken. A directory whose `.lint` failed counts as having none afterwards.
  std::string take_error() { return std::exchange(error_, {}); }

 private:
  std::map<std::string, std::unique_ptr<dashboards::LinterConfig>> configs_;
  std::string error_;
};

}  // namespace mlmon::cli
