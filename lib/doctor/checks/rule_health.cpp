// Alerts not firing: loaded rules that fail to evaluate (health "err" and Prometheus's
// lastError), and groups whose evaluation takes longer than their interval (Prometheus then
// skips evaluations, so alerts fire late or not at all).
#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

/// What to do about Prometheus's common evaluation errors.
std::string error_hint(const std::string& error) {
  if (error.find("same labelset after applying rule labels") != std::string::npos) {
    return "the result holds several series that have the same labels once the metric name is replaced: aggregate "
           "(sum by ...) or keep the label that tells them apart";
  }
  if (error.find("found duplicate series for the match group") != std::string::npos ||
      error.find("many-to-many matching not allowed") != std::string::npos) {
    return "one side of a binary operation matches several series: add on(...)/ignoring(...) with group_left or "
           "group_right, or aggregate that side first";
  }
  if (error.find("query timed out") != std::string::npos ||
      error.find("query processing would load too many samples") != std::string::npos) {
    return "the expression is too expensive: precompute parts of it with recording rules";
  }
  return "evaluate the expression in Prometheus's UI to see the failing series";
}

/// The repository's file and position of a loaded rule, when git has it.
std::pair<std::string, Position> where_in_repo(const CheckContext& ctx, const LiveGroup& group, const LiveRule& rule) {
  for (const RepoRuleFile& file : ctx.repo.rule_files) {
    for (const rules::Group& g : file.file->groups) {
      if (g.name != group.name) continue;
      for (const rules::Rule& r : g.rules) {
        if (r.name == rule.name && r.is_alert() == rule.alerting && r.node != nullptr)
          return {file.path(), r.node->pos()};
      }
    }
  }
  return {"", {}};
}

}  // namespace

void check_rule_health(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr) return;
  const auto& groups = ctx.live.rule_groups();
  if (!groups) {
    ctx.api_error(Section::Alerts, groups.error(), "the loaded rule groups");
    return;
  }
  std::size_t failing = 0, slow = 0, rules = 0;
  for (const LiveGroup& group : *groups) {
    for (const LiveRule& rule : group.rules) {
      ++rules;
      if (rule.health != "err") continue;
      ++failing;
      auto [file, pos] = where_in_repo(ctx, group, rule);
      ctx.report.add(
          Section::Alerts,
          repo_finding(Severity::Error, "doctor/rule-error", file, pos,
                       fmt::format("{} \"{}\" (group \"{}\") fails to evaluate: {}", rule.alerting ? "alert" : "record",
                                   rule.name, group.name, rule.last_error.empty() ? "no error given" : rule.last_error),
                       error_hint(rule.last_error)));
    }
    if (group.interval_s > 0 && group.evaluation_time_s > group.interval_s) {
      ++slow;
      ctx.report.add(
          Section::Alerts,
          live_finding(Severity::Warning, "doctor/group-slow",
                       fmt::format("group \"{}\" takes {:.3g}s to evaluate, longer than its {} interval: "
                                   "evaluations are skipped",
                                   group.name, group.evaluation_time_s, prometheus_duration(group.interval_s)),
                       "raise the group's interval, or precompute its expensive parts with recording rules"));
    }
  }
  if (failing == 0 && slow == 0) {
    ctx.report.ok(Section::Alerts, fmt::format("every loaded rule evaluates without error, in time ({} rules)", rules));
  }
}

}  // namespace mlmon::doctor
