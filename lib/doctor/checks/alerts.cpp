// Alerts not firing: pending and firing alerts (/api/v1/alerts) and, for each firing one, what
// Alertmanager did with it (/api/v2/alerts): not received, silenced (/api/v2/silences), inhibited
// by another alert, or muted by a time interval.
#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "doctor/checks/guide.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

std::string alert_name(const LabelMap& labels) {
  auto it = labels.find("alertname");
  return it == labels.end() ? std::string() : it->second;
}

/// `alert "X" {a="b", ...}` without alertname, as people read an alert's identity.
std::string describe(const LabelMap& labels) {
  LabelMap rest = labels;
  rest.erase("alertname");
  return fmt::format("alert \"{}\" {}", alert_name(labels), format_labels(rest));
}

/// Prometheus adds its external labels when it sends: Alertmanager's copy has at least the labels.
const AmAlert* find_in_alertmanager(const std::vector<AmAlert>& alerts, const LabelMap& labels) {
  for (const AmAlert& alert : alerts) {
    bool all = true;
    for (const auto& [name, value] : labels) {
      auto it = alert.labels.find(name);
      if (it == alert.labels.end() || it->second != value) {
        all = false;
        break;
      }
    }
    if (all) return &alert;
  }
  return nullptr;
}

double for_seconds(Live& live, const std::string& name) {
  if (const auto& groups = live.rule_groups()) {
    for (const LiveGroup& group : *groups) {
      for (const LiveRule& rule : group.rules) {
        if (rule.alerting && rule.name == name) return rule.duration_s;
      }
    }
  }
  return 0;
}

}  // namespace

void check_alerts(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr) return;
  const auto& alerts = ctx.live.alerts();
  if (!alerts) {
    ctx.api_error(Section::Alerts, alerts.error(), "pending and firing alerts");
    return;
  }
  const double now = ctx.live.now();
  const std::vector<AmAlert>* in_alertmanager = nullptr;
  if (ctx.live.alertmanager() != nullptr) {
    const auto& am_alerts = ctx.live.am_alerts();
    if (am_alerts) {
      in_alertmanager = &*am_alerts;
    } else {
      ctx.api_error(Section::Alerts, am_alerts.error(), "what Alertmanager did with the firing alerts");
    }
  }
  std::size_t firing = 0, pending = 0;
  for (const PromAlert& alert : *alerts) {
    const std::string since = alert.active_at ? human_duration(now - *alert.active_at) : std::string("?");
    if (alert.state == "pending") {
      ++pending;
      const double wait = for_seconds(ctx.live, alert_name(alert.labels));
      ctx.report.add(
          Section::Alerts,
          live_finding(Severity::Info, "doctor/alert-pending",
                       fmt::format("{} is pending for {}{}", describe(alert.labels), since,
                                   wait > 0 ? fmt::format(" (fires once it lasts {})", prometheus_duration(wait)) : ""),
                       "nothing to do yet: it fires if the condition holds for the rule's `for`"));
      continue;
    }
    if (alert.state != "firing") continue;
    ++firing;
    auto summary = alert.annotations.find("summary");
    const std::string action = alert_action(alert.annotations);
    ctx.report.add(
        Section::Alerts,
        live_finding(Severity::Warning, "doctor/alert-firing",
                     fmt::format("{} is firing (for {}){}", describe(alert.labels), since,
                                 summary == alert.annotations.end() ? "" : ": " + printable(summary->second, 200)),
                     action.empty() ? "follow the alert's runbook" : action));
    if (in_alertmanager == nullptr) continue;
    const AmAlert* received = find_in_alertmanager(*in_alertmanager, alert.labels);
    if (received == nullptr) {
      std::string hint =
          "Prometheus does not send it to this Alertmanager: check alerting.alertmanagers in "
          "Prometheus's config and prometheus_notifications_errors_total";
      if (alert.active_at && now - *alert.active_at < 60) {
        hint = fmt::format(
            "it fired {} ago and may not have been sent yet: run doctor again in a minute; if it is "
            "still missing, check alerting.alertmanagers in Prometheus's config",
            since);
      }
      ctx.report.add(Section::Alerts,
                     live_finding(Severity::Error, "doctor/alert-not-delivered",
                                  fmt::format("firing {} is not in Alertmanager", describe(alert.labels)), hint));
      continue;
    }
    for (const std::string& id : received->silenced_by) {
      const Silence* silence = nullptr;
      if (const auto& silences = ctx.live.silences()) {
        for (const Silence& s : *silences) {
          if (s.id == id) silence = &s;
        }
      } else {
        ctx.api_error(Section::Alerts, silences.error(), "the silences muting firing alerts");
      }
      std::string by =
          silence == nullptr ? std::string() : fmt::format(" (by {}: \"{}\")", silence->created_by, silence->comment);
      std::string hint = fmt::format("silence {}", id);
      if (silence != nullptr) {
        hint += fmt::format(" matches {}", silence->matchers);
        if (silence->ends_at) hint += fmt::format(" and ends in {}", human_duration(*silence->ends_at - now));
      }
      hint += fmt::format(
          ": expire it (amtool silence expire {}, or Alertmanager's UI) if the mute is no longer wanted", id);
      ctx.report.add(Section::Alerts,
                     live_finding(Severity::Warning, "doctor/alert-silenced",
                                  fmt::format("firing {} is silenced in Alertmanager{}", describe(alert.labels), by),
                                  std::move(hint)));
    }
    for (const std::string& fingerprint : received->inhibited_by) {
      std::string by = "another alert";
      for (const AmAlert& other : *in_alertmanager) {
        if (other.fingerprint == fingerprint) by = describe(other.labels);
      }
      ctx.report.add(
          Section::Alerts,
          live_finding(Severity::Info, "doctor/alert-inhibited",
                       fmt::format("firing {} is inhibited in Alertmanager by {}", describe(alert.labels), by),
                       "an inhibit rule of the Alertmanager config mutes it while the other alert fires; "
                       "nothing to do if that is meant"));
    }
    if (!received->muted_by.empty()) {
      std::string intervals;
      for (const std::string& name : received->muted_by) intervals += (intervals.empty() ? "" : ", ") + name;
      ctx.report.add(Section::Alerts,
                     live_finding(Severity::Info, "doctor/alert-muted",
                                  fmt::format("firing {} is muted in Alertmanager by time interval {}",
                                              describe(alert.labels), intervals),
                                  "notifications resume outside the interval; nothing to do if that is meant"));
    }
  }
  if (firing == 0 && pending == 0) ctx.report.ok(Section::Alerts, "no alert pending or firing");
}

}  // namespace mlmon::doctor
