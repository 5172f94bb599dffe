// Up: a Prometheus that started moments ago has not scraped every target nor evaluated every rule
// yet, so what is missing may only be late. Said once, when something was reported missing.
#include <fmt/format.h>

#include <algorithm>

#include "doctor/checks/check.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

/// A few scrape and evaluation intervals of the guide's config (15s each).
constexpr double kSettlingSeconds = 60;

bool looks_missing(const Finding& finding) {
  const std::string& id = finding.diagnostic.rule_id;
  return id == "doctor/target-down" || id == "doctor/job-missing" || id == "doctor/metric-missing" ||
         id == "doctor/alert-not-delivered";
}

}  // namespace

void check_starting(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr) return;
  if (std::none_of(ctx.report.findings.begin(), ctx.report.findings.end(), looks_missing)) return;
  const auto& info = ctx.live.runtime_info();
  if (!info || !info->start_time || !info->server_time) return;
  const double uptime = *info->server_time - *info->start_time;
  if (uptime >= kSettlingSeconds) return;
  ctx.report.add(Section::Up, live_finding(Severity::Info, "doctor/starting",
                                           fmt::format("Prometheus started {} ago: targets not scraped and rules not "
                                                       "evaluated yet are reported as missing",
                                                       human_duration(uptime)),
                                           "run doctor again in a minute"));
}

}  // namespace mlmon::doctor
