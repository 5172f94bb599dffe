// Alerts not firing: Prometheus with no Alertmanager to send to (/api/v1/alertmanagers), or
// failing to deliver (prometheus_notifications_dropped_total and _errors_total on its /metrics).
#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "doctor/exposition.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

void check_alert_delivery(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr) return;
  std::size_t problems = 0;
  const auto& targets = ctx.live.alertmanagers();
  if (!targets) {
    ctx.api_error(Section::Alerts, targets.error(), "where Prometheus sends alerts");
  } else if (targets->active.empty()) {
    ++problems;
    std::string dropped;
    if (!targets->dropped.empty()) {
      dropped = fmt::format(" ({} discovered but dropped by relabelling)", targets->dropped.size());
    }
    ctx.report.add(
        Section::Alerts,
        live_finding(Severity::Error, "doctor/no-alertmanager",
                     fmt::format("Prometheus has no Alertmanager to send alerts to{}", dropped),
                     "alerts fire in Prometheus but reach no one: add alerting.alertmanagers to Prometheus's "
                     "config (the stack's deploy/prometheus.yml sends to alertmanager:9093) and reload it"));
  }

  const auto& metrics = ctx.live.prometheus_metrics();
  if (!metrics) {
    ctx.api_error(Section::Alerts, metrics.error(), "Prometheus's notification counters");
  } else {
    const auto samples =
        read_samples(*metrics, {"prometheus_notifications_dropped_total", "prometheus_notifications_errors_total"});
    std::string since;
    if (const auto& info = ctx.live.runtime_info(); info && info->start_time) {
      since = fmt::format(" since it started {} ago", human_duration(ctx.live.now() - *info->start_time));
    }
    if (const double dropped = sum_of(samples, "prometheus_notifications_dropped_total"); dropped > 0) {
      ++problems;
      ctx.report.add(Section::Alerts,
                     live_finding(Severity::Error, "doctor/notifications-dropped",
                                  fmt::format("Prometheus dropped {:.0f} alert notification{}{}", dropped,
                                              dropped == 1 ? "" : "s", since),
                                  "no Alertmanager took them: see the send errors below and Prometheus's log"));
    }
    for (const Sample& sample : samples) {
      if (sample.name != "prometheus_notifications_errors_total" || !(sample.value > 0)) continue;
      ++problems;
      auto url = sample.labels.find("alertmanager");
      ctx.report.add(Section::Alerts,
                     live_finding(Severity::Warning, "doctor/notification-errors",
                                  fmt::format("sending alerts to {} failed {:.0f} time{}{}",
                                              url == sample.labels.end() ? "an Alertmanager" : url->second,
                                              sample.value, sample.value == 1 ? "" : "s", since),
                                  "check that this Alertmanager answers at that address from Prometheus's host; "
                                  "Prometheus's log has each error"));
    }
  }
  if (problems == 0 && targets) {
    ctx.report.ok(Section::Alerts, fmt::format("Prometheus sends alerts to {}", [&] {
                    std::string list;
                    for (const std::string& url : targets->active) list += (list.empty() ? "" : ", ") + url;
                    return list;
                  }()));
  }
}

}  // namespace mlmon::doctor
