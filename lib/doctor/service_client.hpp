#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/terminal_text.hpp"  // printable(): server text in messages
#include "grafana/credentials.hpp"
#include "grafana/grafana_url.hpp"
#include "grafana/http_transport.hpp"
#include "grafana/redactor.hpp"

namespace mlmon::doctor {

/// A read-only HTTP client for one service (Prometheus or Alertmanager) over the shared transport:
/// adds the credentials, sends GET only, and turns every failure into one sentence that names the
/// service and the call and never a secret.
class ServiceClient {
 public:
  ServiceClient(std::string service, grafana::GrafanaUrl url, grafana::Credentials credentials,
                grafana::HttpTransport& transport, const grafana::Redactor* redactor);

  const std::string& service() const { return service_; }
  const std::string& base_url() const { return url_.base; }

  /// Any reply, whatever its status; an error only when there was none (refused, timeout, TLS).
  Result<grafana::HttpResponse> get(std::string_view path_and_query);
  /// A 2xx reply's body as text (e.g. /metrics).
  Result<std::string> get_text(std::string_view path_and_query);
  /// A 2xx reply's body as JSON.
  Result<nlohmann::json> get_json(std::string_view path_and_query);
  /// Prometheus's envelope: `data` of {"status": "success", "data": ...}; its `error` otherwise.
  Result<nlohmann::json> get_prometheus_data(std::string_view path_and_query);

 private:
  std::string describe_failure(std::string_view what, const grafana::HttpResponse& response) const;
  std::string scrub(std::string_view text) const;

  std::string service_;
  grafana::GrafanaUrl url_;
  grafana::Credentials credentials_;
  grafana::HttpTransport& transport_;
  const grafana::Redactor* redactor_;
};

}  // namespace mlmon::doctor
