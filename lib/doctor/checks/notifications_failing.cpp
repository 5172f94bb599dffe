// Alertmanager config: notifications failing per integration (alertmanager_notifications_failed_total
// against alertmanager_notifications_total on Alertmanager's /metrics), with the receivers of the
// repository's config that use the integration.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "doctor/checks/check.hpp"
#include "doctor/exposition.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

std::string reason_hint(const std::string& reason) {
  if (reason == "serverError") return "the endpoint answers 5xx: check the receiving service";
  if (reason == "clientError") return "the endpoint refuses the requests (4xx): check the URL, token and payload";
  if (reason == "contextDeadlineExceeded") return "the endpoint does not answer in time";
  return "Alertmanager cannot reach the endpoint (connection refused, DNS, TLS)";
}

}  // namespace

void check_notifications_failing(CheckContext& ctx) {
  if (ctx.live.alertmanager() == nullptr) return;
  const auto& metrics = ctx.live.alertmanager_metrics();
  if (!metrics) {
    ctx.api_error(Section::AlertmanagerConfig, metrics.error(), "Alertmanager's notification counters");
    return;
  }
  const auto samples =
      read_samples(*metrics, {"alertmanager_notifications_failed_total", "alertmanager_notifications_total"});
  std::map<std::string, double> total;
  std::map<std::string, std::map<std::string, double>> failed;  // integration -> reason -> count
  for (const Sample& sample : samples) {
    auto integration = sample.labels.find("integration");
    if (integration == sample.labels.end() || !(sample.value > 0)) continue;
    if (sample.name == "alertmanager_notifications_total") {
      total[integration->second] += sample.value;
    } else {
      auto reason = sample.labels.find("reason");
      failed[integration->second][reason == sample.labels.end() ? "other" : reason->second] += sample.value;
    }
  }
  std::string since;
  if (const auto& status = ctx.live.am_status(); status && status->uptime) {
    since = fmt::format(" since Alertmanager started {} ago", human_duration(ctx.live.now() - *status->uptime));
  }
  for (const auto& [integration, reasons] : failed) {
    double count = 0;
    std::string reason_list;
    std::string main_reason;
    double main_count = 0;
    for (const auto& [reason, n] : reasons) {
      count += n;
      reason_list += fmt::format("{}{}", reason_list.empty() ? "" : ", ", reason);
      if (n > main_count) {
        main_count = n;
        main_reason = reason;
      }
    }
    // Which receivers use the integration, in the config Alertmanager runs.
    std::string receivers;
    if (const alertmanager::LoadedConfig* config = ctx.live.alertmanager_config()) {
      for (const alertmanager::Receiver& receiver : config->config.receivers) {
        const bool uses =
            std::any_of(receiver.integrations.begin(), receiver.integrations.end(),
                        [&](const alertmanager::Integration& i) { return i.kind == integration + "_configs"; });
        if (uses) receivers += fmt::format("{}\"{}\"", receivers.empty() ? "" : ", ", receiver.name);
      }
    }
    const double sent = total[integration];
    ctx.report.add(
        Section::AlertmanagerConfig,
        live_finding(Severity::Error, "doctor/notifications-failing",
                     fmt::format("{} notifications are failing{} ({}): {:.0f} of {:.0f} failed{}", integration,
                                 receivers.empty() ? "" : fmt::format(" for receiver {}", receivers), reason_list,
                                 count, std::max(sent, count), since),
                     fmt::format("{}; Alertmanager's log names each failure", reason_hint(main_reason))));
  }
  if (failed.empty()) {
    double sent = 0;
    for (const auto& [integration, n] : total) sent += n;
    ctx.report.ok(Section::AlertmanagerConfig, fmt::format("no notification failed{} ({:.0f} sent)", since, sent));
  }
}

}  // namespace mlmon::doctor
