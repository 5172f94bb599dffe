#pragma once
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlmon::testing {

/// A temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to path()/name (creating folders) and returns the full path.
  std::string write(const std::string& name, const std::string& text) const;
  std::string read(const std::string& name) const;

 private:
  std::filesystem::path path_;
};

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

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

/// Runs `mlmon <args...>` in-process.
CliRun run_cli(const std::vector<std::string>& args);

/// A small, valid dashboard: one timeseries panel with a p99 query and one threshold.
nlohmann::json sample_dashboard(const std::string& uid, const std::string& title, double threshold = 0.5);

/// 2-space JSON with a final newline, as files in a repository look.
std::string to_file(const nlohmann::json& value);

}  // namespace mlmon::testing
