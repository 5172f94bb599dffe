#include "grafana/dashboard_importer.hpp"

#include <fmt/format.h>

#include <memory>

#include "core/file_io.hpp"
#include "core/render.hpp"
#include "core/source_file.hpp"
#include "grafana/bounded_json.hpp"
#include "grafana/dashboard_inputs.hpp"
#include "grafana/version_message.hpp"

namespace mlmon::grafana {

namespace {

using nlohmann::json;

bool is_valid_uid(std::string_view uid) {
  if (uid.empty() || uid.size() > 40) return false;
  for (char c : uid) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

/// Failures after which every later call would fail the same way.
bool stops_the_run(const ApiError& error) {
  return error.kind == ApiError::Kind::Unauthorized || error.kind == ApiError::Kind::Transport;
}

std::string folder_name(std::string_view title) { return fmt::format("\"{}\"", title.empty() ? "General" : title); }

std::string edited_by(const VersionEntry& entry) {
  std::string who = entry.created_by.empty() ? "someone" : entry.created_by;
  return entry.created.empty() ? who : fmt::format("{} at {}", who, entry.created);
}

}  // namespace

struct DashboardImporter::Prepared {
  std::string path;
  json dashboard;  // ready to send: inputs resolved, id null, no version
  std::string uid;
  std::string title;
  std::string message;
};

// One file of the run.
struct DashboardImporter::Item {
  std::string path;
  std::string findings;       // rendered lint findings to show before its line
  Result<Prepared> prepared;  // or why it cannot be imported
};

DashboardImporter::DashboardImporter(GrafanaClient& client, const DashboardComparer& comparer,
                                     const DashboardLinter* linter, std::ostream& out)
    : client_(client), comparer_(comparer), linter_(linter), out_(out) {}

void DashboardImporter::report_failure(const std::string& path, const std::string& why, ImportCounts& counts) {
  out_ << path << ": failed: " << why << '\n' << std::flush;
  ++counts.failed;
}

Result<DashboardImporter::Prepared> DashboardImporter::prepare(const std::string& path, const ImportOptions& options,
                                                               std::string& findings) {
  const std::string text = MLMON_TRY(read_file(path));
  auto parsed = parse_bounded_json(text);
  if (!parsed) return fail(fmt::format("not valid JSON: {}", parsed.error().message));
  json document = std::move(*parsed);
  // The API's own shape ({"dashboard": {...}, "meta": {...}}) is accepted as well as the plain model.
  if (document.is_object() && document.contains("dashboard") && document["dashboard"].is_object() &&
      (document.contains("meta") || document.size() == 1)) {
    document = json(document["dashboard"]);
  }
  if (!document.is_object()) return fail("not a dashboard: the file's JSON is not an object");

  if (linter_ != nullptr) {
    Report errors;
    errors.add_source(std::make_shared<SourceFile>(path, text));
    linter_->lint(path, text, errors);
    errors.remove_below(Severity::Error);
    std::size_t count = errors.diagnostics().size();
    if (count > 0) {
      std::ostringstream rendered;
      render_text(errors, rendered, TextStyle{false, true});
      findings = rendered.str();
      if (!options.force) {
        return fail(fmt::format("{} error{} from check-dashboards; fix {} or pass --force to import anyway", count,
                                count == 1 ? "" : "s", count == 1 ? "it" : "them"));
      }
    }
  }

  Prepared prepared;
  prepared.path = path;
  prepared.dashboard = MLMON_TRY(resolve_inputs(document, options.inputs));
  prepared.uid = string_field(prepared.dashboard, "uid");
  prepared.title = string_field(prepared.dashboard, "title");
  if (!is_valid_uid(prepared.uid)) {
    return fail(prepared.uid.empty()
                    ? "the dashboard has no uid; give it one (letters, digits, - and _, at most 40) so that "
                      "re-imports update it instead of adding copies"
                    : fmt::format("the uid \"{}\" is not valid in Grafana (letters, digits, - and _, at most 40)",
                                  prepared.uid));
  }
  if (prepared.title.find_first_not_of(" \t\r\n") == std::string::npos) return fail("the dashboard has no title");
  // Grafana matches by uid; a stale id from another instance would name a different dashboard.
  prepared.dashboard["id"] = nullptr;
  prepared.dashboard.erase("version");
  prepared.message = version_message(options.message, path, git_head_commit(path));
  return prepared;
}

ImportCounts DashboardImporter::run(const std::vector<std::string>& files, const ImportOptions& options) {
  ImportCounts counts;
  // Everything local first, so that no request is sent for a file that cannot be imported.
  std::vector<Item> items(files.size());
  std::map<std::string, std::string> first_file_of_uid;
  std::size_t ready = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    Item& item = items[i];
    item.path = files[i];
    item.prepared = prepare(files[i], options, item.findings);
    if (!item.prepared) continue;
    auto [it, inserted] = first_file_of_uid.emplace(item.prepared->uid, files[i]);
    if (!inserted) {
      item.prepared = fail(
          fmt::format("uid {} is also used by {}; each dashboard needs its own uid", item.prepared->uid, it->second));
      continue;
    }
    ++ready;
  }

