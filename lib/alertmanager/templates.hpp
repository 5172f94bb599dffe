#pragma once
#include <string>
#include <vector>

#include "alertmanager/loader.hpp"
#include "core/diagnostic.hpp"

namespace mlmon::alertmanager {

/// What Alertmanager does with `templates` when it loads a config: expands each glob (relative to
/// `base_dir`, the config's directory) and parses every file as a Go text/template with
/// Alertmanager's functions. Errors in Go's words at the template file's line
/// ("template: bad.tmpl:1: unexpected \"}\" in operand", "syntax error in pattern").
std::vector<Diagnostic> check_template_files(const LoadedConfig& loaded, const std::string& base_dir);

/// Templates written inline in receiver fields (`title: '{{ ... }}'`), which Alertmanager only
/// parses when it sends a notification: warnings (alertmanager/template-syntax) for those that
/// cannot parse.
std::vector<Diagnostic> check_inline_templates(const LoadedConfig& loaded);

}  // namespace mlmon::alertmanager
