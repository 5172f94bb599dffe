#pragma once
// The repository's side of every comparison: the rule files, Alertmanager configs (and config
// templates) and dashboards under DIR, found by content as `mlmon check` finds them.
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/inputs.hpp"
#include "core/source_file.hpp"
#include "dashboards/model.hpp"
#include "rules/model.hpp"

namespace mlmon::doctor {

struct RepoRuleFile {
  std::unique_ptr<rules::RuleFile> file;  // groups point into its document: kept in place
  const std::string& path() const { return file->source().path(); }
};

struct RepoDashboard {
  dashboards::Dashboard dashboard;
  const std::string& path() const { return dashboard.path(); }
};

struct RepoAlertmanagerConfig {
  SourceFilePtr source;
  bool is_template = false;  ///< a `*.tmpl` with ${VAR}s, rendered with placeholders to compare
};

struct Repo {
  std::vector<RepoRuleFile> rule_files;
  std::vector<RepoDashboard> dashboards;
  std::vector<RepoAlertmanagerConfig> alertmanager_configs;
  /// Files that are meant to be one of these kinds but do not load (doctor/repo-file): their
  /// content is left out of the comparisons, and `mlmon check` says what is wrong.
  std::vector<Diagnostic> problems;
};

/// Reads and classifies `files` (from workspace::project_inputs). A file that cannot be read is
/// a problem too; nothing here fails the run.
Repo load_repo(const std::vector<InputFile>& files);

}  // namespace mlmon::doctor
