#pragma once
// What doctor reads from Prometheus's HTTP API (web/api/v1/api.go), decoded from the `data` of
// each reply. Decoders are lenient about members they do not need and strict about the shape of
// those they do: a reply of another shape is an Error naming the endpoint.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace mlmon::doctor {

using LabelMap = std::map<std::string, std::string>;

/// `{a="1", b="2"}`, values quoted as Go's %q would (label order: by name).
std::string format_labels(const LabelMap& labels);

/// An active target of /api/v1/targets.
struct Target {
  LabelMap labels;  ///< after relabelling: job, instance, ...
  std::string scrape_pool;
  std::string scrape_url;
  std::string health;  ///< "up", "down", "unknown"
  std::string last_error;
  std::optional<double> last_scrape;  ///< Unix seconds

  std::string job() const;
  std::string instance() const;
};
Result<std::vector<Target>> decode_targets(const nlohmann::json& data);

/// One rule of a loaded group (/api/v1/rules).
struct LiveRule {
  bool alerting = false;
  std::string name;
  std::string query;      ///< the expression as Prometheus prints it
  double duration_s = 0;  ///< `for`
  double keep_firing_for_s = 0;
  LabelMap labels;  ///< the group's labels merged in (rules/manager.go)
  LabelMap annotations;
  std::string health;  ///< "ok", "err", "unknown" (not evaluated yet)
  std::string last_error;
};

struct LiveGroup {
  std::string name;
  std::string file;
  double interval_s = 0;
  long long limit = 0;
  double evaluation_time_s = 0;
  std::optional<double> last_evaluation;  ///< nullopt before the first evaluation
  std::vector<LiveRule> rules;
};
Result<std::vector<LiveGroup>> decode_rule_groups(const nlohmann::json& data);

/// An alert of /api/v1/alerts (pending or firing).
struct PromAlert {
  LabelMap labels;  ///< alertname included; without Prometheus's external labels
  LabelMap annotations;
  std::string state;  ///< "pending", "firing"
  std::optional<double> active_at;
  std::string value;
};
Result<std::vector<PromAlert>> decode_alerts(const nlohmann::json& data);

/// /api/v1/alertmanagers.
struct AlertmanagerTargets {
  std::vector<std::string> active;  ///< URLs alerts are sent to (".../api/v2/alerts")
  std::vector<std::string> dropped;
};
Result<AlertmanagerTargets> decode_alertmanagers(const nlohmann::json& data);

/// /api/v1/status/runtimeinfo.
struct RuntimeInfo {
  std::optional<double> start_time;
  std::optional<double> server_time;
  std::optional<bool> reload_config_success;
  std::optional<double> last_config_time;
};
Result<RuntimeInfo> decode_runtime_info(const nlohmann::json& data);

}  // namespace mlmon::doctor
