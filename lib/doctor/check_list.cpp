#include "doctor/check_list.hpp"

namespace mlmon::doctor {

namespace {

using checks::CheckInfo;
constexpr auto kError = Severity::Error;
constexpr auto kWarning = Severity::Warning;
constexpr auto kInfo = Severity::Info;

constexpr CheckInfo kChecks[] = {
    // Up.
    {"doctor/unreachable", "Prometheus, Alertmanager and Grafana answer at their addresses", kError},
    {"doctor/unhealthy", "each answers healthy and ready (/-/healthy, /-/ready; Grafana's /api/health)", kError},
    {"doctor/config-reload-failed", "Prometheus's and Alertmanager's last config reload succeeded", kError},
    {"doctor/starting", "Prometheus started moments ago: what it has not scraped or evaluated yet looks missing",
     kInfo},
    {"doctor/api-error", "every API call doctor needs succeeds (else the check it served could not run)", kWarning},
    {"doctor/repo-file", "the repository's rule files, Alertmanager configs and dashboards load, so they are compared",
     kWarning},
    // No metrics showing.
    {"doctor/target-down", "every scrape target is up (job, instance, last error, how long)", kError},
    {"doctor/job-missing", "every job the rules select (up{job=\"...\"}) has a scrape target", kError},
    {"doctor/metric-missing", "every metric the rules and dashboards read has series in Prometheus", kWarning},
    // Alerts not firing.
    {"doctor/group-missing", "every rule group of the repository is loaded in Prometheus", kError},
    {"doctor/group-extra", "every loaded rule group is in the repository", kWarning},
    {"doctor/rule-differs", "the loaded rules are the repository's (expr, for, labels, annotations by meaning)",
     kError},
    {"doctor/rule-error", "every loaded rule evaluates without error", kError},
    {"doctor/group-slow", "every rule group evaluates within its interval", kWarning},
    {"doctor/alert-pending", "an alert is pending: it fires if the condition lasts", kInfo},
    {"doctor/alert-firing", "an alert is firing: the hint is its own action and runbook", kWarning},
    {"doctor/alert-not-delivered", "every firing alert reached Alertmanager", kError},
    {"doctor/alert-silenced", "no firing alert is muted by a silence", kWarning},
    {"doctor/alert-inhibited", "a firing alert is inhibited by another one (an inhibit rule)", kInfo},
    {"doctor/alert-muted", "a firing alert is muted by a time interval", kInfo},
    {"doctor/no-alertmanager", "Prometheus has an Alertmanager to send alerts to", kError},
    {"doctor/notifications-dropped", "Prometheus dropped no alert notification", kError},
    {"doctor/notification-errors", "Prometheus's sends to Alertmanager succeed", kWarning},
    // Alertmanager config.
    {"doctor/alertmanager-config-drift",
     "Alertmanager runs the repository's config (routes, receivers, inhibit rules; secrets aside)", kError},
    {"doctor/notifications-failing", "no integration of Alertmanager fails to notify", kError},
    // Grafana.
    {"doctor/dashboard-missing", "every dashboard of the repository is in Grafana", kWarning},
    {"doctor/dashboard-differs", "Grafana's dashboards are the repository's (import-dashboard --dry-run's verdict)",
     kWarning},
    {"doctor/datasource-missing", "every datasource a dashboard needs exists in Grafana", kError},
    {"doctor/datasource-unhealthy", "every datasource a dashboard needs passes Grafana's health check", kError},
};

}  // namespace

std::span<const checks::CheckInfo> check_list() { return kChecks; }

}  // namespace mlmon::doctor
