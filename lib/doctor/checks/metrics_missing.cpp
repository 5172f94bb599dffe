// No metrics showing: every metric name the repository's rules and dashboards read that
// Prometheus has no series for, each with the rules and panels that need it. The guide's
// `/api/v1/query?query=up`, done for every name at once (label values with a match[], in batches).
// A name a recording rule of the repository writes is reported only when that rule runs and what
// it reads exists: otherwise the cause (a group not loaded, an input missing) is reported instead.
#include <fmt/format.h>

#include <set>

#include "doctor/checks/check.hpp"

namespace mlmon::doctor {

namespace {

/// Pushgateway jobs: what is missing there was never pushed, rather than not exported.
bool is_pushgateway_job(const std::string& job) { return job.find("pushgateway") != std::string::npos; }

class MissingMetrics {
 public:
  MissingMetrics(CheckContext& ctx, const std::set<std::string>& present, const std::set<std::string>* loaded_groups)
      : ctx_(ctx), present_(present), loaded_groups_(loaded_groups) {}

  /// Whether `name` is missing for a reason reported elsewhere: a recording rule that is not
  /// loaded, or that reads something missing.
  bool explained(const std::string& name, int depth = 0) {
    if (depth > 32) return false;  // a cycle of recording rules (Prometheus would refuse less)
    auto producers = ctx_.needs.recorded.find(name);
    if (producers == ctx_.needs.recorded.end()) return false;
    for (const Producer& producer : producers->second) {
      if (loaded_groups_ != nullptr && !loaded_groups_->contains(producer.group)) return true;
      for (const std::string& input : producer.reads) {
        if (!present_.contains(input) && (explained(input, depth + 1) || ctx_.needs.metrics.contains(input)))
          return true;
      }
    }
    return false;
  }

  std::string hint(const std::string& name, const MetricNeed& need, const std::vector<Target>* targets) {
    if (ctx_.needs.recorded.contains(name)) {
      return "the recording rule runs and what it reads exists, but its expression returns nothing: evaluate it in "
             "Prometheus (label matching, by/without, a division with no partner)";
    }
    for (const std::string& job : need.jobs) {
      std::size_t up = 0, all = 0;
      if (targets != nullptr) {
        for (const Target& target : *targets) {
          if (target.job() != job) continue;
          ++all;
          up += target.health == "up";
        }
      }
      if (all == 0) continue;  // reported as doctor/job-missing
      if (up == 0) return fmt::format("job \"{}\", which should export it, has no target up (see above)", job);
      if (is_pushgateway_job(job)) {
        return fmt::format(
            "it is pushed to the Pushgateway (job \"{}\"): check that the batch jobs ran and pushed it "
            "(the Pushgateway's /metrics lists what it holds)",
            job);
      }
      return fmt::format("job \"{}\" is scraped but does not export it: compare the name with the exporter's /metrics",
                         job);
    }
    return "no target exports it: check that the exporter is scraped (/api/v1/targets) and spells the name the same "
           "way";
  }

 private:
  CheckContext& ctx_;
  const std::set<std::string>& present_;
  const std::set<std::string>* loaded_groups_;
};

}  // namespace

void check_metrics_missing(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr || ctx.needs.metrics.empty()) return;
  std::vector<std::string> names;
  for (const auto& [name, need] : ctx.needs.metrics) names.push_back(name);
  auto present = ctx.live.names_with_series(names);
  if (!present) {
    ctx.api_error(Section::Metrics, present.error(), "the metrics the rules and dashboards use");
    return;
  }
  std::set<std::string> loaded_groups;
  const std::set<std::string>* loaded = nullptr;
  if (const auto& groups = ctx.live.rule_groups()) {
    for (const LiveGroup& group : *groups) loaded_groups.insert(group.name);
    loaded = &loaded_groups;
  }
  const auto& targets = ctx.live.targets();
  MissingMetrics missing(ctx, *present, loaded);
  std::size_t reported = 0;
  for (const auto& [name, need] : ctx.needs.metrics) {
    if (present->contains(name) || missing.explained(name)) continue;
    ++reported;
    std::string users;
    constexpr std::size_t kListed = 4;
    for (std::size_t i = 0; i < need.users.size() && i < kListed; ++i)
      users += (i == 0 ? "" : ", ") + need.users[i].what;
    if (need.users.size() > kListed) users += fmt::format(" and {} more", need.users.size() - kListed);
    const Use& first = need.users.front();
    ctx.report.add(Section::Metrics,
                   repo_finding(Severity::Warning, "doctor/metric-missing", first.file, first.pos,
                                fmt::format("no series for metric {} in the last 5m; needed by {}", name, users),
                                missing.hint(name, need, targets ? &*targets : nullptr)));
  }
  if (reported == 0) {
    ctx.report.ok(Section::Metrics,
                  fmt::format("every metric the rules and dashboards use has series ({})", names.size()));
  }
}

}  // namespace mlmon::doctor
