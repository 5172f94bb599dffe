#pragma once
// A healthy stack for the shipped repository, faked: Prometheus running the shipped rules (as
// 3.5.3 reported them), every target up, every metric present; Alertmanager running the shipped
// template (as 0.33.1 reported it). Tests break one thing and look for the one finding.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fake_stack.hpp"
#include "run_cli.hpp"
#include "temp_dir.hpp"

namespace mlmon::testing {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline nlohmann::json target(const std::string& job, const std::string& instance, const std::string& health,
                             const std::string& error = "") {
  return {{"labels", {{"job", job}, {"instance", instance}}},
          {"scrapePool", job},
          {"scrapeUrl", "http://" + instance + "/metrics"},
          {"lastError", error},
          {"lastScrape", "2026-12-07T09:09:59Z"},
          {"health", health}};
}

struct Stack {
  TempDir dir;
  FakePrometheus prometheus;
  FakeAlertmanager alertmanager{read_text(std::string(MLMON_TESTDATA) + "/alertmanager-0.33.1-original.yml")};

  Stack() {
    const std::filesystem::path source = MLMON_SOURCE_DIR;
    for (const char* file : {"rules/ml-platform.recording.yml", "rules/ml-platform.rules.yml",
                             "rules/alertmanager.yml.tmpl", "dashboards/ml_metrics.json"}) {
      dir.file(file, read_text((source / file).string()));
    }
    prometheus.set_data("/api/v1/rules",
                        nlohmann::json::parse(read_text(std::string(MLMON_TESTDATA) + "/rules-3.5.3.json")));
    prometheus.set_data("/api/v1/targets", {{"activeTargets",
                                             {target("prediction-service", "prediction-service:8000", "up"),
                                              target("drift-monitor", "drift-monitor:8001", "up"),
                                              target("kafka-exporter", "kafka-exporter:9308", "up"),
                                              target("pushgateway", "pushgateway:9091", "up")}},
                                            {"droppedTargets", nlohmann::json::array()}});
    prometheus.set_series_names(
        {"consumergroup_topic:kafka_consumergroup_lag:sum", "kafka_consumergroup_lag", "model:prediction_errors:rate5m",
         "model:prediction_errors:ratio_rate5m", "model:prediction_latency_seconds:p50_rate5m",
         "model:prediction_latency_seconds:p95_rate5m", "model:prediction_latency_seconds:p99_rate5m",
         "model:predictions:rate5m", "model_drift_score", "prediction_errors_total",
         "prediction_latency_seconds_bucket", "predictions_total", "spark_job_duration_seconds",
         "spark_job_last_failure_timestamp_seconds", "spark_job_last_success_timestamp_seconds",
         "spark_records_processed_total", "up", "scrape_duration_seconds"});
    prometheus.start();
    alertmanager.start();
  }

  std::vector<std::string> args(std::vector<std::string> extra = {}) const {
    std::vector<std::string> out{"doctor",           dir.path(), "--prometheus", prometheus.url(), "--alertmanager",
                                 alertmanager.url(), "--skip",   "grafana",      "--retries",      "0"};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }
  CliRun run(std::vector<std::string> extra = {}) const { return run_cli(args(std::move(extra))); }

  /// The finding lines of a text run (severity label first), paths shown relative to the repository.
  std::vector<std::string> findings(const CliRun& run) const {
    std::vector<std::string> out;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("  error ") && !line.starts_with("  warning ") && !line.starts_with("  info ")) continue;
      for (std::size_t at; (at = line.find(dir.path() + "/")) != std::string::npos;)
        line.erase(at, dir.path().size() + 1);
      out.push_back(line);
    }
    return out;
  }
};

}  // namespace mlmon::testing

namespace mlmon::testing {

/// Sets an environment variable for one scope (doctor reads PROMETHEUS_URL, tokens, ...).
class ScopedEnvForDoctor {
 public:
  ScopedEnvForDoctor(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) saved_ = old;
    ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnvForDoctor() {
    if (saved_) {
      ::setenv(name_.c_str(), saved_->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  ScopedEnvForDoctor(const ScopedEnvForDoctor&) = delete;
  ScopedEnvForDoctor& operator=(const ScopedEnvForDoctor&) = delete;

 private:
  std::string name_;
  std::optional<std::string> saved_;
};

}  // namespace mlmon::testing
