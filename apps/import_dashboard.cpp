#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/inputs.hpp"
#include "dashboard_hooks.hpp"
#include "grafana/dashboard_importer.hpp"
#include "grafana_options.hpp"

namespace mlmon::cli {

namespace {

struct ImportDashboardOptions {
  std::vector<std::string> paths;
  std::string folder_title;
  std::string folder_uid;
  bool no_create = false;
  std::string message;
  bool overwrite = false;
  bool force = false;
  bool dry_run = false;
  bool fail_fast = false;
  std::vector<std::string> datasources;
  std::string config_path;
  GrafanaConnectionOptions connection;
};

int run_import_dashboard(const ImportDashboardOptions& options, Context& ctx) {
  grafana::ImportOptions import;
  for (const std::string& mapping : options.datasources) {
    std::size_t equals = mapping.find('=');
    if (equals == 0 || equals == std::string::npos || equals + 1 == mapping.size()) {
      ctx.err << "mlmon import-dashboard: --datasource " << mapping
              << ": expected NAME=UID, e.g. DS_PROMETHEUS=P1809F7CD0C75ACF3\n";
      return kExitUsage;
    }
    import.inputs[mapping.substr(0, equals)] = mapping.substr(equals + 1);
  }
  auto files = expand_inputs(options.paths, {".json"});
  if (!files) {
    ctx.err << "mlmon import-dashboard: " << files.error().message << '\n';
    return kExitUsage;
  }
  if (files->empty()) {
    ctx.err << "mlmon import-dashboard: no .json files found\n";
    return kExitUsage;
  }
  auto session = open_grafana_session(options.connection, ctx, /*require_credentials=*/true);
  if (!session) {
    ctx.err << "mlmon import-dashboard: " << session.error().message << '\n';
    return kExitUsage;
  }

  if (!options.folder_title.empty()) import.folder.title = options.folder_title;
  if (!options.folder_uid.empty()) import.folder.uid = options.folder_uid;
  import.folder.create = !options.no_create;
  import.message = options.message;
  import.overwrite = options.overwrite;
  import.force = options.force;
  import.dry_run = options.dry_run;
  import.fail_fast = options.fail_fast;

  auto linter = make_dashboard_linter(options.config_path, options.paths.front(), ctx);
  if (!linter) {
    ctx.err << "mlmon import-dashboard: " << linter.error().message << '\n';
    return kExitUsage;
  }
  std::unique_ptr<grafana::DashboardComparer> comparer = make_dashboard_comparer();
  grafana::DashboardImporter importer(*(*session)->client, *comparer, linter->get(), ctx.out);
  grafana::ImportCounts counts = importer.run(*files, import);
  grafana::print_import_summary(counts, options.dry_run, ctx.out);
  if (counts.stopped) return kExitUsage;  // a network or credentials failure, as the exit code table says
  return counts.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void setup_import_dashboard(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ImportDashboardOptions>();
  auto* sub = app.add_subcommand(
      "import-dashboard",
      "Save dashboards to Grafana, safely: unchanged ones are skipped, and a dashboard edited in Grafana is not "
      "overwritten without --overwrite");
  sub->add_option("paths", options->paths, "Dashboard JSON files or directories (searched for *.json)")->required();
  sub->add_option("--folder", options->folder_title,
                  "Folder title; created when missing (default: new dashboards go to General, existing ones stay)");
  sub->add_option("--folder-uid", options->folder_uid,
                  "Folder uid; created when missing (titled --folder, else the uid)");
  sub->add_flag("--no-create", options->no_create, "Fail instead of creating a missing folder");
  sub->add_option("--message", options->message,
                  "Version message (default: \"mlmon: <file> @ <git commit>\"); always starts with \"mlmon:\"");
  sub->add_flag("--overwrite", options->overwrite,
                "Replace dashboards whose newest version was not saved by mlmon (edited in the Grafana UI)");
  sub->add_flag("--force", options->force, "Import despite error-level findings from check-dashboards");
  sub->add_flag("--dry-run", options->dry_run, "Show what would change, with the semantic diff; save nothing");
  sub->add_flag("--fail-fast", options->fail_fast, "Stop at the first dashboard that fails");
  sub->add_option("--datasource", options->datasources,
                  "NAME=UID: the datasource for an exported dashboard's __inputs entry NAME (repeatable)");
  sub->add_option("--config", options->config_path,
                  "Project config for the lint (default: .mlmon.yml found walking up from the first path)");
  add_grafana_connection_options(*sub, options->connection);
  sub->footer(
      "Exit codes: 0 every dashboard created, updated or unchanged; 1 any failed (or would fail with --dry-run);\n"
      "2 usage error (bad flags, no files, no URL or credentials).");
  sub->callback([options, &ctx] { ctx.exit_code = run_import_dashboard(*options, ctx); });
}

}  // namespace mlmon::cli
