#pragma once
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "run_cli.hpp"
#include "temp_dir.hpp"

namespace mlmon::testing {

/// Sets (or unsets, with nullopt) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> saved_;
};

/// A small, valid dashboard: one timeseries panel with a p99 query and one threshold.
nlohmann::json sample_dashboard(const std::string& uid, const std::string& title, double threshold = 0.5);

/// 2-space JSON with a final newline, as files in a repository look.
std::string to_file(const nlohmann::json& value);

}  // namespace mlmon::testing
