#include "alertmanager_cli.hpp"

#include "alertmanager/report.hpp"
#include "core/file_io.hpp"
#include "core/render.hpp"

namespace mlmon::cli {

workspace::Selection select_config(const SourceFilePtr& source, bool found_in_directory) {
  return workspace::select_file(source, found_in_directory,
                                {workspace::FileKind::AlertmanagerConfig, workspace::FileKind::AlertmanagerTemplate});
}

bool AlertmanagerInput::has_errors() const { return wrong_kind || !loaded || loaded->has_errors(); }

void AlertmanagerInput::report(bool lint, Report& report) const {
  if (wrong_kind) {
    report.add(*wrong_kind);
    return;
  }
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

std::optional<AlertmanagerInput> load_alertmanager_input(const SourceFilePtr& source,
                                                         const workspace::Selection& selection,
                                                         std::string_view command, const InputOptions& options,
                                                         Context& ctx) {
  const std::string& path = source->path();
  AlertmanagerInput input;
  if (selection.take == workspace::Take::WrongKind) {
    input.wrong_kind = workspace::wrong_kind(*source, selection.kind, "an Alertmanager config", kRuleNotAConfig);
    return input;
  }
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

std::optional<AlertmanagerInput> read_alertmanager_input(const std::string& path, std::string_view command,
                                                         const InputOptions& options, Context& ctx) {
  auto text = read_file(path);
  if (!text) {
    ctx.err << "mlmon " << command << ": " << text.error().message << "\n";
    return std::nullopt;
  }
  auto source = std::make_shared<SourceFile>(path, std::move(*text));
  return load_alertmanager_input(source, select_config(source, false), command, options, ctx);
}

std::string config_directory(const alertmanager::LoadedConfig& loaded) {
  return alertmanager::config_directory(loaded);
}

void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report) {
  std::vector<Diagnostic> findings = alertmanager::config_findings(loaded, lint);
  // The redacted copy is only for quoting lines of findings: a clean large config needs none.
  if (!findings.empty()) report.add_source(loaded.redacted_source());
  for (Diagnostic& d : findings) report.add(std::move(d));
}

}  // namespace mlmon::cli
