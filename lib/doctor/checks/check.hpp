#pragma once
// Every doctor check: a function that reads what it needs through Live and the repository and
// adds findings (or an "ok" note) to the report. One check per file; doctor.cpp runs them in the
// checklist's order.
#include <set>
#include <string>

#include "core/result.hpp"
#include "doctor/live.hpp"
#include "doctor/needs.hpp"
#include "doctor/repo.hpp"
#include "doctor/report.hpp"

namespace mlmon::doctor {

struct CheckContext {
  const Repo& repo;
  const RepoNeeds& needs;
  Live& live;
  DoctorReport& report;
  /// A failed API call, reported once per message as doctor/api-error: the check that needed it
  /// could not run.
  void api_error(Section section, const Error& error, std::string_view what_for);

  std::set<std::string> reported_errors;  ///< messages already reported
};

/// A finding about the live stack (no file in the repository).
Diagnostic live_finding(Severity severity, std::string_view id, std::string message, std::string hint);
/// A finding at a place in the repository.
Diagnostic repo_finding(Severity severity, std::string_view id, std::string file, Position pos, std::string message,
                        std::string hint);

// Up.
void check_config_reloads(CheckContext& ctx);
void check_starting(CheckContext& ctx);  ///< after the others: it explains what they found missing
// No metrics showing.
void check_targets_down(CheckContext& ctx);
void check_jobs_missing(CheckContext& ctx);
void check_metrics_missing(CheckContext& ctx);
// Alerts not firing.
void check_rule_groups(CheckContext& ctx);
void check_rule_health(CheckContext& ctx);
void check_alerts(CheckContext& ctx);
void check_alert_delivery(CheckContext& ctx);
// Alertmanager config.
void check_alertmanager_config(CheckContext& ctx);
void check_notifications_failing(CheckContext& ctx);
// Grafana.
void check_dashboards(CheckContext& ctx);
void check_datasources(CheckContext& ctx);

}  // namespace mlmon::doctor
