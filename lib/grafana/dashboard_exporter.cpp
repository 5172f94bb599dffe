#include "grafana/dashboard_exporter.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "core/file_io.hpp"
#include "grafana/bounded_json.hpp"
#include "grafana/dashboard_checks.hpp"

namespace mlmon::grafana {

namespace fs = std::filesystem;

namespace {

/// A name that stays inside the output directory whatever the server sent.
bool is_safe_file_stem(std::string_view stem) {
  if (stem.empty() || stem.size() > 200 || stem.front() == '.') return false;
  for (char c : stem) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string export_text(const nlohmann::json& dashboard) { return pretty_json(without_server_fields(dashboard)); }

std::string slugify(std::string_view title) {
  std::string slug;
  bool dash = false;
  for (unsigned char c : title) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(c);
      dash = false;
    } else {
      dash = true;
    }
  }
  return slug;
}

ExportCounts export_dashboards(GrafanaClient& client, const ExportOptions& options, std::ostream& out) {
  ExportCounts counts;
  auto failure = [&](std::string_view what, std::string_view why) {
    out << what << ": failed: " << why << '\n' << std::flush;
    ++counts.failed;
  };

  std::vector<std::string> uids = options.uids;
  if (options.all) {
    std::optional<std::string> folder_uid;
    if (options.folder_title) {
      std::string wanted = *options.folder_title;
      if (slugify(wanted) == "general") {
        folder_uid = "";
      } else {
        auto folders = client.list_folders();
        if (!folders) {
          failure(fmt::format("folder \"{}\"", wanted), folders.error().text);
          return counts;
        }
        for (const Folder& folder : *folders) {
          if (folder.title == wanted) folder_uid = folder.uid;
        }
        if (!folder_uid) {
          failure(fmt::format("folder \"{}\"", wanted), "no folder with this title in Grafana");
          return counts;
        }
      }
    }
    // General has no uid to filter on server-side; the hits are filtered here in every case.
    auto hits = client.search_dashboards(folder_uid && !folder_uid->empty() ? folder_uid : std::nullopt);
    if (!hits) {
      failure("search", hits.error().text);
      return counts;
    }
    for (const SearchHit& hit : *hits) {
      if (folder_uid && hit.folder_uid != *folder_uid) continue;
      uids.push_back(hit.uid);
    }
  }

  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  if (ec) {
    failure(options.output_dir, fmt::format("cannot create the directory: {}", ec.message()));
    return counts;
  }

  std::map<std::string, std::string> written_by;  // file -> uid, to catch two dashboards on one name
  for (const std::string& uid : uids) {
    auto live = client.get_dashboard(uid);
    if (!live) {
      failure(uid, live.error().text);
      if (live.error().kind == ApiError::Kind::Unauthorized || live.error().kind == ApiError::Kind::Transport) break;
      continue;
    }
    if (!*live) {
      failure(uid, "no dashboard with this uid in Grafana");
      continue;
    }
    const nlohmann::json& dashboard = (*live)->dashboard;
    std::string stem = options.name_by_title ? slugify(string_field(dashboard, "title")) : uid;
    if (stem.empty()) stem = uid;
    if (!is_safe_file_stem(stem)) {
      failure(uid, fmt::format("\"{}\" is not a safe file name", stem));
      continue;
    }
    std::string path = (fs::path(options.output_dir) / (stem + ".json")).string();
    if (auto [it, inserted] = written_by.emplace(path, uid); !inserted) {
      failure(uid, fmt::format("{} was already written for {}; export by uid to keep both", path, it->second));
      continue;
    }
    std::string text = export_text(dashboard);
    if (auto existing = read_file(path); existing && *existing == text) {
      out << fmt::format("{}: unchanged {}\n", path, uid) << std::flush;
      ++counts.unchanged;
      continue;
    }
    if (auto wrote = write_file_atomic(path, text); !wrote) {
      failure(uid, wrote.error().message);
      continue;
    }
    out << fmt::format("{}: exported {}\n", path, uid) << std::flush;
    ++counts.written;
  }
  return counts;
}

}  // namespace mlmon::grafana
