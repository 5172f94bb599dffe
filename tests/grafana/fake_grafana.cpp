#include "fake_grafana.hpp"

#include <httplib.h>
#include <openssl/pem.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <thread>

namespace mlmon::testing {

namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json; charset=UTF-8";

/// "12.1.0" -> {12, 1}; unparsable parts count as 0.
std::pair<int, int> major_minor(const std::string& version) {
  int major = 0, minor = 0;
  std::size_t i = 0;
  while (i < version.size() && std::isdigit(static_cast<unsigned char>(version[i])))
    major = major * 10 + (version[i++] - '0');
  if (i < version.size() && version[i] == '.') ++i;
  while (i < version.size() && std::isdigit(static_cast<unsigned char>(version[i])))
    minor = minor * 10 + (version[i++] - '0');
  return {major, minor};
}

bool version_below(const std::string& version, int major, int minor) {
  auto [a, b] = major_minor(version);
  return a < major || (a == major && b < minor);
}

std::string trim(const std::string& s) {
  std::size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  std::size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Grafana's slug: lower case, runs of other characters become one '-', no leading/trailing '-'.
std::string slugify(const std::string& title) {
  std::string slug;
  bool pending_dash = false;
  for (unsigned char c : lower(title)) {
    if (std::isalnum(c)) {
      if (pending_dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(c);
      pending_dash = false;
    } else {
      pending_dash = true;
    }
  }
  return slug;
}

bool uid_chars_ok(const std::string& uid) {
  static const std::regex pattern("^[a-zA-Z0-9\\-_]*$");
  return std::regex_match(uid, pattern);
}

std::string base64_decode(const std::string& in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, buffer = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) return {};
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

json message_body(const std::string& message) { return json{{"message", message}}; }
json status_body(const std::string& status, const std::string& message) {
  return json{{"status", status}, {"message", message}};
}

std::optional<long long> integer(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return std::nullopt;
  const json& value = object[key];
  if (value.is_number_integer()) return value.get<long long>();
  if (value.is_number_float()) return static_cast<long long>(value.get<double>());
  return std::nullopt;
}

std::string string_or_empty(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return {};
  return object[key].get<std::string>();
}

/// "5s", "1m", "2h", "1d" -> seconds; -1 when not a simple duration.
long long duration_seconds(const std::string& text) {
  if (text.size() < 2) return -1;
  long long n = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    n = n * 10 + (text[i] - '0');
    if (n > 1000000000) return -1;
  }
  switch (text.back()) {
    case 's': return n;
    case 'm': return n * 60;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    default: return -1;
  }
}

std::string reason_phrase(int status) {
  switch (status) {
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "HTTP " + std::to_string(status);
  }
}

struct Reply {
  int status = 200;
  json body;
};

}  // namespace

struct FakeGrafana::Impl {
  struct FolderRecord {
    long long id = 0;
    std::string uid, title, parent_uid;
    long long version = 1;
    std::string created, updated, created_by, updated_by;
  };
  struct DashboardRecord {
    long long id = 0;
    std::string uid, title, folder_uid;
    long long version = 0;
    std::string plugin_id;
    bool provisioned = false, allow_ui_updates = false;
    json data;
    std::vector<VersionRecord> history;
    std::string created, updated, created_by, updated_by;
  };
  struct Org {
    std::map<std::string, FolderRecord> folders;
    std::map<std::string, DashboardRecord> dashboards;
    std::map<std::string, FakeDatasource> datasources;  // by uid
  };
  struct Principal {
    std::string login;
    long long org = 1;
    bool read_only = false;
    bool is_token = false;
  };

  FakeGrafanaOptions options;
  bool name_unique = false, legacy_errors = false, wrapped_versions = false, limits = false;

  std::unique_ptr<httplib::Server> server;
  std::thread thread;

  mutable std::mutex mutex;  // guards everything below
  std::map<long long, Org> orgs;
  long long next_id = 1;
  long long next_uid = 1;
  long long next_history_id = 1;
  long long clock = 0;
  std::vector<Fault> faults;
  std::vector<LoggedRequest> log;

  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stopping = false;

  explicit Impl(FakeGrafanaOptions o) : options(std::move(o)) {
    const std::string& v = options.grafana_version;
    name_unique = options.name_unique.value_or(version_below(v, 11, 3));
    legacy_errors = options.legacy_errors.value_or(version_below(v, 10, 0));
    wrapped_versions = options.wrapped_versions.value_or(!version_below(v, 11, 6));
    limits = options.limits.value_or(!version_below(v, 11, 0));
    for (long long org : options.orgs) orgs[org];
  }

