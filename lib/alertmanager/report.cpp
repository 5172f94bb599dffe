#include "alertmanager/report.hpp"

#include <filesystem>

#include "alertmanager/lint.hpp"
#include "alertmanager/templates.hpp"

namespace mlmon::alertmanager {

std::string config_directory(const LoadedConfig& loaded) {
  const std::filesystem::path parent = std::filesystem::path(loaded.document.source->path()).parent_path();
  return parent.empty() ? "." : parent.string();
}

std::vector<Diagnostic> config_findings(const LoadedConfig& loaded, bool lint, bool in_template) {
  std::vector<Diagnostic> out = loaded.diagnostics();
  if (!loaded.has_errors()) {
    for (Diagnostic& d : check_template_files(loaded, config_directory(loaded))) out.push_back(std::move(d));
  }
  if (!lint) return out;
  LintOptions options;
  options.base_dir = config_directory(loaded);
  options.in_template = in_template;
  for (Diagnostic& d : lint_config(loaded, options)) out.push_back(std::move(d));
  return out;
}

}  // namespace mlmon::alertmanager
