#pragma once
// In-process fakes of Prometheus's and Alertmanager's read API for doctor's unit tests: each
// serves what a test set (JSON as the real servers answer, captured from Prometheus 3.5.3 and
// Alertmanager 0.33.1) on 127.0.0.1 with an ephemeral port, and logs every request's method and
// path. The integration tests (tests/integration/doctor.sh) run the real servers.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace mlmon::testing {

struct Request {
  std::string method;
  std::string path;
  std::string query;
  bool had_authorization = false;
  std::string authorization;
};

class FakeServer {
 public:
  FakeServer();
  virtual ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  void start();
  void stop();
  std::string url() const;

  /// A reply for a path (any method, any query): status, content type, body.
  void set(const std::string& path, int status, std::string body, std::string content_type = "application/json");
  std::vector<Request> requests() const;
  /// Answers `path` only after `delay` (a server stuck on one endpoint); the reply set stays.
  void set_delay(const std::string& path, std::chrono::milliseconds delay);

 protected:
  struct Reply {
    int status = 200;
    std::string body;
    std::string content_type;
    std::chrono::milliseconds delay{0};
  };
  /// Computes a reply the table does not have; nullopt: 404.
  virtual std::optional<Reply> dynamic(const std::string& path, const std::multimap<std::string, std::string>& params);

  mutable std::mutex mutex_;

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::map<std::string, Reply> replies_;
  std::vector<Request> log_;
};

/// Prometheus: health, buildinfo, runtimeinfo, targets, rules, alerts, alertmanagers, /metrics set
/// with set_data(path, data) in the API envelope; /api/v1/label/__name__/values answers from the
/// series names given to set_series_names, filtered by the match[] regex as Prometheus does.
class FakePrometheus : public FakeServer {
 public:
  FakePrometheus();
  void set_data(const std::string& path, nlohmann::json data);
  void set_series_names(std::set<std::string> names);
  void set_query_result(nlohmann::json result);

 protected:
  std::optional<Reply> dynamic(const std::string& path, const std::multimap<std::string, std::string>& params) override;

 private:
  std::set<std::string> names_;
  nlohmann::json query_result_ = nlohmann::json::array();
};

/// Alertmanager: health, /api/v2/status (with `original`), alerts, silences, /metrics.
class FakeAlertmanager : public FakeServer {
 public:
  explicit FakeAlertmanager(const std::string& original);
};

}  // namespace mlmon::testing
