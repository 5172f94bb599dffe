#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/inputs.hpp"
#include "core/report.hpp"
#include "project/config.hpp"
#include "rules/check_rules.hpp"
#include "thresholds/inventory.hpp"
#include "workspace/file_kind.hpp"

namespace mlmon::workspace {

struct ProjectCheckOptions {
  rules::CheckRulesOptions rules;
  /// Threads that read, classify and check rule files (the result is the same for any number).
  unsigned jobs = 1;
};

struct SkippedFile {
  std::string path;
  FileKind kind;
};

/// What `mlmon check DIR` found and concluded. Every candidate file is accounted for: checked as
/// what it is (counted in `checked`), reported (it does not parse: an error), or skipped.
struct ProjectCheck {
  Report report;
  std::map<FileKind, std::size_t> checked;
  std::vector<SkippedFile> skipped;
  thresholds::Inventory inventory;
  std::vector<std::string> io_errors;  ///< files that could not be read
};

/// Every check on every file: rule files, Alertmanager configs and templates (rendered with
/// placeholders), dashboards, routing cases against the project's one Alertmanager config, and
/// every alert routed through each config. `files` come from project_inputs().
ProjectCheck check_project(const std::vector<InputFile>& files, const project::Config& config,
                           const ProjectCheckOptions& options);

/// The files under `paths` with these extensions, with `.mlmon.yml`'s `ignore:` applied to those
/// found in directories (a file named on the command line is always read; `.mlmon.yml` itself
/// never is). Paths in `ignore:` are relative to the config's directory, or to `base` without one.
/// A directory whose every file is ignored is an error, as an empty one is.
/// With `named_as_found`, files named on the command line are treated as found in a directory too
/// (ignore: applies, other kinds are skipped): for tools that pass every changed file, pre-commit.
Result<std::vector<InputFile>> project_inputs(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& extensions, const project::Config& config,
                                              const std::string& base, bool named_as_found = false);

/// A path as the user reads it: `rules/x.yml`, not `./rules/x.yml`.
std::string shown_path(const std::string& path);

}  // namespace mlmon::workspace
