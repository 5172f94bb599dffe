#include "alertmanager_cli.hpp"

#include <filesystem>

#include "alertmanager/lint.hpp"
#include "alertmanager/templates.hpp"
#include "core/file_io.hpp"
#include "core/render.hpp"

namespace mlmon::cli {

std::optional<alertmanager::LoadedConfig> load_alertmanager_file(const std::string& path, const std::string& command,
                                                                 Context& ctx) {
  auto text = read_file(path);
  if (!text) {
    ctx.err << "mlmon " << command << ": " << text.error().message << "\n";
    return std::nullopt;
  }
  return alertmanager::load_config(std::make_shared<SourceFile>(path, std::move(*text)));
}

std::string config_directory(const alertmanager::LoadedConfig& loaded) {
  const std::filesystem::path parent = std::filesystem::path(loaded.document.source->path()).parent_path();
  return parent.empty() ? "." : parent.string();
}

void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report) {
  report.add_source(loaded.redacted_source());
  for (const Diagnostic& d : loaded.diagnostics()) report.add(d);
  if (!loaded.has_errors()) {
    for (Diagnostic& d : alertmanager::check_template_files(loaded, config_directory(loaded))) report.add(std::move(d));
  }
  if (!lint) return;
  alertmanager::LintOptions options;
  options.base_dir = config_directory(loaded);
  for (Diagnostic& d : alertmanager::lint_config(loaded, options)) report.add(std::move(d));
}

void print_config_errors(const alertmanager::LoadedConfig& loaded, Context& ctx) {
  Report report;
  report.add_source(loaded.redacted_source());
  for (const Diagnostic& d : loaded.diagnostics()) {
    if (d.severity == Severity::Error) report.add(d);
  }
  render_text(report, ctx.err);
}

}  // namespace mlmon::cli
