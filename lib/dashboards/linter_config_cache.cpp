#include "dashboards/linter_config_cache.hpp"

#include <filesystem>
#include <vector>

#include "core/file_io.hpp"

namespace mlmon::dashboards {

Result<const LinterConfig*> LinterConfigCache::for_file(const std::string& path, Report& report) {
  if (path == "-") return nullptr;
  const std::string dir = std::filesystem::path(path).parent_path().string();
  auto [it, inserted] = configs_.try_emplace(dir);
  if (!inserted) return it->second.get();
  const std::string lint_path = (dir.empty() ? std::string() : dir + "/") + ".lint";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(lint_path, ec)) return nullptr;
  auto source = std::make_shared<const SourceFile>(lint_path, MLMON_TRY(read_file(lint_path)));
  report.add_source(source);
  std::vector<Diagnostic> problems;
  it->second = std::make_unique<LinterConfig>(parse_linter_config(source, problems));
  for (Diagnostic& d : problems) report.add(std::move(d));
  return it->second.get();
}

}  // namespace mlmon::dashboards
