// No metrics showing: a scrape job the rules select (`up{job="prediction-service"}`) that no
// target has. The alert on it can never fire: with no target there is no `up` series to be 0.
#include <fmt/format.h>

#include <set>

#include "doctor/checks/check.hpp"

namespace mlmon::doctor {

void check_jobs_missing(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr || ctx.needs.jobs.empty()) return;
  const auto& targets = ctx.live.targets();
  if (!targets) {
    ctx.api_error(Section::Metrics, targets.error(), "scrape targets");
    return;
  }
  std::set<std::string> jobs;
  for (const Target& target : *targets) jobs.insert(target.job());
  std::size_t found = 0;
  for (const auto& [job, uses] : ctx.needs.jobs) {
    if (jobs.contains(job)) {
      ++found;
      continue;
    }
    const Use& first = uses.front();
    std::string users;
    for (const Use& use : uses) users += (users.empty() ? "" : ", ") + use.what;
    ctx.report.add(Section::Metrics,
                   repo_finding(Severity::Error, "doctor/job-missing", first.file, first.pos,
                                fmt::format("no scrape target has job \"{}\", which {} select{} (up{{job=\"{}\"}})",
                                            job, users, uses.size() == 1 ? "s" : "", job),
                                fmt::format("without a target there is no up series, so nothing selecting it can fire: "
                                            "add a scrape job named \"{}\" to Prometheus's config (scrape_configs), or "
                                            "select the job that scrapes the service",
                                            job)));
  }
  if (found == ctx.needs.jobs.size()) {
    ctx.report.ok(Section::Metrics, fmt::format("every job the rules select has a target ({})", found));
  }
}

}  // namespace mlmon::doctor
