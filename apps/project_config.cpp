#include "project_config.hpp"

#include <memory>
#include <vector>

#include "core/file_io.hpp"
#include "workspace/project_config.hpp"

namespace mlmon::cli {

std::optional<project::Config> load_project_config(std::string_view command, const std::string& config_path,
                                                   const std::string& start, const OutputOptions& output,
                                                   Context& ctx) {
  std::vector<Diagnostic> problems;
  auto config = workspace::load_project_config(config_path, start, problems);
  if (!config) {
    ctx.err << "mlmon " << command << ": " << config.error().message << "\n";
    return std::nullopt;
  }
  if (!problems.empty()) {
    Report report;
    if (auto text = read_file(config->path))
      report.add_source(std::make_shared<SourceFile>(config->path, std::move(*text)));
    for (Diagnostic& d : problems) report.add(std::move(d));
    finish_report(report, output, ctx);
    ctx.err << "mlmon " << command << ": fix " << config->path << " first\n";
    return std::nullopt;
  }
  return std::move(*config);
}

}  // namespace mlmon::cli
