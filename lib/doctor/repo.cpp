#include "doctor/repo.hpp"

#include <fmt/format.h>

#include "core/file_io.hpp"
#include "dashboards/loader.hpp"
#include "rules/loader.hpp"
#include "workspace/file_kind.hpp"
#include "workspace/project_check.hpp"

namespace mlmon::doctor {

namespace {

using workspace::FileKind;

Diagnostic not_compared(const std::string& path, Position pos, std::string_view kind, std::string_view why) {
  return Diagnostic{Severity::Warning,
                    "doctor/repo-file",
                    path,
                    pos,
                    fmt::format("{} does not load ({}), so it is not compared with the servers", kind, why),
                    fmt::format("run `mlmon check` for every problem in {}", path)};
}

}  // namespace

Repo load_repo(const std::vector<InputFile>& files) {
  Repo repo;
  for (const InputFile& input : files) {
    const std::string path = workspace::shown_path(input.path);
    auto text = read_file(input.path);
    if (!text) {
      repo.problems.push_back(Diagnostic{Severity::Warning, "doctor/repo-file", path, {}, text.error().message, ""});
      continue;
    }
    auto source = std::make_shared<SourceFile>(path, std::move(*text));
    const workspace::Classified classified = workspace::classify(source);
    switch (classified.kind) {
      case FileKind::RuleFile: {
        auto loaded = rules::load_rule_file(source);
        if (!loaded) {
          repo.problems.push_back(not_compared(path, loaded.error().pos, "this rule file", loaded.error().message));
          break;
        }
        repo.rule_files.push_back(RepoRuleFile{std::make_unique<rules::RuleFile>(std::move(*loaded))});
        break;
      }
      case FileKind::Dashboard: {
        auto loaded = dashboards::load_dashboard(source);
        if (!loaded) {
          repo.problems.push_back(not_compared(path, loaded.error().pos, "this dashboard", loaded.error().message));
          break;
        }
        repo.dashboards.push_back(RepoDashboard{std::move(*loaded)});
        break;
      }
      case FileKind::AlertmanagerConfig: repo.alertmanager_configs.push_back({source, false}); break;
      case FileKind::AlertmanagerTemplate: repo.alertmanager_configs.push_back({source, true}); break;
      case FileKind::Unparsable:
        for (const Diagnostic& d : classified.problems) {
          repo.problems.push_back(not_compared(path, d.pos, "this file", d.message));
          break;
        }
        break;
      default: break;
    }
  }
  return repo;
}

}  // namespace mlmon::doctor
