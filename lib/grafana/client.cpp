#include "grafana/client.hpp"

#include <fmt/format.h>

#include "core/terminal_text.hpp"
#include "grafana/bounded_json.hpp"

namespace mlmon::grafana {

namespace {

using nlohmann::json;

/// Pages are requested until one comes back short; this bounds a server that ignores `page`.
constexpr int kMaxPages = 200;

std::string_view reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string status_text(int status) {
  std::string_view phrase = reason_phrase(status);
  return phrase.empty() ? fmt::format("HTTP {}", status) : fmt::format("{} {}", status, phrase);
}

bool looks_like_html(const HttpResponse& response) {
  if (response.content_type.find("html") != std::string::npos) return true;
  std::size_t first = response.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && response.body[first] == '<';
}

}  // namespace

GrafanaClient::GrafanaClient(ClientOptions options, HttpTransport& transport, const Redactor* redactor)
    : options_(std::move(options)), transport_(transport), redactor_(redactor) {}

std::string GrafanaClient::scrub(std::string_view text) const {
  return redactor_ != nullptr ? redactor_->scrub(text) : std::string(text);
}

ApiError GrafanaClient::bad_reply(std::string_view what, std::string_view why) const {
  ApiError error;
  error.kind = ApiError::Kind::BadReply;
  error.text = scrub(fmt::format("{}: Grafana's reply is not what its API documents: {}", what, why));
  return error;
}

ApiError GrafanaClient::error_from_reply(std::string_view what, const HttpResponse& response) const {
  ApiError error;
  error.http_status = response.status;
  if (auto body = parse_bounded_json(response.body); body && body->is_object()) {
    error.message = printable(string_field(*body, "message"));
    error.status = printable(string_field(*body, "status"), 60);
  } else if (response.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    error.message = "(empty body)";
  } else if (looks_like_html(response)) {
    error.message = "an HTML page instead of JSON (a proxy or load balancer answered?)";
  } else {
    error.message = fmt::format("a body that is not JSON: \"{}\"", printable(response.body, 80));
  }

  const int status = response.status;
  std::string detail =
      error.message.empty() ? status_text(status) : fmt::format("{}: {}", status_text(status), error.message);
  using Kind = ApiError::Kind;
  if (status >= 300 && status < 400) {
    error.kind = Kind::Redirect;
    error.text = fmt::format("{}: Grafana redirected to {} ({}); use the final address as {}", what,
                             response.location.empty() ? "another address" : printable(response.location, 200),
                             status_text(status), options_.url_flag);
  } else if (status == 401) {
    error.kind = Kind::Unauthorized;
    const Credentials& credentials = options_.credentials;
    if (credentials.kind == Credentials::Kind::None) {
      error.text = fmt::format(
          "{}: Grafana at {} requires authentication ({}); set GRAFANA_TOKEN or {} (a service-account "
          "token), or GRAFANA_USER and GRAFANA_PASSWORD",
          what, options_.url.base, detail, options_.token_file_flag);
    } else {
      error.text = fmt::format("{}: Grafana at {} rejected the credentials from {} ({})", what, options_.url.base,
                               credentials.source, detail);
      if (credentials.kind == Credentials::Kind::Token && credentials.token.starts_with("glc_")) {
        error.text +=
            "; a glc_ token is a Grafana Cloud access-policy token, which a stack's /api does not accept: "
            "use a service-account token (glsa_...)";
      }
    }
  } else if (status == 403) {
    error.kind = Kind::Forbidden;
    error.text = fmt::format("{}: access denied ({}); the credentials from {} lack the permission for this", what,
                             detail, options_.credentials.source.empty() ? "none" : options_.credentials.source);
  } else if (status == 404) {
    error.kind = Kind::NotFound;
    error.text = fmt::format("{}: {}", what, detail);
  } else if (status == 412 && error.status == "version-mismatch") {
    error.kind = Kind::VersionMismatch;
    error.text = fmt::format("{}: {}", what, detail);
  } else if (status == 412 && error.status == "name-exists") {
    error.kind = Kind::NameExists;
    error.text = fmt::format("{}: {}", what, detail);
  } else if (status == 412 && error.status == "plugin-dashboard") {
    error.kind = Kind::PluginDashboard;
    error.text = fmt::format("{}: {}", what, detail);
  } else if (status >= 500) {
    error.kind = Kind::ServerError;
    error.text = fmt::format("{}: Grafana failed ({})", what, detail);
  } else {
    error.kind = Kind::Rejected;
    error.text = fmt::format("{}: Grafana refused ({})", what, detail);
  }
  error.text = scrub(error.text);
  error.message = scrub(error.message);
  return error;
}

ApiResult<GrafanaClient::Reply> GrafanaClient::call(std::string_view method, std::string_view path_and_query,
                                                    const json* body) {
  HttpRequest request;
  request.method = std::string(method);
  request.url = options_.url.join(path_and_query);
  request.headers.emplace_back("Accept", "application/json");
  if (body != nullptr) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = compact_json(*body);
  }
  if (options_.credentials.kind != Credentials::Kind::None) {
    request.headers.emplace_back("Authorization", options_.credentials.authorization());
  }
  if (options_.org_id) request.headers.emplace_back("X-Grafana-Org-Id", std::to_string(*options_.org_id));

