// What the shipped repository needs from Prometheus: metric names, jobs, recorded names.
#include "doctor/needs.hpp"

#include <doctest/doctest.h>

#include "core/inputs.hpp"
#include "doctor/repo.hpp"
#include "printers.hpp"
#include "temp_dir.hpp"

using namespace mlmon;
using namespace mlmon::doctor;

TEST_CASE("the shipped rules and dashboard: every metric they read, with who reads it, and the jobs they select") {
  const std::string root = MLMON_SOURCE_DIR;
  const Repo repo = load_repo({{root + "/rules/ml-platform.recording.yml", true},
                               {root + "/rules/ml-platform.rules.yml", true},
                               {root + "/dashboards/ml_metrics.json", true},
                               {root + "/rules/alertmanager.yml.tmpl", true}});
  CHECK(repo.problems.empty());
  CHECK(repo.rule_files.size() == 2);
  CHECK(repo.dashboards.size() == 1);
  CHECK(repo.alertmanager_configs.size() == 1);
  const RepoNeeds needs = collect_needs(repo);
  std::vector<std::string> names;
  for (const auto& [name, need] : needs.metrics) names.push_back(name);
  // ALERTS (the dashboard's "Firing alerts") exists only while alerts are active, `up` for each
  // target (a job without one is doctor/job-missing): never reported missing.
  CHECK(names == std::vector<std::string>{
                     "consumergroup_topic:kafka_consumergroup_lag:sum", "kafka_consumergroup_lag",
                     "model:prediction_errors:rate5m", "model:prediction_errors:ratio_rate5m",
                     "model:prediction_latency_seconds:p50_rate5m", "model:prediction_latency_seconds:p95_rate5m",
                     "model:prediction_latency_seconds:p99_rate5m", "model:predictions:rate5m", "model_drift_score",
                     "prediction_errors_total", "prediction_latency_seconds_bucket", "predictions_total",
                     "spark_job_duration_seconds", "spark_job_last_failure_timestamp_seconds",
                     "spark_job_last_success_timestamp_seconds", "spark_records_processed_total"});
  const MetricNeed& drift = needs.metrics.at("model_drift_score");
  REQUIRE(drift.users.size() == 2);
  CHECK(drift.users[0].what == "alert \"ModelDriftDetected\"");
  CHECK(drift.users[0].file.ends_with("rules/ml-platform.rules.yml"));
  CHECK(drift.users[0].pos.line == 72);
  CHECK(drift.users[1].what == "panel \"Model drift score\"");
  CHECK(drift.jobs == std::set<std::string>{"drift-monitor"});
  CHECK(needs.metrics.at("spark_job_duration_seconds").jobs == std::set<std::string>{"pushgateway"});
  // Read by three queries of one panel: one user.
  CHECK(needs.metrics.at("predictions_total").users.size() == 3);
  std::vector<std::string> jobs;
  for (const auto& [job, uses] : needs.jobs) jobs.push_back(job);
  CHECK(jobs == std::vector<std::string>{"drift-monitor", "prediction-service", "pushgateway"});
  CHECK(needs.jobs.at("pushgateway").front().what == "alert \"PushgatewayDown\"");
  REQUIRE(needs.recorded.contains("model:prediction_errors:ratio_rate5m"));
  CHECK(needs.recorded.at("model:prediction_errors:ratio_rate5m").front().reads ==
        std::vector<std::string>{"model:prediction_errors:rate5m", "model:predictions:rate5m"});
}

TEST_CASE("a file that does not load is left out, and said so") {
  testing::TempDir dir;
  const std::string broken = dir.file(
      "rules/broken.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        for: 5mins\n");
  const Repo repo = load_repo({{broken, true}});
  REQUIRE(repo.problems.size() == 1);
  CHECK(repo.problems[0].rule_id == "doctor/repo-file");
  CHECK(repo.problems[0].message ==
        "this rule file does not load (unknown unit \"mins\" in duration \"5mins\"), so it is not compared with the "
        "servers");
  CHECK(repo.rule_files.empty());
}
