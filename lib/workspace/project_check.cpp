#include "workspace/project_check.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <future>
#include <memory>
#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/crosscheck.hpp"
#include "alertmanager/report.hpp"
#include "alertmanager/route_cases.hpp"
#include "alertmanager/template_check.hpp"
#include "core/file_io.hpp"
#include "dashboards/lint.hpp"
#include "dashboards/linter_config_cache.hpp"
#include "ruletest/findings.hpp"
#include "ruletest/runner.hpp"
#include "workspace/alert_refs.hpp"
#include "workspace/catalog.hpp"
#include "workspace/dashboard_policy.hpp"
#include "workspace/parallel.hpp"

namespace mlmon::workspace {

namespace {

namespace fs = std::filesystem;

bool is_lint(std::string_view id) {
  const checks::CheckInfo* info = catalog().find(id);
  return info != nullptr && info->kind == checks::CheckKind::Lint;
}

// A config template is checked as Alertmanager would see it once rendered: every ${VAR} gets a
// placeholder value shaped like a URL (never a real secret), or its default, and only
// Alertmanager's own errors are reported, at their place in the template.
std::optional<alertmanager::LoadedConfig> render_template_for_check(const SourceFilePtr& source, Report& report) {
  auto checked = alertmanager::render_template_for_check(source, alertmanager::TemplateValues::Placeholders);
  for (const Diagnostic& d : checked.rendered.problems) report.add(d);
  if (!checked.loaded) return std::nullopt;
  report.add_source(checked.redacted_template(*checked.loaded));
  for (Diagnostic d : checked.loaded->diagnostics()) {
    if (d.severity != Severity::Error) continue;
    d.message += " (in the template rendered with placeholder values)";
    report.add(checked.to_template(std::move(d)));
  }
  return std::move(checked.loaded);
}

class ProjectChecker {
 public:
  ProjectChecker(const project::Config& config, const ProjectCheckOptions& options)
      : config_(config), options_(options) {}

  ProjectCheck run(const std::vector<InputFile>& files) {
    // Reading and classifying (a YAML load each) on every thread; sorting into kinds in order.
    std::vector<ReadFile> read(files.size());
    parallel_for(files.size(), options_.jobs, [&](std::size_t i) { read[i] = read_and_classify(files[i]); });
    for (ReadFile& file : read) add(std::move(file));
    // The rule unit tests take most of the time: they start first and run beside the other
    // checks. Reports are sorted when printed, so the order findings are added in does not show.
    std::vector<std::vector<Diagnostic>> test_findings(rule_tests_.size());
    // On one core the tests run when get() asks for them; an exception from them comes out of
    // get(), and one from the other checks waits for the tests to end (the future's destructor).
    const auto policy = options_.jobs <= 1 || rule_tests_.empty() ? std::launch::deferred : std::launch::async;
    std::future<void> tests = std::async(policy, [&] { run_rule_tests(test_findings); });
    check_rule_files();
    check_alertmanager();
    check_dashboards();
    tests.get();
    add_rule_tests(test_findings);
    return std::move(result_);
  }

 private:
  struct ReadFile {
    std::string io_error;  ///< the file could not be read
    SourceFilePtr source;
    Classified classified;
  };

  static ReadFile read_and_classify(const InputFile& file) {
    ReadFile read;
    auto text = read_file(file.path);
    if (!text) {
      read.io_error = text.error().message;
      return read;
    }
    read.source = std::make_shared<SourceFile>(shown_path(file.path), std::move(*text));
    read.classified = classify(read.source);
    return read;
  }

