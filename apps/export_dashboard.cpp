#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "grafana/dashboard_exporter.hpp"
#include "grafana_options.hpp"

namespace mlmon::cli {

namespace {

struct ExportDashboardOptions {
  std::vector<std::string> uids;
  bool all = false;
  std::string folder_title;
  std::string output_dir;
  std::string name_by = "uid";
  GrafanaConnectionOptions connection;
};

int run_export_dashboard(const ExportDashboardOptions& options, Context& ctx) {
  if (options.all == !options.uids.empty()) {
    ctx.err << "mlmon export-dashboard: name the dashboards by uid, or pass --all\n";
    return kExitUsage;
  }
  if (!options.folder_title.empty() && !options.all) {
    ctx.err << "mlmon export-dashboard: --folder selects dashboards for --all\n";
    return kExitUsage;
  }
  auto session = open_grafana_session(options.connection, ctx, /*require_credentials=*/false);
  if (!session) {
    ctx.err << "mlmon export-dashboard: " << session.error().message << '\n';
    return kExitUsage;
  }
  grafana::ExportOptions export_options;
  export_options.uids = options.uids;
  export_options.all = options.all;
  if (!options.folder_title.empty()) export_options.folder_title = options.folder_title;
  export_options.output_dir = options.output_dir;
  export_options.name_by_title = options.name_by == "title";
  grafana::ExportCounts counts = grafana::export_dashboards(*(*session)->client, export_options, ctx.out);
  ctx.out << fmt::format("{:>9}  {:>9}  {:>9}\n", "exported", "unchanged", "failed");
  ctx.out << fmt::format("{:>9}  {:>9}  {:>9}\n", counts.written, counts.unchanged, counts.failed);
  return counts.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void setup_export_dashboard(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ExportDashboardOptions>();
  auto* sub = app.add_subcommand(
      "export-dashboard",
      "Pull dashboards from Grafana into files for git: without id, version and iteration, keys sorted, 2-space "
      "JSON, so an unchanged dashboard re-exports byte for byte");
  sub->add_option("uids", options->uids, "Dashboard uids");
  sub->add_flag("--all", options->all, "Every dashboard (with --folder: every dashboard in that folder)");
  sub->add_option("--folder", options->folder_title, "With --all: only this folder (by title; General = the root)");
  sub->add_option("-o,--output", options->output_dir, "Directory to write <uid>.json files into (created if missing)")
      ->required();
  sub->add_option("--name-by", options->name_by, "File names from the dashboard's uid or its title's slug")
      ->check(CLI::IsMember({"uid", "title"}))
      ->capture_default_str();
  add_grafana_connection_options(*sub, options->connection);
  sub->footer("Exit codes: 0 every dashboard exported or unchanged; 1 any failed; 2 usage error.");
  sub->callback([options, &ctx] { ctx.exit_code = run_export_dashboard(*options, ctx); });
}

}  // namespace mlmon::cli
