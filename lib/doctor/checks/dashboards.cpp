// Grafana: the repository's dashboards against Grafana's, as `import-dashboard --dry-run` judges
// them: missing (would create), unchanged, or different (would update; and who saved last).
#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "grafana/dashboard_checks.hpp"
#include "grafana/dashboard_inputs.hpp"
#include "grafana/semantic_comparer.hpp"
#include "grafana/version_message.hpp"

namespace mlmon::doctor {

namespace {

std::vector<std::string> differences(const nlohmann::json& live, const nlohmann::json& local) {
  return grafana::SemanticComparer().differences(live, local);
}

}  // namespace

void check_dashboards(CheckContext& ctx) {
  grafana::GrafanaClient* client = ctx.live.grafana();
  if (client == nullptr) return;
  if (ctx.repo.dashboards.empty()) {
    ctx.report.ok(Section::Grafana, "no dashboards in the repository to compare");
    return;
  }
  std::size_t same = 0;
  for (const RepoDashboard& entry : ctx.repo.dashboards) {
    const dashboards::Dashboard& dashboard = entry.dashboard;
    const std::string name = fmt::format("dashboard \"{}\" (uid {})", dashboard.title, dashboard.uid);
    if (dashboard.uid.empty() || dashboard.json == nullptr) continue;  // mlmon check reports a missing uid
    auto local = grafana::resolve_inputs(*dashboard.json, {});
    if (!local) {
      ctx.report.add(Section::Grafana,
                     repo_finding(Severity::Info, "doctor/dashboard-differs", entry.path(), {},
                                  fmt::format("{} is an export with __inputs: not compared", name),
                                  fmt::format("mlmon import-dashboard --dry-run --datasource NAME=UID {} compares it",
                                              entry.path())));
      continue;
    }
    auto live = client->get_dashboard(dashboard.uid);
    if (!live) {
      ctx.api_error(Section::Grafana, Error{live.error().text}, "the dashboards in Grafana");
      if (live.error().kind == grafana::ApiError::Kind::Unauthorized ||
          live.error().kind == grafana::ApiError::Kind::Transport) {
        return;  // every other dashboard would fail the same way
      }
      continue;
    }
    if (!*live) {
      ctx.report.add(
          Section::Grafana,
          repo_finding(Severity::Warning, "doctor/dashboard-missing", entry.path(), {},
                       fmt::format("{} is not in Grafana", name),
                       fmt::format("mlmon import-dashboard {} creates it (or check the provisioning)", entry.path())));
      continue;
    }
    const std::vector<std::string> changes = differences((*live)->dashboard, *local);
    if (changes.empty()) {
      ++same;
      continue;
    }
    std::string hint;
    if ((*live)->provisioned) {
      hint = "Grafana provisions it from files: deploy the repository's file to the provisioning folder";
    } else if (auto newest = client->newest_version(dashboard.uid);
               newest && *newest && !grafana::is_mlmon_message((*newest)->message)) {
      hint = fmt::format(
          "edited in Grafana by {}{}: mlmon export-dashboard {} keeps the edit in git, mlmon "
          "import-dashboard --overwrite {} replaces it",
          (*newest)->created_by.empty() ? "someone" : (*newest)->created_by,
          (*newest)->created.empty() ? "" : " at " + (*newest)->created, dashboard.uid, entry.path());
    } else {
      hint = fmt::format("mlmon import-dashboard {} updates it (--dry-run shows every change)", entry.path());
    }
    ctx.report.add(Section::Grafana,
                   repo_finding(Severity::Warning, "doctor/dashboard-differs", entry.path(), {},
                                fmt::format("{} in Grafana differs from git: {} change{}, first: {}", name,
                                            changes.size(), changes.size() == 1 ? "" : "s", changes.front()),
                                std::move(hint)));
  }
  if (same == ctx.repo.dashboards.size()) {
    ctx.report.ok(Section::Grafana, fmt::format("the {} dashboard{} of git {} in Grafana as written", same,
                                                same == 1 ? "" : "s", same == 1 ? "is" : "are"));
  }
}

}  // namespace mlmon::doctor