  void add(ReadFile file) {
    if (!file.source) {
      result_.io_errors.push_back(std::move(file.io_error));
      return;
    }
    SourceFilePtr& source = file.source;
    Classified& classified = file.classified;
    switch (classified.kind) {
      case FileKind::RuleFile: rule_files_.push_back(source); break;
      case FileKind::AlertmanagerConfig: configs_.push_back(source); break;
      case FileKind::AlertmanagerTemplate: templates_.push_back(source); break;
      case FileKind::Dashboard: dashboards_.push_back(source); break;
      case FileKind::RouteCases: route_cases_.push_back(source); break;
      case FileKind::RuleTests: rule_tests_.push_back(source); break;
      case FileKind::Unparsable:
        // It cannot be proven harmless: whatever it was meant to be, it would not load.
        result_.report.add_source(source);
        for (Diagnostic& d : classified.problems) result_.report.add(std::move(d));
        break;
      case FileKind::NotificationTemplate:
      case FileKind::PrometheusConfig:
      case FileKind::Other: result_.skipped.push_back(SkippedFile{source->path(), classified.kind}); break;
    }
  }

  void count(FileKind kind, std::size_t n = 1) {
    if (n > 0) result_.checked[kind] += n;
  }

  void check_rule_files() {
    std::vector<std::vector<Diagnostic>> findings(rule_files_.size());
    parallel_for(rule_files_.size(), options_.jobs, [&](std::size_t i) {
      rules::check_rule_source(rule_files_[i], options_.rules, config_, findings[i]);
    });
    for (std::size_t i = 0; i < rule_files_.size(); ++i) {
      result_.report.add_source(rule_files_[i]);
      for (Diagnostic& d : findings[i]) result_.report.add(std::move(d));
      result_.inventory.add(rule_files_[i]);
    }
    count(FileKind::RuleFile, rule_files_.size());
  }

  // promtool's rule unit tests, run as `mlmon test-rules` runs them (mlmon's silent-pass failures
  // included): a failing test is an error at its assertion.
  // They are most of `check`'s time, so files run at once and so do the test groups of each file
  // (groups are independent; results are merged in input order, so the output does not change).
  // Reads only rule_tests_ and options_, so it may run beside the other checks.
  void run_rule_tests(std::vector<std::vector<Diagnostic>>& findings) const {
    ruletest::RunOptions options;
    options.group_jobs = options_.jobs;
    parallel_for(rule_tests_.size(), options_.jobs, [&](std::size_t i) {
      findings[i] = ruletest::findings(ruletest::run_test_file(rule_tests_[i]->path(), options));
    });
  }

  void add_rule_tests(std::vector<std::vector<Diagnostic>>& findings) {
    for (std::size_t i = 0; i < rule_tests_.size(); ++i) {
      result_.report.add_source(rule_tests_[i]);
      for (Diagnostic& d : findings[i]) result_.report.add(std::move(d));
    }
    count(FileKind::RuleTests, rule_tests_.size());
  }

  void add_alertmanager_findings(std::vector<Diagnostic> findings) {
    project::apply_config(config_, findings, &is_lint);
    for (Diagnostic& d : findings) result_.report.add(std::move(d));
  }

  void check_alertmanager() {
    std::vector<alertmanager::LoadedConfig> loaded_configs;
    for (const SourceFilePtr& source : configs_) {
      auto loaded = alertmanager::load_config(source);
      result_.report.add_source(loaded.redacted_source());
      add_alertmanager_findings(alertmanager::config_findings(loaded, true));
      loaded_configs.push_back(std::move(loaded));
    }
    for (const SourceFilePtr& source : templates_) {
      result_.report.add_source(source);
      if (auto loaded = render_template_for_check(source, result_.report)) loaded_configs.push_back(std::move(*loaded));
    }
    count(FileKind::AlertmanagerConfig, configs_.size());
    count(FileKind::AlertmanagerTemplate, templates_.size());

    const auto alerts = alert_refs(result_.inventory);
    for (const auto& loaded : loaded_configs) {
      if (loaded.has_errors()) continue;
      add_alertmanager_findings(alertmanager::crosscheck_alert_routing(loaded.config, alerts));
    }
    run_route_cases(loaded_configs);
  }

