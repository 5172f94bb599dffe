#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "grafana/client.hpp"
#include "grafana/dashboard_checks.hpp"
#include "grafana/folder_target.hpp"

namespace mlmon::grafana {

struct ImportOptions {
  FolderTarget folder;     ///< none given: new dashboards go to General, existing ones stay where they are
  std::string message;     ///< --message; mlmon's marker is always added
  bool overwrite = false;  ///< replace a dashboard whose newest version mlmon did not save
  bool force = false;      ///< import despite error-level lint findings
  bool dry_run = false;    ///< read only: show what would happen and the semantic diff
  bool fail_fast = false;  ///< stop at the first failure
  std::map<std::string, std::string> inputs;  ///< --datasource NAME=uid, for `__inputs`
};

struct ImportCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int failed = 0;
  /// The run ended early: Grafana unreachable, or it refused the credentials (exit 2, not 1:
  /// nothing was wrong with the dashboards).
  bool stopped = false;
};

/// import-dashboard's algorithm, safe by default (see docs/grafana.md):
///  - every file is read, parsed, linted and its `__inputs` resolved before any request;
///  - a new uid is created; an unchanged dashboard (no semantic difference, same folder) is skipped;
///  - a changed one is updated only when the newest version in Grafana's history carries mlmon's
///    marker, sending the live version so a concurrent edit gets 412; otherwise it is refused unless
///    --overwrite;
///  - one line per dashboard on `out`; a failure does not stop the others unless fail_fast, but an
///    authentication failure or an unreachable Grafana ends the run (every later call would fail too).
class DashboardImporter {
 public:
  DashboardImporter(GrafanaClient& client, const DashboardComparer& comparer, const DashboardLinter* linter,
                    std::ostream& out);

  ImportCounts run(const std::vector<std::string>& files, const ImportOptions& options);

 private:
  struct Prepared;
  struct Item;
  /// Reads, parses, lints and resolves one file: the dashboard ready to send, or why it cannot be
  /// imported. `findings` gets the rendered error-level lint findings, to show before the file's
  /// line whether it is imported (--force) or not.
  Result<Prepared> prepare(const std::string& path, const ImportOptions& options, std::string& findings);
  /// Returns false when the run must stop (authentication failure, Grafana unreachable).
  bool import_one(const Prepared& item, const ImportOptions& options, const ResolvedFolder* folder,
                  ImportCounts& counts);
  void report_failure(const std::string& path, const std::string& why, ImportCounts& counts);

  GrafanaClient& client_;
  const DashboardComparer& comparer_;
  const DashboardLinter* linter_;
  std::ostream& out_;
};

/// The summary table: created / updated / unchanged / failed.
void print_import_summary(const ImportCounts& counts, bool dry_run, std::ostream& out);

}  // namespace mlmon::grafana
