#pragma once
// What doctor reads from Alertmanager's API v2 (api/v2/openapi.yaml).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "doctor/prometheus_api.hpp"

namespace mlmon::doctor {

/// An alert as Alertmanager holds it (GET /api/v2/alerts: active, silenced, inhibited, unprocessed).
struct AmAlert {
  LabelMap labels;  ///< Prometheus's external labels included
  std::string fingerprint;
  std::string state;                      ///< "active", "suppressed", "unprocessed"
  std::vector<std::string> silenced_by;   ///< silence ids
  std::vector<std::string> inhibited_by;  ///< fingerprints of the inhibiting alerts
  std::vector<std::string> muted_by;      ///< time intervals
  std::vector<std::string> receivers;
};
Result<std::vector<AmAlert>> decode_am_alerts(const nlohmann::json& body);

/// A silence (GET /api/v2/silences).
struct Silence {
  std::string id;
  std::string state;  ///< "active", "pending", "expired"
  std::string created_by;
  std::string comment;
  std::optional<double> ends_at;
  std::string matchers;  ///< `{severity="warning", service=~"spark.*"}`
};
Result<std::vector<Silence>> decode_silences(const nlohmann::json& body);

/// GET /api/v2/status.
struct AmStatus {
  std::string config_original;   ///< the loaded config as Alertmanager marshals it, secrets as <secret>
  std::optional<double> uptime;  ///< when it started (Unix seconds)
  std::string version;
};
Result<AmStatus> decode_am_status(const nlohmann::json& body);

}  // namespace mlmon::doctor