  // Routing cases say where alerts must go, but not through which config: with exactly one in the
  // project there is no doubt; otherwise they are run by hand (`routes test CONFIG --cases`).
  void run_route_cases(const std::vector<alertmanager::LoadedConfig>& loaded_configs) {
    for (const SourceFilePtr& source : route_cases_) {
      result_.report.add_source(source);
      const alertmanager::RouteCaseFile cases = alertmanager::load_route_cases(source);
      for (const Diagnostic& d : cases.problems) result_.report.add(d);
      if (!cases.ok()) continue;
      if (loaded_configs.size() != 1) {
        result_.report.add(make_diagnostic(
            Severity::Info, alertmanager::ids::kRouteCases, source->path(), Position{},
            loaded_configs.empty()
                ? "routing cases not run: no Alertmanager config found to route them through"
                : fmt::format("routing cases not run: {} Alertmanager configs found, and the cases do not "
                              "say which one they are for",
                              loaded_configs.size()),
            "run them with `mlmon routes test CONFIG --cases " + source->path() + "`"));
        continue;
      }
      const alertmanager::LoadedConfig& loaded = loaded_configs.front();
      if (loaded.has_errors() || !loaded.config.has_route) continue;  // its errors are reported already
      for (Diagnostic& d : alertmanager::run_route_cases(cases, loaded.config.route)) {
        d.message += " (routed through " + loaded.document.source->path() + ")";
        result_.report.add(std::move(d));
      }
      count(FileKind::RouteCases);
    }
  }

  // Dashboards, with a dashboard-linter `.lint` beside them as check-dashboards applies it.
  void check_dashboards() {
    dashboards::LintOptions lint_options = dashboard_lint_options(config_);
    dashboards::LinterConfigCache linter_configs;
    for (const SourceFilePtr& source : dashboards_) {
      auto linter_config = linter_configs.for_file(source->path(), result_.report);
      if (!linter_config) {
        result_.io_errors.push_back(linter_config.error().message);
        continue;
      }
      lint_options.linter_config = *linter_config;
      dashboards::lint_file(source, lint_options, result_.report);
    }
    count(FileKind::Dashboard, dashboards_.size());
  }

  const project::Config& config_;
  const ProjectCheckOptions& options_;
  ProjectCheck result_;
  std::vector<SourceFilePtr> rule_files_, rule_tests_, configs_, templates_, dashboards_, route_cases_;
};

}  // namespace

ProjectCheck check_project(const std::vector<InputFile>& files, const project::Config& config,
                           const ProjectCheckOptions& options) {
  return ProjectChecker(config, options).run(files);
}

std::string shown_path(const std::string& path) { return path.starts_with("./") ? path.substr(2) : path; }

Result<std::vector<InputFile>> project_inputs(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& extensions, const project::Config& config,
                                              const std::string& base, bool named_as_found) {
  auto files = MLMON_TRY(expand_input_files(paths, extensions));
  // `.mlmon.yml` in the working directory has an empty parent: that is ".".
  fs::path root = config.path.empty() ? fs::path(base) : fs::path(config.path).parent_path();
  if (root.empty()) root = ".";
  std::vector<InputFile> kept;
  std::size_t ignored = 0;
  for (InputFile& file : files) {
    if (named_as_found && file.path != "-") file.found_in_directory = true;
    if (file.found_in_directory) {
      if (fs::path(file.path).filename() == ".mlmon.yml") continue;
      std::error_code ec;
      const std::string relative = fs::relative(file.path, root, ec).string();
      if (config.ignored(ec ? file.path : relative)) {
        ++ignored;
        continue;
      }
    }
    kept.push_back(std::move(file));
  }
  if (kept.empty() && ignored > 0 && !named_as_found) {
    return fail(
        fmt::format("every file found under {} is ignored by {} (ignore:); name the files, or use a glob, "
                    "to check them anyway",
                    fmt::join(paths, ", "), config.path));
  }
  return kept;
}

}  // namespace mlmon::workspace
