#pragma once
// The connections of one doctor run: for each component its URL (flag, else environment, else the
// monitoring guide's default address), credentials, and a transport with bounded timeouts and
// retries; secrets of all three are known to one redactor.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "doctor/report.hpp"
#include "doctor/service_client.hpp"
#include "grafana/client.hpp"
#include "grafana/curl_transport.hpp"
#include "grafana/redactor.hpp"

namespace mlmon::doctor {

struct EndpointOptions {
  std::string url;         ///< --prometheus etc.; "" = from the environment, else the default
  std::string token_file;  ///< --prometheus-token-file etc.
  bool skip = false;       ///< --skip
};

struct ConnectionOptions {
  EndpointOptions prometheus, alertmanager, grafana;
  std::string ca_cert;
  bool insecure = false;
  double timeout_s = 10;
  double connect_timeout_s = 5;
  int retries = 2;
  bool verbose = false;
  std::string user_agent = "mlmon";
  std::optional<long long> grafana_org_id;
  /// Receives request logs (verbose) and retry notes, secrets redacted.
  std::function<void(std::string_view)> log;
  std::function<std::optional<std::string>(const char* name)> getenv;
};

/// The guide's addresses, used when neither a flag nor the environment names one.
std::string_view default_url(Component component);
/// PROMETHEUS_URL, ALERTMANAGER_URL, GRAFANA_URL.
std::string_view url_variable(Component component);

struct Endpoint {
  Component component = Component::Prometheus;
  bool skipped = false;
  std::string url;     ///< the base URL, without user:password
  std::string source;  ///< "--prometheus", "PROMETHEUS_URL" or "the guide's default"
  bool is_default = false;
  std::unique_ptr<grafana::CurlTransport> transport;
  std::unique_ptr<ServiceClient> service;           ///< Prometheus and Alertmanager
  std::unique_ptr<grafana::GrafanaClient> grafana;  ///< Grafana
};

struct Session {
  grafana::Redactor redactor;  // before the endpoints: their clients point at it
  Endpoint prometheus, alertmanager, grafana;
  Endpoint& endpoint(Component component);
};

/// Builds the session; a URL that does not parse or credentials that cannot be read are an Error
/// (a usage error: nothing was asked yet).
Result<std::unique_ptr<Session>> open_session(const ConnectionOptions& options);

}  // namespace mlmon::doctor
