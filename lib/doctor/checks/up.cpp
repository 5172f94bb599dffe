#include "doctor/checks/up.hpp"

#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "grafana/bounded_json.hpp"

namespace mlmon::doctor {

namespace {

using State = ComponentStatus::State;

std::string unreachable_hint(const Endpoint& endpoint) {
  const std::string flag = fmt::format("--{}", key(endpoint.component));
  if (endpoint.is_default) {
    return fmt::format(
        "nothing answers at the monitoring guide's address: pass {} URL or set {} to where it runs, or "
        "--skip {} if this stack has none",
        flag, url_variable(endpoint.component), key(endpoint.component));
  }
  return fmt::format("check that it runs and that this machine reaches {} (from {}; proxies: https_proxy, no_proxy)",
                     endpoint.url, endpoint.source);
}

/// GET /-/healthy then /-/ready: "" when both answer 200, else what failed. An error when there
/// was no answer at all: its message without the service's name, which the finding names already.
Result<std::string> probe_lifecycle(ServiceClient& client) {
  bool answered = false;
  for (const char* path : {"/-/healthy", "/-/ready"}) {
    auto response = client.get(path);
    if (!response) {
      std::string error = std::move(response.error().message);
      const std::string prefix = client.service() + ": ";
      if (error.starts_with(prefix)) error.erase(0, prefix.size());
      // It answered /-/healthy, so it is reachable; a /-/ready that gets no answer (a server stuck
      // loading, say) is then what is wrong with it, not a pass.
      if (answered) return fmt::format("{} did not answer: {}", path, error);
      return fail(std::move(error));
    }
    answered = true;
    if (response->status != 200) {
      return fmt::format("{} answers HTTP {}{}", path, response->status,
                         std::string_view(path) == "/-/ready" ? " (starting up, or still loading its data)" : "");
    }
  }
  return "";
}

}  // namespace

void probe_component(Endpoint& endpoint, Live& live, DoctorReport& report) {
  ComponentStatus status;
  status.component = endpoint.component;
  status.url = endpoint.url;
  const std::string who = fmt::format("{} at {}", name(endpoint.component), endpoint.url);
  if (endpoint.skipped) {
    status.state = State::Skipped;
    status.detail = fmt::format("--skip {}", key(endpoint.component));
    report.components.push_back(std::move(status));
    return;
  }
  bool reachable = false;
  std::string error;
  std::string unhealthy;
  if (endpoint.component == Component::Grafana) {
    auto health = endpoint.grafana->health();
    if (!health) {
      reachable = health.error().kind != grafana::ApiError::Kind::Transport;
      if (reachable) {
        unhealthy = health.error().text;
      } else {
        error = health.error().text;
      }
    } else {
      reachable = true;
      status.version = health->version;
      if (health->database != "ok") unhealthy = fmt::format("/api/health says database \"{}\"", health->database);
    }
  } else {
    Result<std::string> lifecycle = probe_lifecycle(*endpoint.service);
    reachable = lifecycle.has_value();
    if (lifecycle) {
      unhealthy = std::move(*lifecycle);
    } else {
      error = std::move(lifecycle.error().message);
    }
    if (reachable && unhealthy.empty()) {
      if (endpoint.component == Component::Prometheus) {
        if (auto info = endpoint.service->get_prometheus_data("/api/v1/status/buildinfo"); info && info->is_object()) {
          status.version = printable(grafana::string_field(*info, "version"), 40);
        }
      } else if (const auto& am = live.am_status()) {
        status.version = am->version;
      }
    }
  }
  if (!reachable) {
    status.state = State::Unreachable;
    status.detail = error;
    report.add(Section::Up,
               live_finding(Severity::Error, "doctor/unreachable", fmt::format("{} does not answer: {}", who, error),
                            unreachable_hint(endpoint)));
  } else if (!unhealthy.empty()) {
    status.state = State::Unhealthy;
    status.detail = unhealthy;
    report.add(Section::Up, live_finding(Severity::Error, "doctor/unhealthy",
                                         fmt::format("{} is not healthy and ready: {}", who, unhealthy),
                                         "its log says why; the checks that need it are skipped"));
  } else {
    status.state = State::Ok;
  }
  report.components.push_back(std::move(status));
}

}  // namespace mlmon::doctor
