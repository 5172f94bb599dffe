#pragma once
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "context.hpp"
#include "core/result.hpp"
#include "grafana/client.hpp"
#include "grafana/curl_transport.hpp"
#include "grafana/redactor.hpp"

namespace mlmon::cli {

/// --url, --token-file, --org-id, --ca-cert, --insecure, timeouts, --retries, --verbose: shared by
/// import-dashboard and export-dashboard.
struct GrafanaConnectionOptions {
  std::string url;  ///< else GRAFANA_URL
  std::string token_file;
  std::optional<long long> org_id;
  std::string ca_cert;
  bool insecure = false;
  double timeout_s = 30;
  double connect_timeout_s = 10;
  int retries = 3;
  bool verbose = false;
};

void add_grafana_connection_options(CLI::App& sub, GrafanaConnectionOptions& options);

/// A client ready to call Grafana, with the transport and redactor it borrows.
struct GrafanaSession {
  grafana::Redactor redactor;
  std::unique_ptr<grafana::CurlTransport> transport;
  std::unique_ptr<grafana::GrafanaClient> client;
};

/// Builds the session from the flags and GRAFANA_URL, GRAFANA_TOKEN, GRAFANA_USER, GRAFANA_PASSWORD.
/// Request logs (--verbose) and retry notes go to ctx.err with every secret redacted.
Result<std::unique_ptr<GrafanaSession>> open_grafana_session(const GrafanaConnectionOptions& options, Context& ctx,
                                                             bool require_credentials);

}  // namespace mlmon::cli
