#include "dashboards/lint.hpp"

#include "dashboards/checks/check.hpp"
#include "dashboards/loader.hpp"

namespace mlmon::dashboards {

namespace {

bool is_excluded(const LintOptions& options, std::string_view id, const Dashboard& dashboard, const Panel* panel) {
  if (!options.excluded) return false;
  const std::string_view panel_title = (panel && panel->title) ? std::string_view(*panel->title) : std::string_view();
  if (options.excluded(id, dashboard.path(), dashboard.uid, panel_title)) return true;
  return dashboard.title != dashboard.uid && options.excluded(id, dashboard.path(), dashboard.title, panel_title);
}

}  // namespace

void lint_dashboard(const Dashboard& dashboard, const LintOptions& options, Report& report) {
  const References references = collect_references(dashboard);
  const std::vector<Query> queries = prometheus_queries(dashboard);
  std::vector<Finding> findings;
  const CheckContext ctx{dashboard, references, queries, findings};
  for (const auto& check : dashboard_checks()) {
    if (options.enabled && !options.enabled(check->info().id)) continue;
    check->run(ctx);
  }
  for (Finding& f : findings) {
    const std::string_view id = f.check->id;
    if (is_excluded(options, id, dashboard, f.panel)) continue;
    Diagnostic d;
    d.severity = options.severity ? options.severity(id, f.check->default_severity) : f.check->default_severity;
    d.rule_id = std::string(id);
    d.file = dashboard.path();
    d.pos = f.pos;
    d.message = std::move(f.message);
    d.hint = std::move(f.hint);
    report.add(std::move(d));
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
