#include "grafana_options.hpp"

#include <cstdlib>

namespace mlmon::cli {

void add_grafana_connection_options(CLI::App& sub, GrafanaConnectionOptions& options) {
  sub.add_option("--url", options.url, "Grafana's base URL, sub-path allowed (default: $GRAFANA_URL)");
  sub.add_option("--token-file", options.token_file,
                 "File holding a service-account token (default: $GRAFANA_TOKEN, else basic auth from "
                 "$GRAFANA_USER and $GRAFANA_PASSWORD)");
  sub.add_option("--org-id", options.org_id, "Organisation id, sent as X-Grafana-Org-Id")->check(CLI::PositiveNumber);
  sub.add_option("--ca-cert", options.ca_cert, "PEM file of the CA that signed Grafana's certificate")
      ->check(CLI::ExistingFile);
  sub.add_flag("--insecure", options.insecure, "Skip TLS certificate verification (unsafe)");
  sub.add_option("--timeout", options.timeout_s, "Seconds allowed for each request")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  sub.add_option("--connect-timeout", options.connect_timeout_s, "Seconds allowed to connect")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  sub.add_option("--retries", options.retries,
                 "Retries after a connection error, 429 or 5xx, with exponential backoff (never after other 4xx)")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  sub.add_flag("--verbose", options.verbose, "Log each request and reply to stderr (credentials redacted)");
}

Result<std::unique_ptr<GrafanaSession>> open_grafana_session(const GrafanaConnectionOptions& options, Context& ctx,
                                                             bool require_credentials) {
  auto getenv = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  };
  std::string url_text = options.url.empty() ? getenv("GRAFANA_URL").value_or("") : options.url;
  if (url_text.empty()) return fail("no Grafana URL: pass --url or set GRAFANA_URL");
  auto url = MLMON_TRY(grafana::parse_grafana_url(url_text));
  auto credentials = MLMON_TRY(grafana::load_credentials({options.token_file, getenv}, url));
  if (require_credentials && credentials.kind == grafana::Credentials::Kind::None) {
    return fail(
        "no credentials: set GRAFANA_TOKEN or --token-file (a service-account token), or GRAFANA_USER and "
        "GRAFANA_PASSWORD");
  }

  auto session = std::make_unique<GrafanaSession>();
  session->redactor.add_secret(credentials.token);
  session->redactor.add_secret(credentials.password);
  session->redactor.add_secret(credentials.authorization());
  if (credentials.kind == grafana::Credentials::Kind::Basic) {
    session->redactor.add_secret(grafana::base64_encode(credentials.user + ":" + credentials.password));
  }

  grafana::TransportOptions transport;
  transport.ca_cert = options.ca_cert;
  transport.insecure = options.insecure;
  transport.total_timeout_s = options.timeout_s;
  transport.connect_timeout_s = options.connect_timeout_s;
  transport.max_retries = options.retries;
  transport.user_agent = std::string("mlmon/") + MLMON_VERSION;
  transport.verbose = options.verbose;
  transport.redactor = &session->redactor;
  std::ostream& err = ctx.err;
  transport.log = [&err](std::string_view line) { err << line << '\n' << std::flush; };
  if (options.insecure) err << "warning: --insecure: Grafana's TLS certificate is not verified\n";
  session->transport = std::make_unique<grafana::CurlTransport>(std::move(transport));

  grafana::ClientOptions client;
  client.url = std::move(url);
  client.credentials = std::move(credentials);
  client.org_id = options.org_id;
  session->client =
      std::make_unique<grafana::GrafanaClient>(std::move(client), *session->transport, &session->redactor);
  return session;
}

}  // namespace mlmon::cli
