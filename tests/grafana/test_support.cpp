#include "test_support.hpp"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

#include "mlmon_main.hpp"

namespace mlmon::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "mlmon-grafana-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  fs::path file = path_ / name;
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file.string();
}

std::string TempDir::read(const std::string& name) const {
  std::ifstream in(path_ / name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ScopedEnv::ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
  if (const char* old = std::getenv(name_.c_str())) saved_ = old;
  if (value) {
    ::setenv(name_.c_str(), value->c_str(), 1);
  } else {
    ::unsetenv(name_.c_str());
  }
}

ScopedEnv::~ScopedEnv() {
  if (saved_) {
    ::setenv(name_.c_str(), saved_->c_str(), 1);
  } else {
    ::unsetenv(name_.c_str());
  }
}

CliRun run_cli(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"mlmon"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.code = mlmon::cli::mlmon_main(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

nlohmann::json sample_dashboard(const std::string& uid, const std::string& title, double threshold) {
  using nlohmann::json;
  json panel = {
      {"id", 1},
      {"type", "timeseries"},
      {"title", "p99 latency"},
      {"gridPos", {{"x", 0}, {"y", 0}, {"w", 12}, {"h", 8}}},
      {"datasource", {{"type", "prometheus"}, {"uid", "prom"}}},
      {"targets", json::array({{{"refId", "A"},
                                {"expr", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))"}}})},
      {"fieldConfig",
       {{"defaults", {{"unit", "s"}, {"thresholds", {{"mode", "absolute"}, {"steps", json::array({{{"color", "red"}, {"value", threshold}}})}}}}},
        {"overrides", json::array()}}}};
  return json{{"uid", uid},         {"title", title},          {"schemaVersion", 39}, {"tags", json::array({"ml"})},
              {"time", {{"from", "now-6h"}, {"to", "now"}}}, {"panels", json::array({panel})}};
}

std::string to_file(const nlohmann::json& value) { return value.dump(2) + "\n"; }

}  // namespace mlmon::testing