  std::optional<ResolvedFolder> folder;
  std::string folder_error;
  bool stop = false;
  if (options.folder.given() && ready > 0) {
    auto resolved = resolve_folder(client_, options.folder, options.dry_run);
    std::string label = options.folder.title ? fmt::format("folder \"{}\"", *options.folder.title)
                                             : fmt::format("folder uid {}", options.folder.uid.value_or(""));
    if (!resolved) {
      out_ << fmt::format("{}: failed: {}\n", label, resolved.error().text);
      folder_error = fmt::format("{} is not available", label);
      stop = counts.stopped = stops_the_run(resolved.error());
    } else {
      folder = *resolved;
      if (folder->how == ResolvedFolder::How::Created) {
        out_ << fmt::format("folder \"{}\": created (uid {})\n", folder->title, folder->uid);
      } else if (folder->how == ResolvedFolder::How::WouldCreate) {
        out_ << fmt::format("folder \"{}\": would create\n", folder->title);
      }
    }
  }

  std::size_t index = 0;
  for (; index < items.size(); ++index) {
    const Item& item = items[index];
    if (stop) break;
    out_ << item.findings;
    bool failed_before = counts.failed > 0;
    if (!item.prepared) {
      report_failure(item.path, item.prepared.error().message, counts);
    } else if (!folder_error.empty()) {
      report_failure(item.path, folder_error, counts);
    } else {
      if (!item.findings.empty()) out_ << item.path << ": importing despite the errors above (--force)\n";
      if (!import_one(*item.prepared, options, folder ? &*folder : nullptr, counts)) stop = counts.stopped = true;
    }
    if (options.fail_fast && !failed_before && counts.failed > 0) {
      ++index;
      if (index < items.size()) out_ << "stopping at the first failure (--fail-fast)\n";
      break;
    }
  }
  if (index < items.size()) {
    std::size_t left = items.size() - index;
    out_ << fmt::format("{} dashboard{} not attempted\n", left, left == 1 ? "" : "s");
    counts.failed += static_cast<int>(left);
  }
  return counts;
}

bool DashboardImporter::import_one(const Prepared& item, const ImportOptions& options, const ResolvedFolder* folder,
                                   ImportCounts& counts) {
  const std::string& uid = item.uid;
  auto live = client_.get_dashboard(uid);
  if (!live) {
    report_failure(item.path, live.error().text, counts);
    return !stops_the_run(live.error());
  }

  // Without --folder an existing dashboard stays where it is (Grafana would move it to General).
  std::string folder_uid = folder ? folder->uid : (*live ? (*live)->folder_uid : "");
  std::string folder_title = folder ? folder->title : (*live ? (*live)->folder_title : "General");

  auto describe_save_error = [&](const ApiError& error) -> std::string {
    using Kind = ApiError::Kind;
    switch (error.kind) {
      case Kind::VersionMismatch:
        return fmt::format(
            "{}: changed in Grafana while mlmon was saving it (412 version-mismatch: {}); run again to re-check, or "
            "use --overwrite to replace it",
            uid, error.message);
      case Kind::NameExists:
        return fmt::format(
            "{}: another dashboard titled \"{}\" already exists in folder {} (412 name-exists: {}); Grafana before "
            "11.3 needs titles unique per folder, so rename one of them",
            uid, item.title, folder_name(folder_title), error.message);
      case Kind::PluginDashboard:
        return fmt::format(
            "{}: the dashboard belongs to a plugin (412 plugin-dashboard: {}); use --overwrite to replace it", uid,
            error.message);
      default: break;
    }
    if (error.http_status == 400 && error.message.find("provisioned") != std::string::npos) {
      return fmt::format(
          "{}: Grafana provisions this dashboard from a file and refuses API saves (400: {}); change the "
          "provisioning source instead, or allow UI updates for it",
          uid, error.message);
    }
    if ((error.http_status == 400 || error.http_status == 404) && error.message.starts_with("folder not found")) {
      return fmt::format("{}: folder {} does not exist in Grafana ({}: {})", uid, folder_name(folder_title),
                         error.http_status, error.message);
    }
    if ((error.http_status == 400 || error.http_status == 404) && error.message.starts_with("Folder not found")) {
      return fmt::format("{}: folder {} does not exist in Grafana ({}: {})", uid, folder_name(folder_title),
                         error.http_status, error.message);
    }
    return error.text;
  };

  auto version_text = [](const std::optional<long long>& version) {
    return version ? std::to_string(*version) : std::string("?");
  };

  if (!*live) {
    if (options.dry_run) {
      out_ << fmt::format("{}: would create {} in folder {}\n", item.path, uid, folder_name(folder_title));
      ++counts.created;
      return true;
    }
    SaveRequest request{item.dashboard, folder_uid, false, item.message};
    auto saved = client_.save_dashboard(request);
    if (!saved) {
      report_failure(item.path, describe_save_error(saved.error()), counts);
      return !stops_the_run(saved.error());
    }
    out_ << fmt::format("{}: created {} (version {})\n", item.path, uid, version_text(saved->version)) << std::flush;
    ++counts.created;
    return true;
  }

  const LiveDashboard& current = **live;
  std::vector<std::string> changes = comparer_.differences(current.dashboard, item.dashboard);
  bool moves = folder && (folder->how == ResolvedFolder::How::WouldCreate || folder->uid != current.folder_uid);
  if (changes.empty() && !moves) {
    out_ << fmt::format("{}: unchanged {}\n", item.path, uid) << std::flush;
    ++counts.unchanged;
    return true;
  }
  if (moves)
    changes.push_back(fmt::format("folder: {} → {}", folder_name(current.folder_title), folder_name(folder_title)));

  // Who saved last decides whether replacing is safe: only mlmon's own versions are.
  std::string refusal;
  std::string replacing;
  auto newest = client_.newest_version(uid);
  if (!newest) {
    if (stops_the_run(newest.error())) {
      report_failure(item.path, newest.error().text, counts);
      return false;
    }
    refusal = fmt::format(
        "cannot read the version history ({}), so mlmon cannot tell whether it was edited in Grafana; use "
        "--overwrite to replace it",
        newest.error().text);
    replacing = "a dashboard whose history could not be read";
  } else if (!*newest) {
    refusal =
        "the version history is empty, so mlmon cannot tell whether it was edited in Grafana; use --overwrite "
        "to replace it";
    replacing = "a dashboard without history";
  } else if (!is_mlmon_message((*newest)->message)) {
    refusal =
        fmt::format("edited in Grafana by {}; use --overwrite to replace it, or export-dashboard to pull the change",
                    edited_by(**newest));
    replacing = fmt::format("the edit by {}", edited_by(**newest));
  }

  if (options.dry_run) {
    if (!refusal.empty() && !options.overwrite) {
      out_ << fmt::format("{}: would fail: {}: {}\n", item.path, uid, refusal);
      ++counts.failed;
    } else {
      out_ << fmt::format("{}: would update {} (version {}){}\n", item.path, uid, current.version,
                          refusal.empty() ? "" : fmt::format(", replacing {}", replacing));
      ++counts.updated;
    }
    for (const std::string& change : changes) out_ << "    " << change << '\n';
    out_ << std::flush;
    return true;
  }

  if (!refusal.empty() && !options.overwrite) {
    report_failure(item.path, fmt::format("{}: {}", uid, refusal), counts);
    return true;
  }
  SaveRequest request;
  request.dashboard = item.dashboard;
  // The version it was based on: if someone saves in between, Grafana answers 412 instead of losing it.
  request.dashboard["version"] = current.version;
  request.folder_uid = folder_uid;
  request.overwrite = !refusal.empty();
  request.message = item.message;
  auto saved = client_.save_dashboard(request);
  if (!saved) {
    report_failure(item.path, describe_save_error(saved.error()), counts);
    return !stops_the_run(saved.error());
  }
  out_ << fmt::format("{}: updated {} (version {} → {}){}\n", item.path, uid, current.version,
                      version_text(saved->version), refusal.empty() ? "" : fmt::format(", replacing {}", replacing))
       << std::flush;
  ++counts.updated;
  return true;
}

void print_import_summary(const ImportCounts& counts, bool dry_run, std::ostream& out) {
  if (dry_run) out << "dry run: nothing was saved\n";
  out << fmt::format("{:>9}  {:>9}  {:>9}  {:>9}\n", "created", "updated", "unchanged", "failed");
  out << fmt::format("{:>9}  {:>9}  {:>9}  {:>9}\n", counts.created, counts.updated, counts.unchanged, counts.failed);
}

}  // namespace mlmon::grafana
