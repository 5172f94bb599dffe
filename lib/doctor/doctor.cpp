#include "doctor/doctor.hpp"

#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "doctor/checks/up.hpp"
#include "doctor/live.hpp"
#include "doctor/needs.hpp"

namespace mlmon::doctor {

namespace {

bool available(const DoctorReport& report, Component component) {
  const ComponentStatus* status = report.component(component);
  return status != nullptr && status->state == ComponentStatus::State::Ok;
}

std::string why_not(const DoctorReport& report, Component component) {
  const ComponentStatus* status = report.component(component);
  const std::string_view state = status == nullptr ? "skipped" : to_string(status->state);
  return fmt::format("not checked: {} is {}", name(component), state);
}

bool is_doctor_check(std::string_view id) { return id.starts_with("doctor/"); }

/// `.mlmon.yml`'s settings: a check turned off or excluded drops its findings; severities change.
void apply_project_config(const project::Config& config, DoctorReport& report) {
  std::vector<Finding> kept;
  for (Finding& finding : report.findings) {
    std::vector<Diagnostic> one{std::move(finding.diagnostic)};
    project::apply_config(config, one, &is_doctor_check);
    if (!one.empty()) kept.push_back({finding.section, std::move(one.front())});
  }
  report.findings = std::move(kept);
}

}  // namespace

DoctorReport run_doctor(Session& session, const Repo& repo, const project::Config& config) {
  DoctorReport report;
  Live live(session.prometheus.service.get(), session.alertmanager.service.get(), session.grafana.grafana.get());
  for (Component component : kComponents) probe_component(session.endpoint(component), live, report);
  live.keep_only(available(report, Component::Prometheus), available(report, Component::Alertmanager),
                 available(report, Component::Grafana));
  for (const Diagnostic& problem : repo.problems) report.add(Section::Up, problem);
  const RepoNeeds needs = collect_needs(repo);
  CheckContext ctx{repo, needs, live, report, {}};

  check_config_reloads(ctx);
  if (live.prometheus() != nullptr) {
    check_targets_down(ctx);
    check_jobs_missing(ctx);
    check_metrics_missing(ctx);
    check_rule_groups(ctx);
    check_rule_health(ctx);
    check_alerts(ctx);
    check_alert_delivery(ctx);
    check_starting(ctx);
  } else {
    report.skipped(Section::Metrics, why_not(report, Component::Prometheus));
    report.skipped(Section::Alerts, why_not(report, Component::Prometheus));
  }
  if (live.alertmanager() != nullptr) {
    check_alertmanager_config(ctx);
    check_notifications_failing(ctx);
  } else {
    report.skipped(Section::AlertmanagerConfig, why_not(report, Component::Alertmanager));
  }
  if (live.grafana() != nullptr) {
    check_dashboards(ctx);
    check_datasources(ctx);
  } else {
    report.skipped(Section::Grafana, why_not(report, Component::Grafana));
  }
  apply_project_config(config, report);
  return report;
}

}  // namespace mlmon::doctor
