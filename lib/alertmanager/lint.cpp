#include "alertmanager/lint.hpp"

#include <cctype>

#include "alertmanager/env_render.hpp"
#include "alertmanager/lint/check.hpp"

namespace mlmon::alertmanager {

namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

}  // namespace

std::vector<EnvReference> find_env_references(std::string_view text) {
  std::vector<EnvReference> out;
  for (std::size_t p = text.find("${"); p != std::string_view::npos; p = text.find("${", p + 2)) {
    if (p > 0 && text[p - 1] == '$') continue;  // "$${" is an escaped literal
    std::size_t i = p + 2;
    if (i >= text.size() || !is_name_start(text[i])) continue;
    while (i < text.size() && is_name_char(text[i])) ++i;
    EnvReference ref;
    ref.offset = p;
    ref.name = std::string(text.substr(p + 2, i - p - 2));
    if (i < text.size() && text[i] == '}') {
      ref.length = i + 1 - p;
    } else if (text.substr(i, 2) == ":-") {
      const std::size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) continue;
      ref.has_default = true;
      ref.default_value = std::string(text.substr(i + 2, close - i - 2));
      ref.length = close + 1 - p;
    } else {
      continue;
    }
    out.push_back(std::move(ref));
  }
  return out;
}

// The checks themselves are in lint/, one per file named after its id; this runs them in the order
// of their list.
std::vector<Diagnostic> lint_config(const LoadedConfig& loaded, const LintOptions& options) {
  std::vector<Diagnostic> out;
  const bool rendered = is_rendered_output(loaded.document.source->text());
  for (const auto& check : lint_checks()) {
    check->run(LintContext{loaded, options, rendered, check->id(), out});
  }
  return out;
}

}  // namespace mlmon::alertmanager
