#include "alertmanager_cli.hpp"

#include "alertmanager/report.hpp"
#include "core/file_io.hpp"
#include "core/render.hpp"
#include "rules/loader.hpp"
#include "yaml/document.hpp"

namespace mlmon::cli {

namespace {

bool is_dashboard(const yaml::Node* root) {
  if (root == nullptr || !root->is_map()) return false;
  const yaml::Node* wrapped = root->get("dashboard");  // the API's {"dashboard": {...}} envelope
  const yaml::Node* dashboard = wrapped != nullptr && wrapped->is_map() ? wrapped : root;
  return dashboard->get("panels") != nullptr || dashboard->get("rows") != nullptr;
}

}  // namespace

std::string other_kind(const std::string& path, const std::string& text) {
  if (path.ends_with(".tmpl")) {
    if (alertmanager::looks_like_config_template(text)) return {};
    return "is not an Alertmanager config template (it has no route: and receivers:); a notification template is "
           "checked with the config whose templates: name it";
  }
  auto source = std::make_shared<SourceFile>(path, text);
  const yaml::Document doc = yaml::load(source);
  if (alertmanager::looks_like_config(doc.root)) return {};
  const bool manifest = doc.has_further_documents() && rules::load_rule_documents(source).size() > 1;
  if (rules::looks_like_rule_file(doc.root) || manifest) {
    return "is a Prometheus rule file; use mlmon check-rules";
  }
  if (is_dashboard(doc.root)) return "is a Grafana dashboard; use mlmon check-dashboards";
  return {};
}

bool AlertmanagerInput::has_errors() const { return !loaded || loaded->has_errors(); }

void AlertmanagerInput::report(bool lint, Report& report) const {
  if (!from_template) {
    report_alertmanager(*loaded, lint, report);
    return;
  }
  const alertmanager::TemplateCheck& t = *from_template;
  report.add_source(loaded ? t.redacted_template(*loaded) : t.source);
  for (const Diagnostic& d : t.rendered.problems) report.add(d);
  if (!loaded) return;
  for (Diagnostic& d : alertmanager::config_findings(*loaded, lint, true)) report.add(t.to_template(std::move(d)));
}

void AlertmanagerInput::print_errors(Context& ctx) const {
  Report errors;
  report(false, errors);
  errors.remove_below(Severity::Error);
  render_text(errors, ctx.err);
}

std::optional<AlertmanagerInput> read_alertmanager_input(const std::string& path, std::string_view command,
                                                         const InputOptions& options, Context& ctx) {
  auto text = read_file(path);
  if (!text) {
    ctx.err << "mlmon " << command << ": " << text.error().message << "\n";
    return std::nullopt;
  }
  if (const std::string kind = other_kind(path, *text); !kind.empty()) {
    ctx.err << "mlmon " << command << ": " << path << " " << kind << "\n";
    return std::nullopt;
  }
  auto source = std::make_shared<SourceFile>(path, std::move(*text));
  AlertmanagerInput input;
  if (!path.ends_with(".tmpl")) {
    input.loaded = alertmanager::load_config(source);
    return input;
  }
  const auto values =
      options.placeholders ? alertmanager::TemplateValues::Placeholders : alertmanager::TemplateValues::Environment;
  input.from_template = alertmanager::render_template_for_check(source, values);
  const alertmanager::RenderedTemplate& rendered = input.from_template->rendered;
  if (!rendered.missing.empty()) {
    ctx.err << "mlmon " << command << ": " << path << ": " << alertmanager::missing_variables_message(rendered)
            << "; export " << (rendered.missing.size() == 1 ? "it" : "them")
            << ", or add --placeholders to check the template with placeholder values\n";
    return std::nullopt;
  }
  if (options.announce) {
    ctx.err << "mlmon " << command << ": " << path << " is a template: rendered in memory with "
            << input.from_template->values_summary() << "\n";
  }
  input.loaded = std::move(input.from_template->loaded);
  input.from_template->loaded.reset();
  return input;
}

std::string config_directory(const alertmanager::LoadedConfig& loaded) { return alertmanager::config_directory(loaded); }

void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report) {
  report.add_source(loaded.redacted_source());
  for (Diagnostic& d : alertmanager::config_findings(loaded, lint)) report.add(std::move(d));
}

}  // namespace mlmon::cli
