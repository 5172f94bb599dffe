// No metrics showing: scrape targets that are down (the guide's first curl, /api/v1/targets),
// each with its job, instance, Prometheus's last error and how long it has been down.
#include <fmt/format.h>

#include <map>

#include "doctor/checks/check.hpp"
#include "doctor/checks/guide.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

using nlohmann::json;

/// When each target was last up within the hour (by job and instance), from one query.
std::map<std::pair<std::string, std::string>, double> last_up_times(Live& live) {
  std::map<std::pair<std::string, std::string>, double> out;
  auto result = live.query("max by (job, instance) (max_over_time(timestamp(up == 1)[1h:]))");
  if (!result || !result->is_array()) return out;
  for (const json& item : *result) {
    if (!item.is_object() || !item.contains("metric") || !item.contains("value")) continue;
    const json& metric = item["metric"];
    const json& value = item["value"];
    if (!metric.is_object() || !value.is_array() || value.size() != 2 || !value[1].is_string()) continue;
    try {
      out[{metric.value("job", ""), metric.value("instance", "")}] = std::stod(value[1].get<std::string>());
    } catch (const std::exception&) {
      // A value that is not a number says nothing about when the target was up.
    }
  }
  return out;
}

/// The alert of the repository that fires for this job being down, if any (`up{job="x"} == 0`).
const rules::Rule* down_alert(const CheckContext& ctx, const std::string& job) {
  auto uses = ctx.needs.jobs.find(job);
  if (uses == ctx.needs.jobs.end()) return nullptr;
  for (const Use& use : uses->second) {
    for (const RepoRuleFile& file : ctx.repo.rule_files) {
      for (const rules::Group& group : file.file->groups) {
        if (group.name != use.group) continue;
        for (const rules::Rule& rule : group.rules) {
          if (rule.is_alert() && use.what == fmt::format("alert \"{}\"", rule.name)) return &rule;
        }
      }
    }
  }
  return nullptr;
}

}  // namespace

void check_targets_down(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr) return;
  const auto& targets = ctx.live.targets();
  if (!targets) {
    ctx.api_error(Section::Metrics, targets.error(), "scrape targets");
    return;
  }
  std::size_t up = 0;
  std::vector<const Target*> down;
  for (const Target& target : *targets) {
    if (target.health == "up") ++up;
    if (target.health == "down") down.push_back(&target);
  }
  if (down.empty()) {
    ctx.report.ok(Section::Metrics, fmt::format("{} scrape target{} up", up, up == 1 ? "" : "s"));
    return;
  }
  const auto last_up = last_up_times(ctx.live);
  const double now = ctx.live.now();
  std::optional<double> started;
  if (const auto& info = ctx.live.runtime_info(); info && info->start_time) started = *info->start_time;
  for (const Target* target : down) {
    std::string how_long;
    if (auto it = last_up.find({target->job(), target->instance()}); it != last_up.end()) {
      how_long = fmt::format("down for {}", human_duration(now - it->second));
    } else if (started && now - *started < 3600) {
      how_long = fmt::format("never up since Prometheus started {} ago", human_duration(now - *started));
    } else {
      how_long = "down for over 1h";
    }
    std::string hint = fmt::format("check that the service runs and answers at {}", target->scrape_url);
    if (const rules::Rule* alert = down_alert(ctx, target->job())) {
      const std::string action = alert_action(*alert);
      if (action.empty() || action.starts_with("runbook: ")) {
        hint = fmt::format("alert \"{}\" covers this{}", alert->name, action.empty() ? "" : " (" + action + ")");
      } else {
        hint = fmt::format("alert \"{}\" covers this: {}", alert->name, action);
      }
      hint += fmt::format("; the scrape URL is {}", target->scrape_url);
    }
    ctx.report.add(
        Section::Metrics,
        live_finding(Severity::Error, "doctor/target-down",
                     fmt::format("target {} {} is down ({}): {}", target->job(), target->instance(), how_long,
                                 target->last_error.empty() ? "no error given" : target->last_error),
                     std::move(hint)));
  }
}

}  // namespace mlmon::doctor
