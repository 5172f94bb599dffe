#include "dashboards/lint.hpp"

#include "core/diagnostic.hpp"
#include "dashboards/checks/check.hpp"
#include "dashboards/loader.hpp"

namespace mlmon::dashboards {

namespace {

std::string_view panel_title(const Finding& f) {
  return (f.panel && f.panel->title) ? std::string_view(*f.panel->title) : std::string_view();
}

std::optional<std::size_t> target_index(const Finding& f) {
  return f.target ? std::optional<std::size_t>(f.target->index) : std::nullopt;
}

bool is_excluded(const LintOptions& options, const Finding& f, const Dashboard& dashboard) {
  const std::string_view id = f.check->id;
  if (options.linter_config && options.linter_config->excludes(id, dashboard.title, panel_title(f), target_index(f))) {
    return true;
  }
  if (!options.excluded) return false;
  if (options.excluded(id, dashboard.path(), dashboard.uid, panel_title(f))) return true;
  return dashboard.title != dashboard.uid && options.excluded(id, dashboard.path(), dashboard.title, panel_title(f));
}

}  // namespace

void lint_dashboard(const Dashboard& dashboard, const LintOptions& options, Report& report) {
  static const std::vector<const DashboardCheck*> kRegistered = [] {
    std::vector<const DashboardCheck*> list;
    for (const auto& check : dashboard_checks()) list.push_back(check.get());
    return list;
  }();
  lint_dashboard(dashboard, kRegistered, options, report);
}

void lint_dashboard(const Dashboard& dashboard, std::span<const DashboardCheck* const> checks,
                    const LintOptions& options, Report& report) {
  const References references = collect_references(dashboard);
  const std::vector<Query> queries = prometheus_queries(dashboard);
  std::vector<Finding> findings;
  const CheckContext ctx{dashboard, references, queries, findings};
  for (const DashboardCheck* check : checks) {
    if (options.enabled && !options.enabled(check->info().id)) continue;
    check->run(ctx);
  }
  for (Finding& f : findings) {
    const std::string_view id = f.check->id;
    if (is_excluded(options, f, dashboard)) continue;
    Severity severity = options.severity ? options.severity(id, f.check->default_severity) : f.check->default_severity;
    if (options.linter_config && severity > Severity::Warning &&
        options.linter_config->downgrades(id, dashboard.title, panel_title(f), target_index(f))) {
      severity = Severity::Warning;
    }
    report.add(make_diagnostic(severity, id, dashboard.path(), f.pos, std::move(f.message), std::move(f.hint)));
  }
}

void lint_file(const SourceFilePtr& file, const LintOptions& options, Report& report) {
  report.add_source(file);
  auto loaded = load_dashboard(file);
  if (!loaded) {
    report.add(std::move(loaded.error()));
    return;
  }
  lint_dashboard(*loaded, options, report);
}

}  // namespace mlmon::dashboards
