// mlmon check [DIR]: the main job. Finds rule files, Alertmanager configs (and config templates)
// and dashboards under DIR by their content, runs every check, routes every alert through the
// Alertmanager config, and prints one report followed by the thresholds table.
#include <filesystem>
#include <memory>

#include "alertmanager/crosscheck.hpp"
#include "alertmanager/env_render.hpp"
#include "alertmanager_cli.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/inputs.hpp"
#include "dashboards/lint.hpp"
#include "linter_configs.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "rules/check_rules.hpp"
#include "thresholds/inventory.hpp"
#include "thresholds/listing.hpp"
#include "yaml/document.hpp"

namespace mlmon::cli {

namespace {

namespace fs = std::filesystem;

struct CheckArgs {
  std::string dir = ".";
  OutputOptions output;
  std::string config_path;
  bool no_thresholds = false;
};

enum class FileKind { Rules, Alertmanager, AlertmanagerTemplate, Dashboard, Other };

bool is_alertmanager_root(const yaml::Node* root) {
  return root != nullptr && root->is_map() && root->get("route") != nullptr && root->get("receivers") != nullptr;
}

// By content, not by name: a rule file has groups of rules (or is a PrometheusRule), an
// Alertmanager config has a route and receivers, a dashboard has panels or rows.
FileKind classify(const std::string& path, const std::string& text) {
  if (path.ends_with(".json")) {
    const bool dashboard_like = text.find("\"panels\"") != std::string::npos || text.find("\"rows\"") != std::string::npos;
    return dashboard_like ? FileKind::Dashboard : FileKind::Other;
  }
  if (path.ends_with(".tmpl")) {
    const bool am_like = text.find("route:") != std::string::npos && text.find("receivers:") != std::string::npos;
    return am_like ? FileKind::AlertmanagerTemplate : FileKind::Other;
  }
  auto source = std::make_shared<SourceFile>(path, text);
  const yaml::Document doc = yaml::load(source);
  if (rules::looks_like_rule_file(doc.root)) return FileKind::Rules;
  if (is_alertmanager_root(doc.root)) return FileKind::Alertmanager;
  // A Kubernetes manifest file whose PrometheusRule is not its first resource.
  if (doc.has_further_documents() && rules::load_rule_documents(source).size() > 1) return FileKind::Rules;
  return FileKind::Other;
}

struct Found {
  std::vector<SourceFilePtr> rules, alertmanager, templates, dashboards;
};

// The static labels of every alerting rule, for routing them through the Alertmanager config.
std::vector<alertmanager::AlertRuleRef> alert_refs(const thresholds::Inventory& inventory) {
  std::vector<alertmanager::AlertRuleRef> refs;
  for (const auto& file : inventory.files) {
    if (!file->rules) continue;
    for (const rules::Group& group : file->rules->groups) {
      for (const rules::Rule& rule : group.rules) {
        if (!rule.is_alert() || rule.name.empty()) continue;
        alertmanager::AlertRuleRef ref;
        ref.name = rule.name;
        ref.file = file->path();
        ref.pos = rule.alert ? rule.alert->pos : rule.node->pos;
        for (const yaml::Node* labels : {group.labels, rule.labels}) {
          if (labels == nullptr) continue;
          for (const yaml::Entry& e : labels->entries) {
            if (e.value->value.find("{{") != std::string::npos) ref.templated_labels.push_back(e.key->value);
            else ref.labels[e.key->value] = e.value->value;
          }
        }
        refs.push_back(std::move(ref));
      }
    }
  }
  return refs;
}

// A config template is checked as Alertmanager would see it once rendered: every ${VAR} gets a
// placeholder value shaped like a URL (never a real secret), and only Alertmanager's own errors
// are reported.
std::optional<alertmanager::LoadedConfig> render_template_for_check(const SourceFilePtr& source, Report& report) {
  auto rendered = alertmanager::render_env_template(
      *source, [](std::string_view) -> std::optional<std::string> { return std::string("https://placeholder.invalid/mlmon"); });
  for (const Diagnostic& d : rendered.problems) report.add(d);
  if (!rendered.ok()) return std::nullopt;
  alertmanager::LoadOptions options;
  options.sensitive_ranges = rendered.expanded;
  auto loaded = alertmanager::load_config(std::make_shared<SourceFile>(source->path(), rendered.text), options);
  for (Diagnostic d : loaded.diagnostics()) {
    if (d.severity != Severity::Error) continue;
    d.message += " (in the template rendered with placeholder values)";
    report.add(std::move(d));
  }
  return loaded;
}

int run_check(const CheckArgs& args, Context& ctx) {
  std::error_code ec;
  if (!fs::is_directory(args.dir, ec)) {
    ctx.err << "mlmon check: " << args.dir << ": not a directory\n";
    return kExitUsage;
  }
  auto config = load_project_config("check", args.config_path, args.dir, args.output, ctx);
  if (!config) return kExitUsage;
  auto files = expand_inputs({args.dir}, {".yml", ".yaml", ".json", ".tmpl"});
  if (!files) {
    ctx.err << "mlmon check: " << files.error().message << "\n";
    return kExitUsage;
  }
  const fs::path base = config->path.empty() ? fs::path(args.dir) : fs::path(config->path).parent_path();

  Report report;
  Found found;
  bool io_failed = false;
  for (const std::string& path : *files) {
    const std::string relative = fs::relative(path, base, ec).string();
    if (config->ignored(ec ? path : relative) || fs::path(path).filename() == ".mlmon.yml") continue;
    auto text = read_file(path);
    if (!text) {
      ctx.err << "mlmon check: " << text.error().message << "\n";
      io_failed = true;
      continue;
    }
    // `mlmon check .` names files as `rules/x.yml`, not `./rules/x.yml`.
    const std::string shown = path.starts_with("./") ? path.substr(2) : path;
    auto source = std::make_shared<SourceFile>(shown, std::move(*text));
    switch (classify(path, source->text())) {
      case FileKind::Rules: found.rules.push_back(source); break;
      case FileKind::Alertmanager: found.alertmanager.push_back(source); break;
      case FileKind::AlertmanagerTemplate: found.templates.push_back(source); break;
      case FileKind::Dashboard: found.dashboards.push_back(source); break;
      case FileKind::Other: break;
    }
  }

  // Rule files.
  rules::CheckRulesOptions rule_options;
  thresholds::Inventory inventory;
  for (const SourceFilePtr& source : found.rules) {
    report.add_source(source);
    std::vector<Diagnostic> findings;
    rules::check_rule_source(source, rule_options, *config, findings);
    for (Diagnostic& d : findings) report.add(std::move(d));
    inventory.add(source);
  }

  // Alertmanager configs and templates, and every alert routed through each of them.
  std::vector<alertmanager::LoadedConfig> configs;
  for (const SourceFilePtr& source : found.alertmanager) {
    auto loaded = alertmanager::load_config(source);
    report_alertmanager(loaded, true, report);
    configs.push_back(std::move(loaded));
  }
  for (const SourceFilePtr& source : found.templates) {
    report.add_source(source);
    if (auto loaded = render_template_for_check(source, report)) {
      // Findings point into the rendered text: quote that (secrets masked), not the template.
      report.add_source(loaded->redacted_source());
      configs.push_back(std::move(*loaded));
    }
  }
  const auto alerts = alert_refs(inventory);
  for (const auto& loaded : configs) {
    if (loaded.has_errors()) continue;
    for (Diagnostic& d : alertmanager::crosscheck_alert_routing(loaded.config, alerts)) report.add(std::move(d));
  }

  // Dashboards, with a dashboard-linter `.lint` beside them as check-dashboards applies it.
  dashboards::LintOptions dashboard_options = dashboard_lint_options(*config);
  LinterConfigs linter_configs;
  for (const SourceFilePtr& source : found.dashboards) {
    dashboard_options.linter_config = linter_configs.for_file(source->path(), report);
    if (std::string error = linter_configs.take_error(); !error.empty()) {
      ctx.err << "mlmon check: " << error << "\n";
      io_failed = true;
    }
    dashboards::lint_file(source, dashboard_options, report);
  }

  const int code = finish_report(report, args.output, ctx);
  if (args.output.format == "text") {
    if (!args.no_thresholds && !inventory.alerts.empty()) {
      ctx.out << (report.empty() ? "" : "\n") << "Thresholds:\n";
      thresholds::render_table(inventory, ctx.out);
    }
    const std::size_t errors = report.count(Severity::Error);
    const std::size_t warnings = report.count(Severity::Warning) - errors;
    ctx.err << "checked " << plural(found.rules.size(), "rule file") << ", "
            << plural(found.alertmanager.size() + found.templates.size(), "Alertmanager config") << ", "
            << plural(found.dashboards.size(), "dashboard") << ": " << plural(errors, "error") << ", "
            << plural(warnings, "warning") << "\n";
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckArgs>();
  auto* sub = app.add_subcommand(
      "check", "The main job: every check on the rule files, Alertmanager configs and dashboards under DIR");
  sub->add_option("dir", args->dir, "Directory to search (recursively; files recognised by content)")
      ->capture_default_str();
  add_output_options(*sub, args->output);
  sub->add_option("--config", args->config_path, "Project config (default: .mlmon.yml found walking up from DIR)");
  sub->add_flag("--no-thresholds", args->no_thresholds, "Do not print the thresholds table");
  sub->footer("Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check(*args, ctx); });
}

}  // namespace mlmon::cli
