#include "doctor/report.hpp"

#include <algorithm>

namespace mlmon::doctor {

std::string_view title(Section section) {
  switch (section) {
    case Section::Up: return "Up";
    case Section::Metrics: return "No metrics showing";
    case Section::Alerts: return "Alerts not firing";
    case Section::AlertmanagerConfig: return "Alertmanager config";
    case Section::Grafana: return "Grafana";
  }
  return "";
}

std::string_view id(Section section) {
  switch (section) {
    case Section::Up: return "up";
    case Section::Metrics: return "metrics";
    case Section::Alerts: return "alerts";
    case Section::AlertmanagerConfig: return "alertmanager-config";
    case Section::Grafana: return "grafana";
  }
  return "";
}

std::string_view name(Component component) {
  switch (component) {
    case Component::Prometheus: return "Prometheus";
    case Component::Alertmanager: return "Alertmanager";
    case Component::Grafana: return "Grafana";
  }
  return "";
}

std::string_view key(Component component) {
  switch (component) {
    case Component::Prometheus: return "prometheus";
    case Component::Alertmanager: return "alertmanager";
    case Component::Grafana: return "grafana";
  }
  return "";
}

std::string_view to_string(ComponentStatus::State state) {
  switch (state) {
    case ComponentStatus::State::Ok: return "ok";
    case ComponentStatus::State::Skipped: return "skipped";
    case ComponentStatus::State::Unreachable: return "unreachable";
    case ComponentStatus::State::Unhealthy: return "unhealthy";
  }
  return "";
}

const ComponentStatus* DoctorReport::component(Component c) const {
  for (const ComponentStatus& status : components) {
    if (status.component == c) return &status;
  }
  return nullptr;
}

bool DoctorReport::any_reachable() const {
  return std::any_of(components.begin(), components.end(), [](const ComponentStatus& s) {
    return s.state == ComponentStatus::State::Ok || s.state == ComponentStatus::State::Unhealthy;
  });
}

std::size_t DoctorReport::problems() const {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [](const Finding& f) { return f.diagnostic.severity >= Severity::Warning; }));
}

std::size_t DoctorReport::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                [&](const Finding& f) { return f.diagnostic.severity == severity; }));
}

}  // namespace mlmon::doctor
