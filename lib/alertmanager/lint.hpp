#pragma once
#include <string>
#include <vector>

#include "alertmanager/loader.hpp"
#include "core/diagnostic.hpp"

namespace mlmon::alertmanager {

struct LintOptions {
  /// Directory relative `*_file` paths and template globs are resolved against (the config's).
  std::string base_dir = ".";
  /// Look at the file system for `*_file` targets and template globs.
  bool check_files = true;
  /// The config is a template rendered in memory (findings go back to the template): hints speak
  /// of the template, and a `${` left in it was written as `$${` on purpose.
  bool in_template = false;
};

/// mlmon's checks beyond Alertmanager's, all warnings (rule ids alertmanager/...): the checks of
/// lint/registry.cpp, one per file under lint/ named after its id (classic-matcher, route-depth,
/// missing-file, template-glob, unused-receiver, unused-time-interval, shadowed-route,
/// inhibit-never-fires, plain-secret, unexpanded-env, template-syntax), in that order. Messages never contain secret
/// values. The output of render-alertmanager (is_rendered_output) holds its secrets by design: plain-secret and
/// unexpanded-env are checked on its template instead.
std::vector<Diagnostic> lint_config(const LoadedConfig& loaded, const LintOptions& options = {});

/// `${NAME}` or `${NAME:-default}` references in a text: byte offset and length of each.
struct EnvReference {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string name;
  bool has_default = false;
  std::string default_value;
};
std::vector<EnvReference> find_env_references(std::string_view text);

}  // namespace mlmon::alertmanager
