#pragma once
// What the repository needs from Prometheus: the metric names its rules and dashboards read, the
// scrape jobs its rules select (`up{job="..."}`), and which recording rules produce which names.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/position.hpp"
#include "doctor/repo.hpp"

namespace mlmon::doctor {

/// A rule or panel that reads a metric or selects a job.
struct Use {
  std::string what;  ///< `alert "HighPredictionLatency"`, `record "a:b:c"`, `panel "Kafka lag"`
  std::string file;
  Position pos;       ///< of the expression
  std::string group;  ///< the rule's group; "" for a panel
};

struct MetricNeed {
  std::vector<Use> users;
  /// Jobs selected with `up{job=...}` in the groups of the rules that read it: who should export it.
  std::set<std::string> jobs;
};

/// A recording rule: what it records from.
struct Producer {
  std::string group;
  std::vector<std::string> reads;
};

struct RepoNeeds {
  std::map<std::string, MetricNeed> metrics;              ///< by metric name
  std::map<std::string, std::vector<Use>> jobs;           ///< by job name
  std::map<std::string, std::vector<Producer>> recorded;  ///< by the name a recording rule writes
};

/// Series Prometheus makes itself: ALERTS and ALERTS_FOR_STATE while alerts are pending or firing,
/// `up` for each target (a job without targets is doctor/job-missing). Never "missing" metrics.
bool is_synthetic_series(const std::string& name);

RepoNeeds collect_needs(const Repo& repo);

}  // namespace mlmon::doctor
