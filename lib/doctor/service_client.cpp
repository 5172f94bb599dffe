#include "doctor/service_client.hpp"

#include <fmt/format.h>

#include "grafana/bounded_json.hpp"

namespace mlmon::doctor {

namespace {

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

ServiceClient::ServiceClient(std::string service, grafana::GrafanaUrl url, grafana::Credentials credentials,
                             grafana::HttpTransport& transport, const grafana::Redactor* redactor)
    : service_(std::move(service)),
      url_(std::move(url)),
      credentials_(std::move(credentials)),
      transport_(transport),
      redactor_(redactor) {}

std::string ServiceClient::scrub(std::string_view text) const {
  return redactor_ != nullptr ? redactor_->scrub(text) : std::string(text);
}

Result<grafana::HttpResponse> ServiceClient::get(std::string_view path_and_query) {
  grafana::HttpRequest request;
  request.method = "GET";
  request.url = url_.join(path_and_query);
  if (credentials_.kind != grafana::Credentials::Kind::None) {
    request.headers.emplace_back("Authorization", credentials_.authorization());
  }
  auto response = transport_.send(request);
  if (!response) return fail(scrub(fmt::format("{}: {}", service_, response.error().message)));
  return response;
}

std::string ServiceClient::describe_failure(std::string_view what, const grafana::HttpResponse& response) const {
  const int status = response.status;
  std::string body = is_blank(response.body) ? std::string() : printable(response.body, 200);
  // Prometheus's API errors are JSON with an "error" member; say that, not the raw JSON.
  if (auto json = grafana::parse_bounded_json(response.body); json && json->is_object()) {
    if (std::string error = grafana::string_field(*json, "error"); !error.empty()) body = printable(error, 200);
  }
  std::string detail = body.empty() ? fmt::format("HTTP {}", status) : fmt::format("HTTP {}: {}", status, body);
  if (status >= 300 && status < 400) {
    return scrub(fmt::format("{} {}: redirected to {} ({}); use the final address", service_, what,
                             response.location.empty() ? "another address" : printable(response.location, 200),
                             detail));
  }
  if (status == 401) {
    if (credentials_.kind == grafana::Credentials::Kind::None) {
      return scrub(fmt::format("{} {}: {} requires authentication ({})", service_, what, url_.base, detail));
    }
    return scrub(fmt::format("{} {}: {} rejected the credentials from {} ({})", service_, what, url_.base,
                             credentials_.source, detail));
  }
  if (status == 403) {
    return scrub(fmt::format("{} {}: access denied ({})", service_, what, detail));
  }
  return scrub(fmt::format("{} {}: {}", service_, what, detail));
}

Result<std::string> ServiceClient::get_text(std::string_view path_and_query) {
  auto response = MLMON_TRY(get(path_and_query));
  if (response.status < 200 || response.status > 299) {
    return fail(describe_failure(fmt::format("GET {}", path_and_query), response));
  }
  return std::move(response.body);
}

Result<nlohmann::json> ServiceClient::get_json(std::string_view path_and_query) {
  auto response = MLMON_TRY(get(path_and_query));
  const std::string what = fmt::format("GET {}", path_and_query);
  if (response.status < 200 || response.status > 299) return fail(describe_failure(what, response));
  auto parsed = grafana::parse_bounded_json(response.body);
  if (!parsed) {
    return fail(scrub(fmt::format("{} {}: the reply is not JSON ({}); is {} really {}?", service_, what,
                                  printable(parsed.error().message, 200), url_.base, service_)));
  }
  return std::move(*parsed);
}

Result<nlohmann::json> ServiceClient::get_prometheus_data(std::string_view path_and_query) {
  auto response = MLMON_TRY(get(path_and_query));
  const std::string what = fmt::format("GET {}", path_and_query);
  auto parsed = grafana::parse_bounded_json(response.body);
  const bool envelope = parsed && parsed->is_object() && parsed->contains("status");
  if (response.status < 200 || response.status > 299 || !envelope) {
    if (response.status < 200 || response.status > 299) return fail(describe_failure(what, response));
    if (!parsed) {
      return fail(scrub(fmt::format("{} {}: the reply is not JSON ({}); is {} really {}?", service_, what,
                                    printable(parsed.error().message, 200), url_.base, service_)));
    }
    return fail(scrub(fmt::format("{} {}: the reply is not Prometheus's API envelope; is {} really {}?", service_, what,
                                  url_.base, service_)));
  }
  if (grafana::string_field(*parsed, "status") != "success") {
    return fail(
        scrub(fmt::format("{} {}: {}: {}", service_, what, printable(grafana::string_field(*parsed, "errorType"), 40),
                          printable(grafana::string_field(*parsed, "error")))));
  }
  auto data = parsed->find("data");
  if (data == parsed->end()) return fail(scrub(fmt::format("{} {}: the reply has no \"data\"", service_, what)));
  return std::move(*data);
}

}  // namespace mlmon::doctor
