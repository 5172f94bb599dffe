#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "grafana/client.hpp"

namespace mlmon::grafana {

struct ExportOptions {
  std::vector<std::string> uids;            ///< dashboards to pull, or
  bool all = false;                         ///< every dashboard (optionally only in `folder_title`)
  std::optional<std::string> folder_title;  ///< --folder with --all
  std::string output_dir;                   ///< -o DIR, created if missing
  bool name_by_title = false;               ///< file names from the title's slug instead of the uid
};

struct ExportCounts {
  int written = 0;
  int unchanged = 0;
  int failed = 0;
};

/// The text export writes for a dashboard: without `id`, `version` and `iteration`, keys sorted,
/// 2-space indentation, final newline; so a re-export of an unchanged dashboard is byte-identical.
std::string export_text(const nlohmann::json& dashboard);

/// Lower-case letters and digits joined by single '-', as Grafana slugs titles; empty if none.
std::string slugify(std::string_view title);

/// export-dashboard: pulls each dashboard and writes DIR/<uid>.json (or <slug>.json), rewriting a
/// file only when its bytes change. One line per dashboard on `out`.
ExportCounts export_dashboards(GrafanaClient& client, const ExportOptions& options, std::ostream& out);

}  // namespace mlmon::grafana
