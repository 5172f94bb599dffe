#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grafana/api_error.hpp"
#include "grafana/credentials.hpp"
#include "grafana/grafana_url.hpp"
#include "grafana/http_transport.hpp"
#include "grafana/redactor.hpp"

namespace mlmon::grafana {

struct ClientOptions {
  GrafanaUrl url;
  Credentials credentials;
  std::optional<long long> org_id;  ///< sent as X-Grafana-Org-Id
  /// How the command's flags are named, for messages that tell what to pass.
  std::string url_flag = "--url";
  std::string token_file_flag = "--token-file";
};

/// A dashboard as Grafana stores it (GET /api/dashboards/uid/:uid).
struct LiveDashboard {
  nlohmann::json dashboard;  ///< with Grafana's id, uid and version
  long long version = 0;     ///< meta.version, else dashboard.version
  std::string folder_uid;    ///< "" = General
  std::string folder_title;  ///< "General" at the root
  bool provisioned = false;
};

/// The newest entry of a dashboard's version history.
struct VersionEntry {
  long long version = 0;
  std::string created;     ///< as Grafana wrote it, e.g. "2026-01-02T03:04:05Z"
  std::string created_by;  ///< login; service accounts often show as "Anonymous" (grafana/grafana#88400)
  std::string message;
};

struct SaveRequest {
  nlohmann::json dashboard;
  std::string folder_uid;  ///< "" = General
  bool overwrite = false;
  std::string message;
};

struct SaveResult {
  std::string uid;
  std::string url;
  std::optional<long long> version;  ///< absent when Grafana answered 202 or left it out
};

struct Folder {
  std::string uid;
  std::string title;
};

struct SearchHit {
  std::string uid;
  std::string title;
  std::string folder_uid;
  std::string folder_title;
};

/// A datasource as GET /api/datasources lists it.
struct Datasource {
  std::string uid;
  std::string name;
  std::string type;  ///< plugin id: "prometheus", "loki", ...
  bool is_default = false;
};

/// GET /api/datasources/uid/:uid/health (Grafana 9+): what the plugin's health check said.
struct DatasourceHealth {
  bool ok = false;
  std::string status;   ///< "OK", "ERROR", ...
  std::string message;  ///< the plugin's words, printable
};

/// GET /api/health.
struct GrafanaHealth {
  std::string database;  ///< "ok" when Grafana reaches its database
  std::string version;   ///< "" when hidden
};

/// Grafana's classic HTTP API (/api/...), for the calls import and export need. Adds the
/// credentials, X-Grafana-Org-Id and JSON headers; turns every non-2xx reply and every malformed
/// body into an ApiError with a message that names the call and never a secret.
class GrafanaClient {
 public:
  GrafanaClient(ClientOptions options, HttpTransport& transport, const Redactor* redactor = nullptr);

  const std::string& base_url() const { return options_.url.base; }

  /// nullopt when Grafana answers 404.
  ApiResult<std::optional<LiveDashboard>> get_dashboard(std::string_view uid);
  /// GET /api/dashboards/uid/:uid/versions?limit=1 in either shape: the plain list (before 11.6)
  /// or {continueToken, versions}. nullopt when the history is empty.
  ApiResult<std::optional<VersionEntry>> newest_version(std::string_view uid);
  /// POST /api/dashboards/db.
  ApiResult<SaveResult> save_dashboard(const SaveRequest& request);

  /// nullopt when Grafana answers 404.
  ApiResult<std::optional<Folder>> get_folder(std::string_view uid);
  /// Every folder GET /api/folders lists (the top level), page by page.
  ApiResult<std::vector<Folder>> list_folders();
  /// POST /api/folders; an empty uid lets Grafana choose one.
  ApiResult<Folder> create_folder(std::string_view title, std::string_view uid);

  /// Every dashboard (type dash-db), optionally only those in one folder, page by page.
  ApiResult<std::vector<SearchHit>> search_dashboards(std::optional<std::string> folder_uid);

  /// GET /api/health (no credentials needed).
  ApiResult<GrafanaHealth> health();
  /// GET /api/datasources: every datasource of the organisation.
  ApiResult<std::vector<Datasource>> list_datasources();
  /// GET /api/datasources/uid/:uid/health. A failed check (Grafana answers 400 with
  /// {"status": "ERROR", "message": ...}) is a reply with ok = false, not an error.
  ApiResult<DatasourceHealth> datasource_health(std::string_view uid);

  /// Results per page for list_folders and search_dashboards (Grafana's default is 1000).
  void set_page_size(int size) { page_size_ = size; }

 private:
  struct Reply {
    int status = 0;
    nlohmann::json body;  // null when the body is empty
  };
  /// Sends one call; 2xx replies must carry JSON (or nothing). Everything else becomes an ApiError.
  ApiResult<Reply> call(std::string_view method, std::string_view path_and_query, const nlohmann::json* body);
  ApiError error_from_reply(std::string_view what, const HttpResponse& response) const;
  ApiError bad_reply(std::string_view what, std::string_view why) const;
  /// GETs a paged list endpoint (`path_for_page` gives the path of page 1, 2, ...) and hands each
  /// entry, checked to be an object, to `take`. `entry_name` names an entry in error messages.
  ApiResult<void> for_each_listed(const std::function<std::string(int page)>& path_for_page,
                                  std::string_view entry_name, const std::function<void(const nlohmann::json&)>& take);
  std::string scrub(std::string_view text) const;

  ClientOptions options_;
  HttpTransport& transport_;
  const Redactor* redactor_;
  int page_size_ = 1000;
};

}  // namespace mlmon::grafana