  // ---- helpers (mutex held) ----
  std::string now() {
    long long t = clock++;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "2026-01-01T%02lld:%02lld:%02lldZ", (t / 3600) % 24, (t / 60) % 60, t % 60);
    return buffer;
  }
  std::string generate_uid() {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "a%07lld", next_uid++);
    return buffer;
  }
  std::string prefix() const { return options.sub_path; }
  std::string dashboard_url(const DashboardRecord& d) const {
    return prefix() + "/d/" + d.uid + "/" + slugify(d.title);
  }
  std::string folder_url(const FolderRecord& f) const {
    return prefix() + "/dashboards/f/" + f.uid + "/" + slugify(f.title);
  }
  Org* org_of(long long org) {
    auto it = orgs.find(org);
    return it == orgs.end() ? nullptr : &it->second;
  }
  FolderRecord* folder_by_id(Org& org, long long id) {
    for (auto& [uid, folder] : org.folders) {
      if (folder.id == id) return &folder;
    }
    return nullptr;
  }
  DashboardRecord* dashboard_by_id(Org& org, long long id) {
    for (auto& [uid, dashboard] : org.dashboards) {
      if (dashboard.id == id) return &dashboard;
    }
    return nullptr;
  }
  std::string folder_title(Org& org, const std::string& uid) {
    if (uid.empty()) return "General";
    auto it = org.folders.find(uid);
    return it == org.folders.end() ? "General" : it->second.title;
  }

  json folder_json(const FolderRecord& f) const {
    json out = {{"id", f.id},
                {"uid", f.uid},
                {"title", f.title},
                {"url", folder_url(f)},
                {"hasAcl", false},
                {"canSave", true},
                {"canEdit", true},
                {"canAdmin", true},
                {"createdBy", f.created_by},
                {"created", f.created},
                {"updatedBy", f.updated_by},
                {"updated", f.updated},
                {"version", f.version}};
    if (!f.parent_uid.empty()) out["parentUid"] = f.parent_uid;
    return out;
  }

  Reply unauthorized(bool token) const {
    if (legacy_errors) return {401, message_body(token ? "Invalid API key" : "Unauthorized")};
    return {
        401,
        json{{"message", "Unauthorized"}, {"messageId", "auth.unauthorized"}, {"statusCode", 401}, {"traceID", ""}}};
  }

  std::optional<Principal> authenticate(const httplib::Request& req, Reply& failure) {
    std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) == 0) {
      auto it = options.tokens.find(header.substr(7));
      if (it == options.tokens.end()) {
        failure = unauthorized(true);
        return std::nullopt;
      }
      return Principal{it->second.login, it->second.org, it->second.read_only, true};
    }
    if (header.rfind("Basic ", 0) == 0) {
      std::string decoded = base64_decode(header.substr(6));
      std::size_t colon = decoded.find(':');
      auto it = colon == std::string::npos ? options.users.end() : options.users.find(decoded.substr(0, colon));
      if (it == options.users.end() || it->second != decoded.substr(colon + 1)) {
        failure = unauthorized(false);
        return std::nullopt;
      }
      long long org = 1;
      if (req.has_header("X-Grafana-Org-Id")) {
        try {
          org = std::stoll(req.get_header_value("X-Grafana-Org-Id"));
        } catch (const std::exception&) {
          org = -1;
        }
      }
      if (!orgs.count(org)) {
        failure = unauthorized(false);
        return std::nullopt;
      }
      return Principal{it->first, org, false, false};
    }
    failure = unauthorized(false);
    return std::nullopt;
  }

  // ---- the save algorithm (§8.5) ----
  Reply save(Org& org, const Principal& who, json dash, const json& request, bool overwrite, const std::string& message,
             bool provisioning_check, DashboardRecord** saved) {
    (void)provisioning_check;  // always on: both endpoints run it
    if (request.contains("isFolder") && request["isFolder"].is_boolean() && request["isFolder"].get<bool>()) {
      return {400, message_body("Use folders endpoint for saving folders.")};
    }
    long long id = integer(dash, "id").value_or(0);
    bool is_new = id == 0;
    if (is_new && options.dashboard_quota > 0 &&
        org.dashboards.size() >= static_cast<std::size_t>(options.dashboard_quota)) {
      return {403, message_body("Quota reached")};
    }
    if (options.min_refresh_seconds > 0 && dash.contains("refresh") && dash["refresh"].is_string()) {
      long long seconds = duration_seconds(dash["refresh"].get<std::string>());
      if (seconds >= 0 && seconds < options.min_refresh_seconds) {
        dash["refresh"] = std::to_string(options.min_refresh_seconds) + "s";
      }
    }
    std::string title = trim(string_or_empty(dash, "title"));
    std::string uid = trim(string_or_empty(dash, "uid"));
    if (title.empty()) return {400, status_body("empty-name", "Dashboard title cannot be empty")};
    if (limits && title.size() > 5000) {
      return {400, status_body("title-too-long", "Dashboard title cannot contain more than 5 000 characters")};
    }
    if (limits && message.size() > 500) return {400, message_body("message too long, max 500 characters")};
    if (!uid_chars_ok(uid)) return {400, message_body("uid contains illegal characters")};
    if (uid.size() > 40) return {400, message_body("uid too long, max 40 characters")};
    if (limits && dash.contains("tags") && dash["tags"].is_array()) {
      for (const json& tag : dash["tags"]) {
        if (tag.is_string() && tag.get<std::string>().size() > 50) {
          return {400, status_body("tag-too-long", "dashboard tag too long, max 50 characters")};
        }
      }
    }

    // Folder: folderUid wins over folderId; "" / 0 is General.
    std::string folder_uid = string_or_empty(request, "folderUid");
    if (folder_uid == "general") folder_uid.clear();
    if (!folder_uid.empty()) {
      if (!org.folders.count(folder_uid)) {
        return legacy_errors ? Reply{404, message_body("Folder not found")}
                             : Reply{400, message_body("folder not found")};
      }
    } else if (long long folder_id = integer(request, "folderId").value_or(0); folder_id > 0) {
      FolderRecord* folder = folder_by_id(org, folder_id);
      if (!folder) {
        return legacy_errors ? Reply{404, message_body("Folder not found")}
                             : Reply{400, message_body("folder not found")};
      }
      folder_uid = folder->uid;
    }

    DashboardRecord* by_id = nullptr;
    if (id > 0) {
      by_id = dashboard_by_id(org, id);
      if (!by_id) {
        if (folder_by_id(org, id)) return {400, message_body("Dashboard cannot be changed to a folder")};
        return {404, status_body("not-found", "Dashboard not found")};
      }
      if (uid.empty()) uid = by_id->uid;
    }
    DashboardRecord* by_uid = nullptr;
    if (!uid.empty()) {
      if (org.folders.count(uid)) return {400, message_body("Dashboard cannot be changed to a folder")};
      auto it = org.dashboards.find(uid);
      if (it != org.dashboards.end()) by_uid = &it->second;
    }
    if (by_id && by_uid && by_id != by_uid) return {400, message_body("A dashboard with the same uid already exists")};
    DashboardRecord* existing = by_id ? by_id : by_uid;
    long long version = integer(dash, "version").value_or(0);
    if (existing) {
      if (version != existing->version) {
        if (!overwrite) {
          return {412, status_body("version-mismatch", "The dashboard has been changed by someone else")};
        }
        version = existing->version;
      }
      if (!existing->plugin_id.empty() && !overwrite) {
        return {412, status_body("plugin-dashboard", "The dashboard belongs to plugin " + existing->plugin_id + ".")};
      }
    }
    if (name_unique) {
      std::string slug = slugify(title);
      for (auto& [other_uid, other] : org.dashboards) {
        if (&other == existing || other.folder_uid != folder_uid || slugify(other.title) != slug) continue;
        if (!overwrite) {
          return {412, status_body("name-exists", "A dashboard with the same name in the folder already exists")};
        }
        existing = &other;  // taken over: it is replaced
        uid = other.uid;
        version = other.version;
        break;
      }
      if (folder_uid.empty()) {
        for (const auto& [f_uid, folder] : org.folders) {
          if (folder.parent_uid.empty() && slugify(folder.title) == slug) {
            return {400, status_body("name-match", "Dashboard name cannot be the same as folder")};
          }
        }
      }
    }
    if (who.read_only) return {403, message_body("Access denied to save dashboard")};
    if (existing && existing->provisioned && !existing->allow_ui_updates) {
      return {400, message_body("Cannot save provisioned dashboard")};
    }
    if (options.max_dashboard_bytes > 0 && dash.dump().size() > options.max_dashboard_bytes) {
      return {413, message_body("Dashboard is too large, max is " +
                                std::to_string(std::max<std::size_t>(1, options.max_dashboard_bytes >> 20)) + " MB")};
    }

    std::string at = now();
    DashboardRecord* record = existing;
    if (!record) {
      if (uid.empty()) uid = generate_uid();
      DashboardRecord fresh;
      fresh.id = next_id++;
      fresh.uid = uid;
      fresh.version = 1;
      fresh.created = at;
      fresh.created_by = who.login;
      record = &org.dashboards.emplace(uid, std::move(fresh)).first->second;
    } else {
      record->version = version + 1;
    }
    record->title = title;
    record->folder_uid = folder_uid;
    record->updated = at;
    record->updated_by = who.login;
    dash["id"] = record->id;
    dash["uid"] = record->uid;
    dash["version"] = record->version;
    dash["title"] = title;
    record->data = dash;
    record->history.push_back(VersionRecord{record->version, message, at, who.login, dash});
    if (saved) *saved = record;

    json reply = {{"id", record->id},    {"uid", record->uid},         {"url", dashboard_url(*record)},
                  {"status", "success"}, {"version", record->version}, {"slug", slugify(record->title)}};
    if (!legacy_errors) reply["folderUid"] = folder_uid;
    return {200, reply};
  }

  // ---- endpoints ----
  Reply post_dashboard_db(Org& org, const Principal& who, const std::string& text) {
    json request = json::parse(text, nullptr, false);
    if (request.is_discarded() || !request.is_object() || !request.contains("dashboard") ||
        !request["dashboard"].is_object()) {
      return {400, message_body("bad request data")};
    }
    auto wrong_type = [&](const char* key, bool (json::*check)() const noexcept) {
      return request.contains(key) && !request[key].is_null() && !(request[key].*check)();
    };
    if (wrong_type("overwrite", &json::is_boolean) || wrong_type("message", &json::is_string) ||
        wrong_type("folderUid", &json::is_string) || wrong_type("folderId", &json::is_number) ||
        wrong_type("isFolder", &json::is_boolean)) {
      return {400, message_body("bad request data")};
    }
    bool overwrite =
        request.contains("overwrite") && request["overwrite"].is_boolean() && request["overwrite"].get<bool>();
    return save(org, who, request["dashboard"], request, overwrite, string_or_empty(request, "message"), true, nullptr);
  }

  Reply post_dashboard_import(Org& org, const Principal& who, const std::string& text) {
    json request = json::parse(text, nullptr, false);
    if (request.is_discarded() || !request.is_object()) return {400, message_body("bad request data")};
    bool has_dashboard = request.contains("dashboard") && request["dashboard"].is_object();
    if (!has_dashboard && string_or_empty(request, "pluginId").empty())
      return {422, message_body("Dashboard must be set")};
    if (!has_dashboard) return {400, message_body("bad request data")};  // plugin dashboards are not faked
    if (options.dashboard_quota > 0 && org.dashboards.size() >= static_cast<std::size_t>(options.dashboard_quota)) {
      return {403, message_body("Quota reached")};
    }
    json dash = request["dashboard"];
    const json inputs = request.contains("inputs") && request["inputs"].is_array() ? request["inputs"] : json::array();
    std::map<std::string, std::string> values;
    if (dash.contains("__inputs") && dash["__inputs"].is_array()) {
      for (const json& wanted : dash["__inputs"]) {
        std::string name = string_or_empty(wanted, "name");
        std::string type = string_or_empty(wanted, "type");
        const json* match = nullptr;
        for (const json& given : inputs) {
          std::string given_name = string_or_empty(given, "name");
          if (string_or_empty(given, "type") == type && (given_name == name || given_name == "*")) {
            match = &given;
            break;
          }
        }
        // Expressions are forced to "__expr__" before the missing-input check, as in Grafana.
        if (string_or_empty(wanted, "pluginId") == "__expr__") {
          values[name] = "__expr__";
          continue;
        }
        if (!match) {
          if (legacy_errors) return {500, message_body("Failed to save dashboard")};
          return {400, message_body("dashboard import failed: missing dashboard input variable " + name)};
        }
        values[name] = string_or_empty(*match, "value");
      }
    }
    // Every string: each `${...}` (shortest match) that names an input is replaced; others stay.
    static const std::regex placeholder(R"(\$\{.+?\})");
    std::vector<json*> pending{&dash};
    while (!pending.empty()) {
      json* node = pending.back();
      pending.pop_back();
      if (node->is_string()) {
        std::string s = node->get<std::string>(), out;
        auto begin = std::sregex_iterator(s.begin(), s.end(), placeholder);
        std::size_t copied = 0;
        for (auto it = begin; it != std::sregex_iterator(); ++it) {
          std::string match = it->str();
          auto value = values.find(match.substr(2, match.size() - 3));
          if (value == values.end()) continue;
          out += s.substr(copied, it->position() - copied) + value->second;
          copied = it->position() + it->length();
        }
        if (copied > 0) *node = out + s.substr(copied);
      } else if (node->is_structured()) {
        for (auto& child : *node) pending.push_back(&child);
      }
    }
    dash.erase("__inputs");
    dash.erase("__requires");
    dash.erase("__elements");
    bool overwrite =
        request.contains("overwrite") && request["overwrite"].is_boolean() && request["overwrite"].get<bool>();
    DashboardRecord* record = nullptr;
    Reply saved = save(org, who, dash, request, overwrite, "", true, &record);
    if (saved.status != 200 || !record) return saved;
    json reply = {{"uid", record->uid},
                  {"pluginId", ""},
                  {"title", record->title},
                  {"imported", true},
                  {"importedUri", "db/" + slugify(record->title)},
                  {"importedUrl", dashboard_url(*record)},
                  {"slug", slugify(record->title)},
                  {"dashboardId", record->id},
                  {"folderId", record->folder_uid.empty() ? 0 : org.folders[record->folder_uid].id},
                  {"folderUid", record->folder_uid},
                  {"description", ""},
                  {"path", ""},
                  {"removed", false}};
    return {200, reply};
  }

  Reply get_dashboard(Org& org, const std::string& uid) {
    auto it = org.dashboards.find(uid);
    if (it == org.dashboards.end()) return {404, message_body("Dashboard not found")};
    const DashboardRecord& d = it->second;
    if (options.v2_406 && d.data.contains("elements") && d.data.contains("layout")) {
      return {406,
              message_body("dashboard api version not supported, use /apis/dashboard.grafana.app/v2alpha1/namespaces/"
                           "default/dashboards/" +
                           uid + " instead")};
    }
    json meta = {{"type", "db"},
                 {"canSave", true},
                 {"canEdit", true},
                 {"canAdmin", true},
                 {"canStar", true},
                 {"canDelete", true},
                 {"slug", slugify(d.title)},
                 {"url", dashboard_url(d)},
                 {"expires", "0001-01-01T00:00:00Z"},
                 {"created", d.created},
                 {"updated", d.updated},
                 {"updatedBy", d.updated_by},
                 {"createdBy", d.created_by},
                 {"version", d.version},
                 {"hasAcl", false},
                 {"isFolder", false},
                 {"folderId", d.folder_uid.empty() ? 0 : org.folders[d.folder_uid].id},
                 {"folderUid", d.folder_uid},
                 {"folderTitle", folder_title(org, d.folder_uid)},
                 {"folderUrl", d.folder_uid.empty() ? "" : folder_url(org.folders[d.folder_uid])},
                 {"provisioned", d.provisioned},
                 {"provisionedExternalId", ""}};
    json dash = d.data;
    dash["id"] = d.id;
    dash["uid"] = d.uid;
    dash["version"] = d.version;
    return {200, json{{"dashboard", dash}, {"meta", meta}}};
  }

  Reply delete_dashboard(Org& org, const Principal& who, const std::string& uid) {
    if (org.folders.count(uid)) return {400, message_body("Use folders endpoint for deleting folders.")};
    auto it = org.dashboards.find(uid);
    if (it == org.dashboards.end()) return {404, message_body("Dashboard not found")};
    if (who.read_only) return {403, message_body("Access denied to delete dashboard")};
    if (it->second.provisioned) return {400, message_body("provisioned dashboard cannot be deleted")};
    json reply = {{"title", it->second.title}, {"message", "Dashboard " + it->second.title + " deleted"}};
    if (legacy_errors) {
      reply["id"] = it->second.id;
    } else {
      reply["uid"] = uid;
    }
    org.dashboards.erase(it);
    return {200, reply};
  }

  json version_json(const DashboardRecord& d, const VersionRecord& v, bool with_data) {
    json out = {
        {"id", v.version},  // per-dashboard history ids are enough for a fake
        {"dashboardId", d.id},       {"uid", d.uid},         {"parentVersion", v.version > 1 ? v.version - 1 : 0},
        {"restoredFrom", 0},         {"version", v.version}, {"created", v.created},
        {"createdBy", v.created_by}, {"message", v.message}};
    if (with_data) out["data"] = v.data;
    return out;
  }

  Reply get_versions(Org& org, const std::string& uid, const httplib::Request& req) {
    auto it = org.dashboards.find(uid);
    if (it == org.dashboards.end()) return {404, message_body("Dashboard not found")};
    long long limit = 1000, start = 0;
    try {
      if (req.has_param("limit")) limit = std::stoll(req.get_param_value("limit"));
      if (req.has_param("start")) start = std::stoll(req.get_param_value("start"));
    } catch (const std::exception&) {
      return {400, message_body("bad request data")};
    }
    json list = json::array();
    const auto& history = it->second.history;
    long long skipped = 0;
    for (auto v = history.rbegin(); v != history.rend(); ++v) {
      if (skipped++ < start) continue;
      if (limit > 0 && static_cast<long long>(list.size()) >= limit) break;
      list.push_back(version_json(it->second, *v, false));
    }
    if (wrapped_versions) return {200, json{{"continueToken", ""}, {"versions", list}}};
    return {200, list};
  }

  Reply get_version(Org& org, const std::string& uid, const std::string& number) {
    auto it = org.dashboards.find(uid);
    if (it == org.dashboards.end()) return {404, message_body("Dashboard not found")};
    for (const VersionRecord& v : it->second.history) {
      if (std::to_string(v.version) == number) return {200, version_json(it->second, v, true)};
    }
    return {404, message_body("Dashboard version not found")};
  }

  Reply restore_version(Org& org, const Principal& who, const std::string& uid, const std::string& text) {
    auto it = org.dashboards.find(uid);
    if (it == org.dashboards.end()) return {404, message_body("Dashboard not found")};
    json request = json::parse(text, nullptr, false);
    auto wanted = request.is_discarded() ? std::nullopt : integer(request, "version");
    if (!wanted) return {400, message_body("bad request data")};
    const VersionRecord* source = nullptr;
    for (const VersionRecord& v : it->second.history) {
      if (v.version == *wanted) source = &v;
    }
    if (!source) return {404, message_body("Dashboard version not found")};
    json dash = source->data;
    dash["version"] = it->second.version;
    json save_request = {{"folderUid", it->second.folder_uid}};
    DashboardRecord* record = nullptr;
    Reply saved =
        save(org, who, dash, save_request, true, "Restored from version " + std::to_string(*wanted), true, &record);
    if (saved.status != 200 || !record) return saved;
    return {200, json{{"id", record->id},
                      {"slug", slugify(record->title)},
                      {"status", "success"},
                      {"uid", record->uid},
                      {"url", dashboard_url(*record)},
                      {"version", record->version}}};
  }

  Reply search(Org& org, const httplib::Request& req) {
    std::string query = lower(req.get_param_value("query"));
    std::string type = req.get_param_value("type");
    std::vector<std::string> tags;
    for (std::size_t i = 0; i < req.get_param_value_count("tag"); ++i) tags.push_back(req.get_param_value("tag", i));
    auto multi = [&](const char* key) {
      std::set<std::string> values;
      for (std::size_t i = 0; i < req.get_param_value_count(key); ++i) {
        std::string all = req.get_param_value(key, i);
        std::size_t start = 0;
        while (start <= all.size()) {
          std::size_t comma = all.find(',', start);
          values.insert(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
      }
      return values;
    };
    std::set<std::string> folder_uids = multi("folderUIDs"), dashboard_uids = multi("dashboardUIDs");
    long long limit = 1000, page = 1;
    try {
      if (req.has_param("limit")) limit = std::stoll(req.get_param_value("limit"));
      if (req.has_param("page")) page = std::stoll(req.get_param_value("page"));
    } catch (const std::exception&) {
      return {400, message_body("bad request data")};
    }
    if (limit <= 0) limit = 1000;
    limit = std::min<long long>(limit, 5000);
    if (page < 1) page = 1;

    std::vector<std::pair<std::string, json>> folders, dashboards;  // (sort key, hit)
    if (type.empty() || type == "dash-folder") {
      for (const auto& [uid, f] : org.folders) {
        if (!query.empty() && lower(f.title).find(query) == std::string::npos) continue;
        if (!tags.empty() || !dashboard_uids.empty() || !folder_uids.empty()) continue;
        folders.emplace_back(lower(f.title), json{{"id", f.id},
                                                  {"uid", f.uid},
                                                  {"title", f.title},
                                                  {"url", folder_url(f)},
                                                  {"type", "dash-folder"},
                                                  {"tags", json::array()},
                                                  {"isStarred", false},
                                                  {"uri", "db/" + slugify(f.title)},
                                                  {"slug", slugify(f.title)}});
      }
    }
    if (type.empty() || type == "dash-db") {
      for (const auto& [uid, d] : org.dashboards) {
        if (!query.empty() && lower(d.title).find(query) == std::string::npos) continue;
        if (!dashboard_uids.empty() && !dashboard_uids.count(uid)) continue;
        if (!folder_uids.empty() && !folder_uids.count(d.folder_uid) &&
            !(d.folder_uid.empty() && folder_uids.count("general"))) {
          continue;
        }
        json dash_tags = d.data.contains("tags") && d.data["tags"].is_array() ? d.data["tags"] : json::array();
        bool all_tags = std::all_of(tags.begin(), tags.end(), [&](const std::string& t) {
          return std::any_of(dash_tags.begin(), dash_tags.end(),
                             [&](const json& x) { return x.is_string() && x == t; });
        });
        if (!all_tags) continue;
        json hit = {{"id", d.id},
                    {"uid", d.uid},
                    {"title", d.title},
                    {"url", dashboard_url(d)},
                    {"type", "dash-db"},
                    {"tags", dash_tags},
                    {"isStarred", false},
                    {"uri", "db/" + slugify(d.title)},
                    {"slug", slugify(d.title)}};
        if (!d.folder_uid.empty()) {
          const FolderRecord& f = org.folders[d.folder_uid];
          hit["folderId"] = f.id;
          hit["folderUid"] = f.uid;
          hit["folderTitle"] = f.title;
          hit["folderUrl"] = folder_url(f);
        }
        dashboards.emplace_back(lower(d.title), std::move(hit));
      }
    }
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::stable_sort(folders.begin(), folders.end(), by_key);
    std::stable_sort(dashboards.begin(), dashboards.end(), by_key);
    std::vector<json> all;
    for (auto& f : folders) all.push_back(std::move(f.second));
    for (auto& d : dashboards) all.push_back(std::move(d.second));
    json out = json::array();
    std::size_t first = static_cast<std::size_t>((page - 1) * limit);
    for (std::size_t i = first; i < all.size() && i < first + static_cast<std::size_t>(limit); ++i)
      out.push_back(all[i]);
    return {200, out};
  }

  Reply list_folders(Org& org, const httplib::Request& req) {
    long long limit = 1000, page = 1;
    try {
      if (req.has_param("limit")) limit = std::stoll(req.get_param_value("limit"));
      if (req.has_param("page")) page = std::stoll(req.get_param_value("page"));
    } catch (const std::exception&) {
      return {400, message_body("bad request data")};
    }
    if (limit <= 0) limit = 1000;
    if (page < 1) page = 1;
    std::string parent = req.get_param_value("parentUid");
    std::vector<const FolderRecord*> matching;
    for (const auto& [uid, f] : org.folders) {
      if (f.parent_uid == parent) matching.push_back(&f);
    }
    std::stable_sort(matching.begin(), matching.end(),
                     [](const FolderRecord* a, const FolderRecord* b) { return lower(a->title) < lower(b->title); });
    json out = json::array();
    std::size_t first = static_cast<std::size_t>((page - 1) * limit);
    for (std::size_t i = first; i < matching.size() && i < first + static_cast<std::size_t>(limit); ++i) {
      out.push_back(json{{"id", matching[i]->id}, {"uid", matching[i]->uid}, {"title", matching[i]->title}});
    }
    return {200, out};
  }

  Reply folder_not_found() const {
    return legacy_errors ? Reply{404, message_body("Folder not found")}
                         : Reply{404, status_body("not-found", "folder not found")};
  }

  Reply access_denied(const std::string& action) const {
    return {403, json{{"accessErrorId", "ACE0000000001"},
                      {"message",
                       "You'll need additional permissions to perform this action. Permissions needed: " + action},
                      {"title", "Access denied"}}};
  }

  Reply create_folder(Org& org, const Principal& who, const std::string& text) {
    json request = json::parse(text, nullptr, false);
    if (request.is_discarded() || !request.is_object()) return {400, message_body("bad request data")};
    if (who.read_only) return access_denied("folders:create");
    std::string title = trim(string_or_empty(request, "title"));
    std::string uid = trim(string_or_empty(request, "uid"));
    std::string parent = string_or_empty(request, "parentUid");
    if (title.empty()) return {400, message_body("folder title cannot be empty")};
    if (!uid_chars_ok(uid)) return {400, message_body("uid contains illegal characters")};
    if (uid.size() > 40) return {400, message_body("uid too long, max 40 characters")};
    if (!parent.empty() && !org.folders.count(parent)) return folder_not_found();
    if (!uid.empty() && (org.folders.count(uid) || org.dashboards.count(uid))) {
      return {409, message_body("a folder or dashboard with the same uid already exists")};
    }
    FolderRecord folder;
    folder.id = next_id++;
    folder.uid = uid.empty() ? generate_uid() : uid;
    folder.title = title;
    folder.parent_uid = parent;
    folder.created = folder.updated = now();
    folder.created_by = folder.updated_by = who.login;
    const FolderRecord& stored = org.folders.emplace(folder.uid, folder).first->second;
    return {200, folder_json(stored)};
  }

  Reply update_folder(Org& org, const Principal& who, const std::string& uid, const std::string& text) {
    auto it = org.folders.find(uid);
    if (it == org.folders.end()) return folder_not_found();
    json request = json::parse(text, nullptr, false);
    if (request.is_discarded() || !request.is_object()) return {400, message_body("bad request data")};
    if (who.read_only) return access_denied("folders:write");
    bool overwrite =
        request.contains("overwrite") && request["overwrite"].is_boolean() && request["overwrite"].get<bool>();
    long long version = integer(request, "version").value_or(0);
    if (!overwrite && version != it->second.version) {
      return {412, status_body("version-mismatch", "The folder has been changed by someone else")};
    }
    std::string title = trim(string_or_empty(request, "title"));
    if (title.empty()) return {400, message_body("folder title cannot be empty")};
    it->second.title = title;
    it->second.version += 1;
    it->second.updated = now();
    it->second.updated_by = who.login;
    return {200, folder_json(it->second)};
  }

  Reply delete_folder(Org& org, const Principal& who, const std::string& uid) {
    auto it = org.folders.find(uid);
    if (it == org.folders.end()) return folder_not_found();
    if (who.read_only) return access_denied("folders:delete");
    long long id = it->second.id;
    for (auto d = org.dashboards.begin(); d != org.dashboards.end();) {
      d = d->second.folder_uid == uid ? org.dashboards.erase(d) : std::next(d);
    }
    org.folders.erase(it);
    return {200, json{{"message", "Folder deleted"}, {"id", id}}};
  }

  Reply route(const httplib::Request& req, const std::string& path, const Principal& who) {
    Org* org = org_of(who.org);
    if (!org) return unauthorized(who.is_token);
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
      std::size_t slash = path.find('/', start);
      parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    const std::string& m = req.method;
    auto is = [&](std::initializer_list<const char*> expected) {
      if (parts.size() != expected.size()) return false;
      std::size_t i = 0;
      for (const char* e : expected) {
        if (std::string(e) != "*" && parts[i] != e) return false;
        ++i;
      }
      return true;
    };
    bool get = m == "GET" || m == "HEAD";
    if (is({"api", "dashboards", "db"}) && m == "POST") return post_dashboard_db(*org, who, req.body);
    if (is({"api", "dashboards", "import"}) && m == "POST") return post_dashboard_import(*org, who, req.body);
    if (is({"api", "dashboards", "uid", "*"}) && get) return get_dashboard(*org, parts[3]);
    if (is({"api", "dashboards", "uid", "*"}) && m == "DELETE") return delete_dashboard(*org, who, parts[3]);
    if (is({"api", "dashboards", "uid", "*", "versions"}) && get) return get_versions(*org, parts[3], req);
    if (is({"api", "dashboards", "uid", "*", "versions", "*"}) && get) return get_version(*org, parts[3], parts[5]);
    if (is({"api", "dashboards", "uid", "*", "restore"}) && m == "POST")
      return restore_version(*org, who, parts[3], req.body);
    if (is({"api", "search"}) && get) return search(*org, req);
    if (is({"api", "datasources"}) && get) return list_datasources(*org);
    if (is({"api", "datasources", "uid", "*"}) && get) return get_datasource(*org, parts[3], false);
    if (is({"api", "datasources", "uid", "*", "health"}) && get) return get_datasource(*org, parts[3], true);
    if (is({"api", "folders"}) && get) return list_folders(*org, req);
    if (is({"api", "folders"}) && m == "POST") return create_folder(*org, who, req.body);
    if (is({"api", "folders", "*"}) && get) {
      auto it = org->folders.find(parts[2]);
      return it == org->folders.end() ? folder_not_found() : Reply{200, folder_json(it->second)};
    }
    if (is({"api", "folders", "*"}) && m == "PUT") return update_folder(*org, who, parts[2], req.body);
    if (is({"api", "folders", "*"}) && m == "DELETE") return delete_folder(*org, who, parts[2]);
    return {404, message_body("Not found")};
  }

  json datasource_json(const FakeDatasource& d, long long id) const {
    return {{"id", id},
            {"uid", d.uid},
            {"orgId", 1},
            {"name", d.name},
            {"type", d.type},
            {"typeName", d.type},
            {"access", "proxy"},
            {"url", "http://" + d.type + ":9090"},
            {"isDefault", d.is_default},
            {"readOnly", false},
            {"basicAuth", false},
            {"jsonData", json::object()}};
  }
  Reply list_datasources(Org& org) const {
    json list = json::array();
    long long id = 1;
    for (const auto& [uid, d] : org.datasources) list.push_back(datasource_json(d, id++));
    return {200, list};
  }
  /// Grafana 9+: the health check runs the plugin's CheckHealth; a failed check is 400 with its status.
  Reply get_datasource(Org& org, const std::string& uid, bool health) const {
    auto it = org.datasources.find(uid);
    if (it == org.datasources.end()) return {404, message_body("Data source not found")};
    const FakeDatasource& d = it->second;
    if (!health) return {200, datasource_json(d, 1 + std::distance(org.datasources.begin(), it))};
    if (d.healthy) {
      return {200, json{{"status", "OK"},
                        {"message",
                         d.health_message.empty() ? "Successfully queried the Prometheus API." : d.health_message}}};
    }
    return {400, json{{"status", "ERROR"}, {"message", d.health_message}}};
  }

  /// Sleeps up to `seconds`, returning early when the server stops.
  void interruptible_sleep(double seconds) {
    std::unique_lock lock(stop_mutex);
    stop_cv.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return stopping; });
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    auto send = [&](int status, const json& body) {
      res.status = status;
      res.set_content(body.dump(), kJson);
    };
    std::string path = req.path;
    const std::string& sub = options.sub_path;
    if (!sub.empty()) {
      if (path.rfind(sub, 0) != 0 || (path.size() > sub.size() && path[sub.size()] != '/')) {
        send(404, message_body("Not found"));
        return;
      }
      path = path.substr(sub.size());
      if (path.empty()) path = "/";
    }

    std::optional<Fault> fault;
    {
      std::lock_guard lock(mutex);
      LoggedRequest entry;
      entry.method = req.method;
      entry.path = path;
      for (const auto& [key, value] : req.params) entry.query += (entry.query.empty() ? "" : "&") + key + "=" + value;
      for (const auto& [key, value] : req.headers) {
        std::string name = lower(key);
        if (name == "authorization" || name == "cookie") {
          entry.had_authorization = entry.had_authorization || name == "authorization";
          continue;
        }
        entry.headers[key] = value;
      }
      entry.body = req.body;
      log.push_back(std::move(entry));
      for (Fault& f : faults) {
        if (f.times == 0) continue;
        if (!f.method.empty() && f.method != req.method) continue;
        if (path.rfind(f.path_prefix, 0) != 0) continue;
        if (f.times > 0) --f.times;
        fault = f;
        break;
      }
    }
    if (fault) {
      switch (fault->kind) {
        case Fault::Kind::Delay: interruptible_sleep(fault->delay_seconds); break;
        case Fault::Kind::Hook:
          if (fault->on_match) fault->on_match();
          break;
        case Fault::Kind::Status:
          res.status = fault->status;
          for (const auto& [name, value] : fault->headers) res.set_header(name, value);
          res.set_content(fault->body.empty() ? message_body(reason_phrase(fault->status)).dump() : fault->body, kJson);
          return;
        case Fault::Kind::Malformed:
          res.status = 200;
          res.set_content(R"({"dashboard": {"title": "trunc)", kJson);
          return;
        case Fault::Kind::Html:
          res.status = fault->status == 503 ? 502 : fault->status;
          res.set_content(
              "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
              "</center><hr><center>nginx</center></body></html>\n",
              "text/html");
          return;
        case Fault::Kind::Drop:
          res.status = 200;
          res.set_content_provider(1000, kJson, [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
          return;
      }
    }

    if (path == "/api/health" && (req.method == "GET" || req.method == "HEAD")) {
      json body = {{"database", "ok"}};
      if (!options.hide_version) {
        body["version"] = options.grafana_version;
        body["commit"] = "0123456789";
      }
      res.status = 200;
      res.set_content(body.dump(2), kJson);
      return;
    }
    if (path == "/healthz") {
      res.status = 200;
      res.set_content("Ok", "text/plain; charset=utf-8");
      return;
    }

    std::lock_guard lock(mutex);
    Reply failure;
    auto who = authenticate(req, failure);
    Reply reply = who ? route(req, path, *who) : failure;
    send(reply.status, reply.body);
  }
};

FakeGrafana::FakeGrafana(FakeGrafanaOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

FakeGrafana::~FakeGrafana() { stop(); }

void FakeGrafana::start() {
  if (impl_->server) return;
  const FakeGrafanaOptions& o = impl_->options;
  if (!o.tls_cert_pem.empty()) {
    BIO* cert_bio = BIO_new_mem_buf(o.tls_cert_pem.data(), static_cast<int>(o.tls_cert_pem.size()));
    BIO* key_bio = BIO_new_mem_buf(o.tls_key_pem.data(), static_cast<int>(o.tls_key_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    if (!cert || !key) throw std::runtime_error("fake grafana: bad TLS certificate or key");
    impl_->server = std::make_unique<httplib::SSLServer>(cert, key);
    X509_free(cert);
    EVP_PKEY_free(key);
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  httplib::Server& server = *impl_->server;
  server.set_keep_alive_timeout(1);
  server.set_read_timeout(5);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res); };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);
  server.Options(".*", handler);
  port_ = server.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake grafana: cannot bind 127.0.0.1");
  impl_->thread = std::thread([&server] { server.listen_after_bind(); });
  // The socket already listens (connections queue); wait until the accept loop runs.
  for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void FakeGrafana::stop() {
  if (!impl_->server) return;
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  // The accept loop may not have started yet; stop() only takes effect once it runs.
  for (int i = 0; i < 500 && !impl_->server->is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->server.reset();
}

std::string FakeGrafana::url() const {
  bool tls = !impl_->options.tls_cert_pem.empty();
  return std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + impl_->options.sub_path;
}

const std::string& FakeGrafana::admin_token() const { return impl_->options.tokens.begin()->first; }

std::string FakeGrafana::add_folder(const std::string& title, const std::string& uid, long long org) {
  std::lock_guard lock(impl_->mutex);
  Impl::FolderRecord folder;
  folder.id = impl_->next_id++;
  folder.uid = uid.empty() ? impl_->generate_uid() : uid;
  folder.title = title;
  folder.created = folder.updated = impl_->now();
  folder.created_by = folder.updated_by = "admin";
  impl_->orgs[org].folders[folder.uid] = folder;
  return folder.uid;
}

long long FakeGrafana::put_dashboard(json dashboard, const std::string& folder_uid, const std::string& message,
                                     const std::string& created_by, long long org) {
  std::lock_guard lock(impl_->mutex);
  Impl::Org& o = impl_->orgs[org];
  std::string uid = dashboard.value("uid", "");
  dashboard.erase("id");
  auto existing = o.dashboards.find(uid);
  dashboard["version"] = existing == o.dashboards.end() ? 0 : existing->second.version;
  json request = {{"folderUid", folder_uid}};
  Impl::Principal who{created_by, org, false, false};
  Impl::DashboardRecord* record = nullptr;
  Reply reply = impl_->save(o, who, dashboard, request, true, message, false, &record);
  if (reply.status != 200 || !record) throw std::runtime_error("fake grafana: seeding failed: " + reply.body.dump());
  return record->version;
}

long long FakeGrafana::ui_edit(const std::string& uid, const std::function<void(json&)>& edit, const std::string& user,
                               long long org) {
  std::lock_guard lock(impl_->mutex);
  Impl::Org& o = impl_->orgs[org];
  auto it = o.dashboards.find(uid);
  if (it == o.dashboards.end()) throw std::runtime_error("fake grafana: no dashboard " + uid);
  json dashboard = it->second.data;
  edit(dashboard);
  dashboard["version"] = it->second.version;
  json request = {{"folderUid", it->second.folder_uid}};
  Impl::Principal who{user, org, false, false};
  Impl::DashboardRecord* record = nullptr;
  Reply reply = impl_->save(o, who, dashboard, request, false, "", true, &record);
  if (reply.status != 200 || !record) throw std::runtime_error("fake grafana: UI edit failed: " + reply.body.dump());
  return record->version;
}

void FakeGrafana::set_provisioned(const std::string& uid, bool provisioned, bool allow_ui_updates, long long org) {
  std::lock_guard lock(impl_->mutex);
  auto& d = impl_->orgs[org].dashboards.at(uid);
  d.provisioned = provisioned;
  d.allow_ui_updates = allow_ui_updates;
}

void FakeGrafana::set_plugin(const std::string& uid, const std::string& plugin_id, long long org) {
  std::lock_guard lock(impl_->mutex);
  impl_->orgs[org].dashboards.at(uid).plugin_id = plugin_id;
}

void FakeGrafana::add_datasource(FakeDatasource datasource, long long org) {
  std::lock_guard lock(impl_->mutex);
  std::string uid = datasource.uid;
  impl_->orgs[org].datasources[uid] = std::move(datasource);
}

std::optional<json> FakeGrafana::dashboard(const std::string& uid, long long org) const {
  std::lock_guard lock(impl_->mutex);
  auto o = impl_->orgs.find(org);
  if (o == impl_->orgs.end()) return std::nullopt;
  auto it = o->second.dashboards.find(uid);
  if (it == o->second.dashboards.end()) return std::nullopt;
  return it->second.data;
}

std::optional<std::string> FakeGrafana::folder_of(const std::string& uid, long long org) const {
  std::lock_guard lock(impl_->mutex);
  auto o = impl_->orgs.find(org);
  if (o == impl_->orgs.end()) return std::nullopt;
  auto it = o->second.dashboards.find(uid);
  if (it == o->second.dashboards.end()) return std::nullopt;
  return it->second.folder_uid;
}

std::vector<VersionRecord> FakeGrafana::history(const std::string& uid, long long org) const {
  std::lock_guard lock(impl_->mutex);
  auto o = impl_->orgs.find(org);
  if (o == impl_->orgs.end()) return {};
  auto it = o->second.dashboards.find(uid);
  return it == o->second.dashboards.end() ? std::vector<VersionRecord>{} : it->second.history;
}

std::size_t FakeGrafana::dashboard_count(long long org) const {
  std::lock_guard lock(impl_->mutex);
  auto o = impl_->orgs.find(org);
  return o == impl_->orgs.end() ? 0 : o->second.dashboards.size();
}

std::size_t FakeGrafana::folder_count(long long org) const {
  std::lock_guard lock(impl_->mutex);
  auto o = impl_->orgs.find(org);
  return o == impl_->orgs.end() ? 0 : o->second.folders.size();
}

json FakeGrafana::state_dump() const {
  std::lock_guard lock(impl_->mutex);
  json out = json::object();
  for (const auto& [org_id, org] : impl_->orgs) {
    json folders = json::object(), dashboards = json::object();
    for (const auto& [uid, f] : org.folders) folders[uid] = impl_->folder_json(f);
    for (const auto& [uid, d] : org.dashboards) {
      dashboards[uid] = json{{"folderUid", d.folder_uid}, {"version", d.version}, {"data", d.data}};
    }
    out[std::to_string(org_id)] = json{{"folders", folders}, {"dashboards", dashboards}};
  }
  return out;
}

void FakeGrafana::add_fault(Fault fault) {
  std::lock_guard lock(impl_->mutex);
  impl_->faults.push_back(std::move(fault));
}

void FakeGrafana::clear_faults() {
  std::lock_guard lock(impl_->mutex);
  impl_->faults.clear();
}

std::vector<LoggedRequest> FakeGrafana::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

std::size_t FakeGrafana::write_requests() const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<std::size_t>(std::count_if(impl_->log.begin(), impl_->log.end(), [](const LoggedRequest& r) {
    return r.method != "GET" && r.method != "HEAD";
  }));
}

void FakeGrafana::clear_requests() {
  std::lock_guard lock(impl_->mutex);
  impl_->log.clear();
}

}  // namespace mlmon::testing
