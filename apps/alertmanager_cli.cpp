#include "alertmanager_cli.hpp"

#include "alertmanager/report.hpp"
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

std::string config_directory(const alertmanager::LoadedConfig& loaded) { return alertmanager::config_directory(loaded); }

void report_alertmanager(const alertmanager::LoadedConfig& loaded, bool lint, Report& report) {
  std::vector<Diagnostic> findings = alertmanager::config_findings(loaded, lint);
  // The redacted copy is only for quoting lines of findings: a clean large config needs none.
  if (!findings.empty()) report.add_source(loaded.redacted_source());
  for (Diagnostic& d : findings) report.add(std::move(d));
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