  // Messages name the call by its path: short, and the base URL is in the 401 text when it matters.
  std::string what = fmt::format("{} {}", method, path_and_query);
  auto response = transport_.send(request);
  if (!response) {
    ApiError error;
    error.kind = ApiError::Kind::Transport;
    error.message = scrub(response.error().message);
    error.text = error.message;
    return std::unexpected(std::move(error));
  }
  if (response->status < 200 || response->status > 299) return std::unexpected(error_from_reply(what, *response));

  Reply reply;
  reply.status = response->status;
  if (response->body.find_first_not_of(" \t\r\n") == std::string::npos) return reply;
  auto parsed = parse_bounded_json(response->body);
  if (!parsed) {
    std::string why = std::move(parsed).error().message;
    if (looks_like_html(*response)) why = "an HTML page instead of JSON (a proxy or a login page answered?)";
    return std::unexpected(bad_reply(what, fmt::format("{} {}", status_text(response->status), printable(why))));
  }
  reply.body = std::move(*parsed);
  return reply;
}

ApiResult<std::optional<LiveDashboard>> GrafanaClient::get_dashboard(std::string_view uid) {
  std::string path = "/api/dashboards/uid/" + percent_encode(uid);
  auto reply = call("GET", path, nullptr);
  if (!reply) {
    if (reply.error().kind == ApiError::Kind::NotFound) return std::optional<LiveDashboard>{};
    return std::unexpected(reply.error());
  }
  const json& body = reply->body;
  if (!body.is_object() || !body.contains("dashboard") || !body["dashboard"].is_object()) {
    return std::unexpected(bad_reply("GET " + path, "no \"dashboard\" object"));
  }
  LiveDashboard live;
  live.dashboard = body["dashboard"];
  json meta = body.contains("meta") && body["meta"].is_object() ? body["meta"] : json::object();
  live.version = int_field(meta, "version").value_or(int_field(live.dashboard, "version").value_or(0));
  live.folder_uid = string_field(meta, "folderUid");
  live.folder_title = string_field(meta, "folderTitle", "General");
  auto provisioned = meta.find("provisioned");
  live.provisioned = provisioned != meta.end() && provisioned->is_boolean() && provisioned->get<bool>();
  return std::optional<LiveDashboard>{std::move(live)};
}

ApiResult<std::optional<VersionEntry>> GrafanaClient::newest_version(std::string_view uid) {
  std::string path = "/api/dashboards/uid/" + percent_encode(uid) + "/versions?limit=1";
  auto reply = MLMON_TRY(call("GET", path, nullptr));
  const json& body = reply.body;
  const json* entries = nullptr;
  if (body.is_array()) {
    entries = &body;  // before Grafana 11.6
  } else if (body.is_object() && body.contains("versions") && body["versions"].is_array()) {
    entries = &body["versions"];  // 11.6+: {"continueToken": "...", "versions": [...]}
  } else {
    return std::unexpected(bad_reply("GET " + path, "neither a list of versions nor {\"versions\": [...]}"));
  }
  // Newest first by Grafana's contract; pick the highest version anyway rather than trust the order.
  std::optional<VersionEntry> newest;
  for (const json& item : *entries) {
    if (!item.is_object()) return std::unexpected(bad_reply("GET " + path, "a version entry is not an object"));
    auto version = int_field(item, "version");
    if (!version) return std::unexpected(bad_reply("GET " + path, "a version entry has no integer \"version\""));
    if (newest && newest->version >= *version) continue;
    VersionEntry entry;
    entry.version = *version;
    entry.created = printable(string_field(item, "created"), 60);
    entry.created_by = printable(string_field(item, "createdBy"), 100);
    entry.message = string_field(item, "message");
    newest = std::move(entry);
  }
  return newest;
}

ApiResult<SaveResult> GrafanaClient::save_dashboard(const SaveRequest& request) {
  json body = {{"dashboard", request.dashboard},
               {"folderUid", request.folder_uid},
               {"overwrite", request.overwrite},
               {"message", request.message}};
  auto reply = MLMON_TRY(call("POST", "/api/dashboards/db", &body));
  SaveResult result;
  result.uid = string_field(reply.body, "uid", string_field(request.dashboard, "uid"));
  result.url = printable(string_field(reply.body, "url"), 300);
  result.version = int_field(reply.body, "version");
  return result;
}

ApiResult<std::optional<Folder>> GrafanaClient::get_folder(std::string_view uid) {
  std::string path = "/api/folders/" + percent_encode(uid);
  auto reply = call("GET", path, nullptr);
  if (!reply) {
    if (reply.error().kind == ApiError::Kind::NotFound) return std::optional<Folder>{};
    return std::unexpected(reply.error());
  }
  if (!reply->body.is_object()) return std::unexpected(bad_reply("GET " + path, "not a folder object"));
  Folder folder{string_field(reply->body, "uid", std::string(uid)), string_field(reply->body, "title")};
  return std::optional<Folder>{std::move(folder)};
}

