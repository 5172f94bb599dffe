#include "doctor/needs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dashboards/queries.hpp"
#include "promql/parser.hpp"
#include "rules/evaluation_order.hpp"
#include "rules/expr_diff.hpp"

namespace mlmon::doctor {

namespace {

/// The jobs an expression selects by name: `up{job="x"}` (an equality matcher on job).
std::vector<std::string> jobs_selected(const promql::Node& root) {
  std::vector<std::string> jobs;
  promql::walk(root, [&](const promql::Node& node) {
    const auto* selector = promql::as<promql::VectorSelector>(node);
    if (selector == nullptr) return;
    bool is_up = selector->name == "up";
    std::string job;
    for (const promql::LabelMatcher& m : selector->matchers) {
      if (m.name == "__name__" && m.op == promql::MatchOp::equal && m.value == "up") is_up = true;
      if (m.name == "job" && m.op == promql::MatchOp::equal) job = std::string(m.value);
    }
    if (is_up && !job.empty()) jobs.push_back(job);
  });
  return jobs;
}

}  // namespace

bool is_synthetic_series(const std::string& name) {
  return name == "ALERTS" || name == "ALERTS_FOR_STATE" || name == "up";
}

RepoNeeds collect_needs(const Repo& repo) {
  RepoNeeds needs;
  // Jobs per group first, so each metric learns the jobs of the groups that read it.
  std::map<std::string, std::set<std::string>> jobs_of_group;
  struct Read {
    std::string metric;
    Use use;
  };
  std::vector<Read> reads;
  for (const RepoRuleFile& entry : repo.rule_files) {
    for (const rules::Group& group : entry.file->groups) {
      for (const rules::Rule& rule : group.rules) {
        if (rule.expr == nullptr) continue;
        const rules::ComparableExpr expr = rules::ComparableExpr::of(rule.expr->value);
        if (!expr.ast) continue;
        Use use{fmt::format("{} \"{}\"", rule.is_alert() ? "alert" : "record", rule.name), entry.path(),
                rule.expr->pos(), group.name};
        for (const std::string& job : jobs_selected(expr.ast->root())) {
          jobs_of_group[group.name].insert(job);
          needs.jobs[job].push_back(use);
        }
        const std::vector<std::string> names = rules::metric_names_read(expr.ast->root());
        for (const std::string& name : names) reads.push_back({name, use});
        if (!rule.is_alert()) needs.recorded[rule.name].push_back(Producer{group.name, names});
      }
    }
  }
  for (const RepoDashboard& entry : repo.dashboards) {
    for (const dashboards::Query& query : dashboards::prometheus_queries(entry.dashboard)) {
      if (!query.parsed || !query.parsed->ast) continue;
      Use use{query.panel->describe(), entry.path(), query.position(entry.dashboard, 0), ""};
      for (const std::string& name : rules::metric_names_read(query.parsed->ast->root())) reads.push_back({name, use});
    }
  }
  for (Read& read : reads) {
    if (is_synthetic_series(read.metric)) continue;
    MetricNeed& need = needs.metrics[read.metric];
    if (!read.use.group.empty()) {
      const auto jobs = jobs_of_group.find(read.use.group);
      if (jobs != jobs_of_group.end()) need.jobs.insert(jobs->second.begin(), jobs->second.end());
    }
    // One panel reading a metric in several queries is one user.
    const bool seen = std::any_of(need.users.begin(), need.users.end(),
                                  [&](const Use& u) { return u.what == read.use.what && u.file == read.use.file; });
    if (!seen) need.users.push_back(std::move(read.use));
  }
  return needs;
}

}  // namespace mlmon::doctor
