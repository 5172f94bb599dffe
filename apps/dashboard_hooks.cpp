#include "dashboard_hooks.hpp"

#include "core/render.hpp"
#include "dashboards/lint.hpp"
#include "dashboards/linter_config_cache.hpp"
#include "grafana/semantic_comparer.hpp"
#include "project/config.hpp"
#include "workspace/dashboard_policy.hpp"
#include "workspace/project_config.hpp"

namespace mlmon::cli {

namespace {

class ProjectLinter final : public grafana::DashboardLinter {
 public:
  explicit ProjectLinter(project::Config config)
      : config_(std::move(config)), options_(workspace::dashboard_lint_options(config_)) {}
  ProjectLinter(const ProjectLinter&) = delete;
  ProjectLinter& operator=(const ProjectLinter&) = delete;

  void lint(const std::string& path, const std::string& text, Report& report) const override {
    dashboards::LintOptions options = options_;
    auto linter_config = linter_configs_.for_file(path, report);
    if (linter_config) {
      options.linter_config = *linter_config;
    } else {
      // An error, so the import stops: without its exclusions the lint is not the one asked for.
      report.add(Diagnostic{Severity::Error, "dashboards/linter-config", path, {}, linter_config.error().message, ""});
    }
    dashboards::lint_file(std::make_shared<const SourceFile>(path, text), options, report);
  }

 private:
  project::Config config_;
  dashboards::LintOptions options_;
  mutable dashboards::LinterConfigCache linter_configs_;  // lint() is const for the importer; this only caches files
};

}  // namespace

Result<std::unique_ptr<grafana::DashboardLinter>> make_dashboard_linter(const std::string& config_path,
                                                                        const std::string& start, Context& ctx) {
  std::vector<Diagnostic> problems;
  auto config = MLMON_TRY(workspace::load_project_config(config_path, start, problems));
  if (!problems.empty()) {
    Report report;
    for (Diagnostic& problem : problems) report.add(std::move(problem));
    render_text(report, ctx.err);
    return fail("fix " + config.path + " first");
  }
  return std::unique_ptr<grafana::DashboardLinter>(std::make_unique<ProjectLinter>(std::move(config)));
}

std::unique_ptr<grafana::DashboardComparer> make_dashboard_comparer() {
  return std::make_unique<grafana::SemanticComparer>();
}

}  // namespace mlmon::cli
