#include "doctor/session.hpp"

#include <fmt/format.h>

#include "grafana/credentials.hpp"
#include "grafana/grafana_url.hpp"

namespace mlmon::doctor {

namespace {

std::string_view env_prefix(Component component) {
  switch (component) {
    case Component::Prometheus: return "PROMETHEUS";
    case Component::Alertmanager: return "ALERTMANAGER";
    case Component::Grafana: return "GRAFANA";
  }
  return "";
}

const EndpointOptions& options_of(const ConnectionOptions& options, Component component) {
  switch (component) {
    case Component::Prometheus: return options.prometheus;
    case Component::Alertmanager: return options.alertmanager;
    case Component::Grafana: return options.grafana;
  }
  return options.prometheus;
}

Result<void> open_endpoint(const ConnectionOptions& options, Component component, Session& session) {
  Endpoint& endpoint = session.endpoint(component);
  endpoint.component = component;
  const EndpointOptions& own = options_of(options, component);
  if (own.skip) {
    endpoint.skipped = true;
    return {};
  }
  const std::string flag = fmt::format("--{}", key(component));
  std::string text = own.url;
  endpoint.source = flag;
  if (text.empty() && options.getenv) {
    if (auto value = options.getenv(std::string(url_variable(component)).c_str()); value && !value->empty()) {
      text = *value;
      endpoint.source = std::string(url_variable(component));
    }
  }
  if (text.empty()) {
    text = std::string(default_url(component));
    endpoint.source = "the guide's default";
    endpoint.is_default = true;
  }
  auto url = grafana::parse_service_url(text, name(component), default_url(component));
  if (!url) return std::unexpected(Error{fmt::format("{}: {}", endpoint.source, url.error().message)});
  grafana::CredentialSources sources;
  sources.token_file = own.token_file;
  sources.getenv = options.getenv;
  sources.env_prefix = std::string(env_prefix(component));
  sources.token_file_flag = flag + "-token-file";
  sources.service = std::string(name(component));
  auto credentials = MLMON_TRY(grafana::load_credentials(sources, *url));
  session.redactor.add_secret(credentials.token);
  session.redactor.add_secret(credentials.password);
  session.redactor.add_secret(credentials.authorization());
  if (credentials.kind == grafana::Credentials::Kind::Basic) {
    session.redactor.add_secret(grafana::base64_encode(credentials.user + ":" + credentials.password));
  }

  grafana::TransportOptions transport;
  transport.ca_cert = options.ca_cert;
  transport.insecure = options.insecure;
  transport.total_timeout_s = options.timeout_s;
  transport.connect_timeout_s = options.connect_timeout_s;
  transport.max_retries = options.retries;
  transport.user_agent = options.user_agent;
  transport.verbose = options.verbose;
  transport.redactor = &session.redactor;
  transport.log = options.log;
  endpoint.transport = std::make_unique<grafana::CurlTransport>(std::move(transport));
  endpoint.url = url->base;
  if (component == Component::Grafana) {
    grafana::ClientOptions client;
    client.url = std::move(*url);
    client.credentials = std::move(credentials);
    client.org_id = options.grafana_org_id;
    client.url_flag = flag;
    client.token_file_flag = flag + "-token-file";
    endpoint.grafana =
        std::make_unique<grafana::GrafanaClient>(std::move(client), *endpoint.transport, &session.redactor);
  } else {
    endpoint.service = std::make_unique<ServiceClient>(std::string(name(component)), std::move(*url),
                                                       std::move(credentials), *endpoint.transport, &session.redactor);
  }
  return {};
}

}  // namespace

std::string_view default_url(Component component) {
  switch (component) {
    case Component::Prometheus: return "http://localhost:9090";
    case Component::Alertmanager: return "http://localhost:9093";
    case Component::Grafana: return "http://localhost:3000";
  }
  return "";
}

std::string_view url_variable(Component component) {
  switch (component) {
    case Component::Prometheus: return "PROMETHEUS_URL";
    case Component::Alertmanager: return "ALERTMANAGER_URL";
    case Component::Grafana: return "GRAFANA_URL";
  }
  return "";
}

Endpoint& Session::endpoint(Component component) {
  switch (component) {
    case Component::Prometheus: return prometheus;
    case Component::Alertmanager: return alertmanager;
    case Component::Grafana: return grafana;
  }
  return prometheus;
}

Result<std::unique_ptr<Session>> open_session(const ConnectionOptions& options) {
  auto session = std::make_unique<Session>();
  for (Component component : kComponents) {
    MLMON_TRY(open_endpoint(options, component, *session));
  }
  return session;
}

}  // namespace mlmon::doctor
