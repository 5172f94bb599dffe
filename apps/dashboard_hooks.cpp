#include "dashboard_hooks.hpp"

#include "core/render.hpp"
#include "dashboards/dashboard_diff.hpp"
#include "dashboards/lint.hpp"
#include "project/config.hpp"

namespace mlmon::cli {

namespace {

class ProjectLinter final : public grafana::DashboardLinter {
 public:
  explicit ProjectLinter(project::Config config) : config_(std::move(config)) {
    options_.enabled = [this](std::string_view id) { return config_.enabled(id); };
    options_.severity = [this](std::string_view id, Severity s) { return config_.severity(id, s); };
    options_.excluded = [this](std::string_view id, std::string_view file, std::string_view dashboard,
                               std::string_view panel) { return config_.excluded(id, file, dashboard, panel); };
  }
  ProjectLinter(const ProjectLinter&) = delete;
  ProjectLinter& operator=(const ProjectLinter&) = delete;

  void lint(const std::string& path, const std::string& text, Report& report) const override {
    dashboards::lint_file(std::make_shared<const SourceFile>(path, text), options_, report);
  }

 private:
  project::Config config_;
  dashboards::LintOptions options_;
};

/// `mlmon diff`'s semantic comparison: what it ignores (ids, versions, pluginVersion, datasource
/// name-vs-uid churn, ...) is never a reason to save.
class SemanticComparer final : public grafana::DashboardComparer {
 public:
  std::vector<std::string> differences(const nlohmann::json& live, const nlohmann::json& local) const override {
    try {
      return change_lines(dashboards::diff_dashboard_json(live, local));
    } catch (const std::exception&) {
      // A reply too odd for the dashboard model still gets compared, structurally.
      return grafana::StructuralComparer().differences(live, local);
    }
  }
};

}  // namespace

Result<std::unique_ptr<grafana::DashboardLinter>> make_dashboard_linter(const std::string& config_path,
                                                                        const std::string& start, Context& ctx) {
  std::vector<Diagnostic> problems;
  auto config = project::load_config(config_path, start, problems);
  if (!config) return std::unexpected(config.error());
  if (!problems.empty()) {
    Report report;
    for (Diagnostic& problem : problems) report.add(std::move(problem));
    render_text(report, ctx.err);
    return fail("fix " + config->path + " first");
  }
  return std::unique_ptr<grafana::DashboardLinter>(std::make_unique<ProjectLinter>(std::move(*config)));
}

std::unique_ptr<grafana::DashboardComparer> make_dashboard_comparer() {
  return std::make_unique<SemanticComparer>();
}

}  // namespace mlmon::cli
