#pragma once
// What the running stack says, fetched once per run: each endpoint is asked at most once, and a
// check that needs an answer another check already got reuses it.
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alertmanager/loader.hpp"
#include "core/result.hpp"
#include "doctor/alertmanager_api.hpp"
#include "doctor/prometheus_api.hpp"
#include "doctor/service_client.hpp"
#include "grafana/client.hpp"

namespace mlmon::doctor {

class Live {
 public:
  /// A client is null when its component is skipped or did not answer: checks needing it do not run.
  Live(ServiceClient* prometheus, ServiceClient* alertmanager, grafana::GrafanaClient* grafana)
      : prometheus_(prometheus), alertmanager_(alertmanager), grafana_(grafana) {}

  /// After Up: only components that are healthy and ready are asked further.
  void keep_only(bool prometheus, bool alertmanager, bool grafana) {
    if (!prometheus) prometheus_ = nullptr;
    if (!alertmanager) alertmanager_ = nullptr;
    if (!grafana) grafana_ = nullptr;
  }

  ServiceClient* prometheus() const { return prometheus_; }
  ServiceClient* alertmanager() const { return alertmanager_; }
  grafana::GrafanaClient* grafana() const { return grafana_; }

  // Prometheus (GET /api/v1/...).
  const Result<std::vector<Target>>& targets();
  const Result<std::vector<LiveGroup>>& rule_groups();
  const Result<std::vector<PromAlert>>& alerts();
  const Result<AlertmanagerTargets>& alertmanagers();
  const Result<RuntimeInfo>& runtime_info();
  const Result<std::string>& prometheus_metrics();  ///< its own /metrics
  /// Which of `names` have a series in the last 5 minutes (GET /api/v1/label/__name__/values
  /// with a match[] regex, 50 names a request).
  Result<std::set<std::string>> names_with_series(const std::vector<std::string>& names);
  /// An instant query (GET /api/v1/query): the `result` of its data.
  Result<nlohmann::json> query(std::string_view promql);

  // Alertmanager (GET /api/v2/...).
  const Result<std::vector<AmAlert>>& am_alerts();
  const Result<std::vector<Silence>>& silences();
  const Result<AmStatus>& am_status();
  const Result<std::string>& alertmanager_metrics();
  /// The config Alertmanager runs, loaded from am_status(); nullptr when that failed.
  const alertmanager::LoadedConfig* alertmanager_config();

  // Grafana.
  const grafana::ApiResult<std::vector<grafana::Datasource>>& datasources();

  /// Prometheus's clock when it told it (runtimeinfo), else this machine's: for "down for 2m".
  double now();

 private:
  template <class T>
  using Memo = std::optional<Result<T>>;
  template <class T>
  const Result<T>& remember(Memo<T>& memo, const std::function<Result<T>()>& fetch) {
    if (!memo) memo = fetch();
    return *memo;
  }

  ServiceClient* prometheus_;
  ServiceClient* alertmanager_;
  grafana::GrafanaClient* grafana_;
  Memo<std::vector<Target>> targets_;
  Memo<std::vector<LiveGroup>> rule_groups_;
  Memo<std::vector<PromAlert>> alerts_;
  Memo<AlertmanagerTargets> alertmanagers_;
  Memo<RuntimeInfo> runtime_info_;
  Memo<std::string> prometheus_metrics_;
  Memo<std::vector<AmAlert>> am_alerts_;
  Memo<std::vector<Silence>> silences_;
  Memo<AmStatus> am_status_;
  Memo<std::string> alertmanager_metrics_;
  std::optional<std::unique_ptr<alertmanager::LoadedConfig>> alertmanager_config_;
  std::optional<grafana::ApiResult<std::vector<grafana::Datasource>>> datasources_;
};

/// `a|b\.c`: metric names as one RE2 alternation matching exactly them.
std::string names_regex(const std::vector<std::string>& names);

}  // namespace mlmon::doctor
