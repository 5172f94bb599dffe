#include "test_support.hpp"

#include <stdlib.h>

namespace mlmon::testing {

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

nlohmann::json sample_dashboard(const std::string& uid, const std::string& title, double threshold) {
  using nlohmann::json;
  json panel = {
      {"id", 1},
      {"type", "timeseries"},
      {"title", "p99 latency"},
      {"gridPos", {{"x", 0}, {"y", 0}, {"w", 12}, {"h", 8}}},
      {"datasource", {{"type", "prometheus"}, {"uid", "prom"}}},
      {"targets", json::array({{{"refId", "A"},
                                {"expr",
                                 "histogram_quantile(0.99, sum by (le) "
                                 "(rate(http_request_duration_seconds_bucket[$__rate_interval])))"}}})},
      {"fieldConfig",
       {{"defaults",
         {{"unit", "s"},
          {"thresholds", {{"mode", "absolute"}, {"steps", json::array({{{"color", "red"}, {"value", threshold}}})}}}}},
        {"overrides", json::array()}}}};
  return json{{"uid", uid},
              {"title", title},
              {"schemaVersion", 39},
              {"tags", json::array({"ml"})},
              {"time", {{"from", "now-6h"}, {"to", "now"}}},
              {"panels", json::array({panel})}};
}

std::string to_file(const nlohmann::json& value) { return value.dump(2) + "\n"; }

}  // namespace mlmon::testing
