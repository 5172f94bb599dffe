#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mlmon::testing {

/// A stateful fake of Grafana's dashboard and folder API, following ../shared/reference/grafana-api.md
/// §8 (save algorithm §2.2/§8.5, version history §2.9, folders §2.7, auth §8.3, exact error bodies).
/// It runs in-process on 127.0.0.1 with an ephemeral port, in its own thread, until stop() or
/// destruction. Options marked (fake) are test conveniences, not Grafana behaviour.
struct FakeGrafanaOptions {
  /// /api/health's version; selects the personality defaults below.
  std::string grafana_version = "12.1.0";
  std::optional<bool> name_unique;       ///< <= 11.2 title rules (412 name-exists); default: version < 11.3
  std::optional<bool> legacy_errors;     ///< old 401 bodies, 404 folder-not-found, ...; default: version < 10
  std::optional<bool> wrapped_versions;  ///< {continueToken, versions}; default: version >= 11.6
  std::optional<bool> limits;            ///< title 5000, message 500, tag 50; default: version >= 11
  bool v2_406 = false;                   ///< legacy GET of a v2 document -> 406
  bool hide_version = false;             ///< /api/health without version/commit
  std::string sub_path;                  ///< serve under a prefix, e.g. "/grafana"
  int min_refresh_seconds = 0;           ///< clamp dashboard.refresh (0 = off)
  int dashboard_quota = 0;               ///< 403 "Quota reached" once this many exist (0 = none)
  std::size_t max_dashboard_bytes = 0;   ///< 413 above this many bytes (0 = none)

  struct Token {
    long long org = 1;
    bool read_only = false;           ///< (fake) writes get 403
    std::string login = "Anonymous";  ///< shown as createdBy (grafana/grafana#88400)
  };
  std::map<std::string, Token> tokens = {{"glsa_fakeAdminToken0123456789abcdefABCD_0a1b2c3d", Token{}}};
  std::map<std::string, std::string> users = {{"admin", "admin-password"}};  ///< basic auth
  std::set<long long> orgs = {1};

  /// TLS (PEM text); plain HTTP when empty.
  std::string tls_cert_pem;
  std::string tls_key_pem;
};

/// (fake) A fault injected into matching requests.
struct Fault {
  enum class Kind {
    Status,     ///< answer `status` with `body` (default {"message":"<reason>"})
    Delay,      ///< wait `delay_seconds`, then answer normally
    Malformed,  ///< answer 200 with truncated JSON
    Html,       ///< answer `status` (default 502) with an HTML page
    Drop,       ///< send headers, then close the connection mid-body
    Hook,       ///< run `on_match` (e.g. a concurrent UI edit), then answer normally
  };
  Fault() = default;
  Fault(Kind kind_, std::string method_, std::string path_prefix_, int times_ = 1, int status_ = 503,
        std::string body_ = {}, double delay_seconds_ = 0)
      : kind(kind_),
        method(std::move(method_)),
        path_prefix(std::move(path_prefix_)),
        times(times_),
        status(status_),
        body(std::move(body_)),
        delay_seconds(delay_seconds_) {}

  Kind kind = Kind::Status;
  std::string method;       ///< "" matches any
  std::string path_prefix;  ///< matched against the path below the sub-path, e.g. "/api/dashboards/db"
  int times = 1;            ///< matching calls affected; -1 = all
  int status = 503;
  std::string body;
  double delay_seconds = 0;
  std::function<void()> on_match;                            ///< for Hook; runs without the fake's lock held
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra reply headers for Status (Retry-After, Location)
};

struct LoggedRequest {
  std::string method;
  std::string path;                            ///< below the sub-path
  std::string query;                           ///< "a=1&b=2" as received (decoded params re-joined)
  std::map<std::string, std::string> headers;  ///< Authorization and Cookie removed
  bool had_authorization = false;
  std::string body;
};

/// A datasource (GET /api/datasources, /api/datasources/uid/:uid[/health]).
struct FakeDatasource {
  std::string uid;
  std::string name;
  std::string type = "prometheus";
  bool is_default = false;
  bool healthy = true;         ///< the health check's verdict
  std::string health_message;  ///< default: the Prometheus plugin's "Successfully queried the Prometheus API."
};

struct VersionRecord {
  long long version = 0;
  std::string message;
  std::string created;
  std::string created_by;
  nlohmann::json data;
};

class FakeGrafana {
 public:
  explicit FakeGrafana(FakeGrafanaOptions options = {});
  ~FakeGrafana();
  FakeGrafana(const FakeGrafana&) = delete;
  FakeGrafana& operator=(const FakeGrafana&) = delete;

  /// Binds 127.0.0.1:0 and serves in a background thread. Returns once connections are accepted.
  void start();
  /// Stops serving, wakes delayed handlers and joins the thread. Idempotent.
  void stop();

  int port() const { return port_; }
  /// http(s)://127.0.0.1:<port><sub_path>
  std::string url() const;
  const std::string& admin_token() const;

  // ---- seeding and inspection (thread-safe) ----
  /// Creates a folder; returns its uid (generated when empty).
  std::string add_folder(const std::string& title, const std::string& uid = "", long long org = 1);
  /// Stores a dashboard as a save by `created_by` with `message` would (new: version 1; existing:
  /// version + 1) and returns the new version. The JSON's id/version are ignored.
  long long put_dashboard(nlohmann::json dashboard, const std::string& folder_uid, const std::string& message,
                          const std::string& created_by = "admin", long long org = 1);
  /// A save in the Grafana UI: applies `edit` to the stored JSON and saves it with an empty message.
  long long ui_edit(const std::string& uid, const std::function<void(nlohmann::json&)>& edit,
                    const std::string& user = "admin", long long org = 1);
  void set_provisioned(const std::string& uid, bool provisioned, bool allow_ui_updates = false, long long org = 1);
  void set_plugin(const std::string& uid, const std::string& plugin_id, long long org = 1);
  void add_datasource(FakeDatasource datasource, long long org = 1);

  std::optional<nlohmann::json> dashboard(const std::string& uid, long long org = 1) const;
  std::optional<std::string> folder_of(const std::string& uid, long long org = 1) const;
  std::vector<VersionRecord> history(const std::string& uid, long long org = 1) const;
  std::size_t dashboard_count(long long org = 1) const;
  std::size_t folder_count(long long org = 1) const;
  /// Every folder and dashboard with their versions, for whole-state assertions.
  nlohmann::json state_dump() const;

  void add_fault(Fault fault);
  void clear_faults();
  std::vector<LoggedRequest> requests() const;
  /// Requests other than GET and HEAD (whether or not they succeeded).
  std::size_t write_requests() const;
  void clear_requests();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

/// A self-signed certificate for 127.0.0.1 and localhost (CA:TRUE, so it can be its own trust
/// anchor for --ca-cert), generated in-process with OpenSSL.
struct SelfSignedCertificate {
  std::string cert_pem;
  std::string key_pem;
};
SelfSignedCertificate make_self_signed_certificate();

}  // namespace mlmon::testing