ApiResult<void> GrafanaClient::for_each_listed(const std::function<std::string(int page)>& path_for_page,
                                               std::string_view entry_name,
                                               const std::function<void(const json&)>& take) {
  std::string previous_first;
  for (int page = 1; page <= kMaxPages; ++page) {
    const std::string path = path_for_page(page);
    auto reply = MLMON_TRY(call("GET", path, nullptr));
    if (!reply.body.is_array())
      return std::unexpected(bad_reply("GET " + path, fmt::format("not a list of {}s", entry_name)));
    const json& items = reply.body;
    if (!items.empty()) {
      std::string first = string_field(items.front(), "uid");
      if (page > 1 && first == previous_first) break;  // the server ignores `page`
      previous_first = first;
    }
    for (const json& item : items) {
      if (!item.is_object())
        return std::unexpected(bad_reply("GET " + path, fmt::format("an entry is not a {} object", entry_name)));
      take(item);
    }
    if (static_cast<int>(items.size()) < page_size_) break;
  }
  return {};
}

ApiResult<std::vector<Folder>> GrafanaClient::list_folders() {
  std::vector<Folder> folders;
  MLMON_TRY(for_each_listed(
      [&](int page) { return fmt::format("/api/folders?limit={}&page={}", page_size_, page); }, "folder",
      [&](const json& item) { folders.push_back(Folder{string_field(item, "uid"), string_field(item, "title")}); }));
  return folders;
}

ApiResult<Folder> GrafanaClient::create_folder(std::string_view title, std::string_view uid) {
  json body = {{"title", title}};
  if (!uid.empty()) body["uid"] = uid;
  auto reply = MLMON_TRY(call("POST", "/api/folders", &body));
  Folder folder{string_field(reply.body, "uid", std::string(uid)),
                string_field(reply.body, "title", std::string(title))};
  if (folder.uid.empty()) return std::unexpected(bad_reply("POST /api/folders", "no \"uid\" for the new folder"));
  return folder;
}

ApiResult<std::vector<SearchHit>> GrafanaClient::search_dashboards(std::optional<std::string> folder_uid) {
  std::vector<SearchHit> hits;
  auto path_for_page = [&](int page) {
    std::string path = fmt::format("/api/search?type=dash-db&limit={}&page={}", page_size_, page);
    if (folder_uid) path += "&folderUIDs=" + percent_encode(*folder_uid);
    return path;
  };
  MLMON_TRY(for_each_listed(path_for_page, "search hit", [&](const json& item) {
    if (string_field(item, "type", "dash-db") != "dash-db") return;
    hits.push_back(SearchHit{string_field(item, "uid"), string_field(item, "title"), string_field(item, "folderUid"),
                             string_field(item, "folderTitle", "General")});
  }));
  return hits;
}

ApiResult<GrafanaHealth> GrafanaClient::health() {
  auto reply = MLMON_TRY(call("GET", "/api/health", nullptr));
  if (!reply.body.is_object()) return std::unexpected(bad_reply("GET /api/health", "not an object"));
  return GrafanaHealth{printable(string_field(reply.body, "database"), 60),
                       printable(string_field(reply.body, "version"), 60)};
}

ApiResult<std::vector<Datasource>> GrafanaClient::list_datasources() {
  auto reply = MLMON_TRY(call("GET", "/api/datasources", nullptr));
  if (!reply.body.is_array()) return std::unexpected(bad_reply("GET /api/datasources", "not a list of datasources"));
  std::vector<Datasource> datasources;
  for (const json& item : reply.body) {
    if (!item.is_object()) return std::unexpected(bad_reply("GET /api/datasources", "an entry is not an object"));
    auto is_default = item.find("isDefault");
    datasources.push_back(Datasource{string_field(item, "uid"), string_field(item, "name"), string_field(item, "type"),
                                     is_default != item.end() && is_default->is_boolean() && is_default->get<bool>()});
  }
  return datasources;
}

ApiResult<DatasourceHealth> GrafanaClient::datasource_health(std::string_view uid) {
  const std::string path = "/api/datasources/uid/" + percent_encode(uid) + "/health";
  auto reply = call("GET", path, nullptr);
  if (!reply) {
    // A check that ran and failed is Grafana's answer about the datasource, not a failed call.
    if (reply.error().http_status == 400 && !reply.error().status.empty()) {
      return DatasourceHealth{false, reply.error().status, reply.error().message};
    }
    return std::unexpected(reply.error());
  }
  if (!reply->body.is_object()) return std::unexpected(bad_reply("GET " + path, "not an object"));
  DatasourceHealth health;
  health.status = printable(string_field(reply->body, "status"), 60);
  health.message = scrub(printable(string_field(reply->body, "message")));
  health.ok = health.status == "OK";
  return health;
}

}  // namespace mlmon::grafana
