// Alerts not firing: the rule groups Prometheus runs against the repository's (/api/v1/rules):
// groups of git not loaded, loaded groups git does not have, and loaded rules that differ from
// git (mlmon diff's semantics: expressions by meaning, durations as durations).
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "doctor/checks/check.hpp"
#include "doctor/rule_compare.hpp"
#include "doctor/time_text.hpp"
#include "promql/duration.hpp"

namespace mlmon::doctor {

namespace {

std::string base_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

struct RepoGroup {
  const RepoRuleFile* file;
  const rules::Group* group;
};

std::string change_text(const Change& change) {
  switch (change.kind) {
    case ChangeKind::Added: return fmt::format("{} is in git but not loaded in Prometheus", change.subject);
    case ChangeKind::Removed: return fmt::format("{} is loaded in Prometheus but not in git", change.subject);
    case ChangeKind::Moved:
      return fmt::format("{} runs in another order: {} in git, {} in Prometheus", change.subject, change.moved_to,
                         change.moved_from);
    case ChangeKind::Changed: break;
  }
  std::string text = fmt::format("{} differs:", change.subject);
  bool first = true;
  for (const FieldChange& field : change.fields) {
    text += fmt::format("{} {}: {} in git, {} in Prometheus", first ? "" : ";", field.path,
                        field.new_value.value_or("(none)"), field.old_value.value_or("(none)"));
    first = false;
  }
  if (!change.moved_from.empty()) {
    text += fmt::format("; order: {} in git, {} in Prometheus", change.moved_to, change.moved_from);
  }
  return text;
}

}  // namespace

void check_rule_groups(CheckContext& ctx) {
  if (ctx.live.prometheus() == nullptr) return;
  const auto& groups = ctx.live.rule_groups();
  if (!groups) {
    ctx.api_error(Section::Alerts, groups.error(), "the loaded rule groups");
    return;
  }
  std::string reload = "deploy the file and reload Prometheus (POST /-/reload with --web.enable-lifecycle, or SIGHUP)";
  if (const auto& info = ctx.live.runtime_info(); info && info->reload_config_success == false) {
    reload += "; its last reload failed (see Up)";
  }

  std::map<std::string, std::vector<RepoGroup>> repo_groups;
  std::set<std::string> repo_files;
  for (const RepoRuleFile& file : ctx.repo.rule_files) {
    repo_files.insert(base_name(file.path()));
    for (const rules::Group& group : file.file->groups) repo_groups[group.name].push_back({&file, &group});
  }

  std::size_t missing = 0, differing = 0, compared = 0;
  std::set<const LiveGroup*> matched;
  for (const RepoRuleFile& file : ctx.repo.rule_files) {
    for (const rules::Group& group : file.file->groups) {
      // The loaded group of that name, preferably from a file of the same name.
      const LiveGroup* live = nullptr;
      bool file_loaded = false;
      for (const LiveGroup& candidate : *groups) {
        if (base_name(candidate.file) == base_name(file.path())) file_loaded = true;
        if (candidate.name != group.name || matched.contains(&candidate)) continue;
        if (live == nullptr || base_name(candidate.file) == base_name(file.path())) live = &candidate;
      }
      const Position at = group.name_node != nullptr ? group.name_node->pos() : Position{};
      if (live == nullptr) {
        ++missing;
        ctx.report.add(Section::Alerts,
                       repo_finding(Severity::Error, "doctor/group-missing", file.path(), at,
                                    fmt::format("group \"{}\" is not loaded in Prometheus", group.name),
                                    file_loaded ? fmt::format("Prometheus loaded {} without this group: {}",
                                                              base_name(file.path()), reload)
                                                : fmt::format("add {} to rule_files in Prometheus's config, then {}",
                                                              base_name(file.path()), reload)));
        continue;
      }
      matched.insert(live);
      ++compared;
      const ChangeSet changes = compare_group(group, *live);
      for (const Change& change : changes.changes) {
        ++differing;
        const rules::Rule* rule = rule_of_subject(group, change.subject);
        const Position pos = rule != nullptr && rule->node != nullptr ? rule->node->pos() : at;
        ctx.report.add(
            Section::Alerts,
            repo_finding(Severity::Error, "doctor/rule-differs", file.path(), pos, change_text(change),
                         fmt::format("Prometheus runs another version of {}: {}", base_name(file.path()), reload)));
      }
      if (group.interval != nullptr && !group.interval->is_null()) {
        const auto written = promql::parse_duration_ms(group.interval->value);
        if (written && std::llround(live->interval_s * 1000) != *written) {
          ++differing;
          ctx.report.add(
              Section::Alerts,
              repo_finding(Severity::Error, "doctor/rule-differs", file.path(), group.interval->pos(),
                           fmt::format("group \"{}\" differs: interval: {} in git, {} in Prometheus", group.name,
                                       group.interval->value, prometheus_duration(live->interval_s)),
                           fmt::format("Prometheus runs another version of {}: {}", base_name(file.path()), reload)));
        }
      }
    }
  }
  for (const LiveGroup& live : *groups) {
    if (matched.contains(&live)) continue;
    const bool ours = repo_files.contains(base_name(live.file));
    ctx.report.add(Section::Alerts,
                   live_finding(ours ? Severity::Warning : Severity::Info, "doctor/group-extra",
                                fmt::format("loaded group \"{}\" (from {}) is not in git", live.name, live.file),
                                ours ? fmt::format("it was renamed or removed in git: {}", reload)
                                     : "its file is not in this repository (another team's rules?): nothing to do if "
                                       "that is expected"));
  }
  if (repo_groups.empty()) {
    ctx.report.ok(Section::Alerts, "no rule files in the repository to compare");
  } else if (missing == 0 && differing == 0) {
    std::size_t rules = 0;
    for (const auto& [name, list] : repo_groups) {
      for (const RepoGroup& g : list) rules += g.group->rules.size();
    }
    ctx.report.ok(Section::Alerts,
                  fmt::format("the {} rule groups of git are loaded as written ({} rules)", compared, rules));
  }
}

}  // namespace mlmon::doctor
