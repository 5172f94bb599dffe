#include "fake_stack.hpp"

#include <httplib.h>
#include <re2/re2.h>

#include <chrono>
#include <stdexcept>

namespace mlmon::testing {

FakeServer::FakeServer() : server_(std::make_unique<httplib::Server>()) {
  set("/-/healthy", 200, "OK\n", "text/plain");
  set("/-/ready", 200, "OK\n", "text/plain");
}

FakeServer::~FakeServer() { stop(); }

void FakeServer::start() {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<Reply> reply;
    {
      std::lock_guard lock(mutex_);
      Request logged{req.method, req.path, "", req.has_header("Authorization"), req.get_header_value("Authorization")};
      for (const auto& [key, value] : req.params) logged.query += (logged.query.empty() ? "" : "&") + key + "=" + value;
      log_.push_back(std::move(logged));
      if (auto it = replies_.find(req.path); it != replies_.end()) reply = it->second;
    }
    if (!reply) reply = dynamic(req.path, req.params);
    if (!reply) reply = Reply{404, "404 page not found\n", "text/plain"};
    if (reply->delay.count() > 0) std::this_thread::sleep_for(reply->delay);
    res.status = reply->status;
    res.set_content(reply->body, reply->content_type);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Delete(".*", handler);
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake server: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void FakeServer::stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

std::string FakeServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeServer::set(const std::string& path, int status, std::string body, std::string content_type) {
  std::lock_guard lock(mutex_);
  replies_[path] = Reply{status, std::move(body), std::move(content_type)};
}

void FakeServer::set_delay(const std::string& path, std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  replies_[path].delay = delay;
}

std::vector<Request> FakeServer::requests() const {
  std::lock_guard lock(mutex_);
  return log_;
}

std::optional<FakeServer::Reply> FakeServer::dynamic(const std::string&,
                                                     const std::multimap<std::string, std::string>&) {
  return std::nullopt;
}

FakePrometheus::FakePrometheus() {
  set_data("/api/v1/status/buildinfo", {{"version", "3.5.3"}, {"revision", "test"}});
  set_data("/api/v1/status/runtimeinfo", {{"startTime", "2026-12-07T09:00:00Z"},
                                          {"serverTime", "2026-12-07T09:10:00Z"},
                                          {"reloadConfigSuccess", true},
                                          {"lastConfigTime", "2026-12-07T09:00:00Z"}});
  set_data("/api/v1/targets",
           {{"activeTargets", nlohmann::json::array()}, {"droppedTargets", nlohmann::json::array()}});
  set_data("/api/v1/rules", {{"groups", nlohmann::json::array()}});
  set_data("/api/v1/alerts", {{"alerts", nlohmann::json::array()}});
  set_data("/api/v1/alertmanagers", {{"activeAlertmanagers", {{{"url", "http://127.0.0.1:9093/api/v2/alerts"}}}},
                                     {"droppedAlertmanagers", nlohmann::json::array()}});
  set("/metrics", 200,
      "# HELP prometheus_notifications_dropped_total x\n# TYPE prometheus_notifications_dropped_total counter\n"
      "prometheus_notifications_dropped_total 0\n"
      "prometheus_notifications_errors_total{alertmanager=\"http://127.0.0.1:9093/api/v2/alerts\"} 0\n",
      "text/plain; version=0.0.4");
}

void FakePrometheus::set_data(const std::string& path, nlohmann::json data) {
  set(path, 200, nlohmann::json{{"status", "success"}, {"data", std::move(data)}}.dump());
}

void FakePrometheus::set_series_names(std::set<std::string> names) {
  std::lock_guard lock(mutex_);
  names_ = std::move(names);
}

void FakePrometheus::set_query_result(nlohmann::json result) {
  std::lock_guard lock(mutex_);
  query_result_ = std::move(result);
}

std::optional<FakeServer::Reply> FakePrometheus::dynamic(const std::string& path,
                                                         const std::multimap<std::string, std::string>& params) {
  std::lock_guard lock(mutex_);
  if (path == "/api/v1/query") {
    return Reply{
        200,
        nlohmann::json{{"status", "success"}, {"data", {{"resultType", "vector"}, {"result", query_result_}}}}.dump(),
        "application/json"};
  }
  if (path != "/api/v1/label/__name__/values") return std::nullopt;
  nlohmann::json names = nlohmann::json::array();
  for (const auto& [key, value] : params) {
    if (key != "match[]") continue;
    // {__name__=~"a|b"}: the regex between the quotes, anchored as Prometheus anchors it.
    const std::size_t open = value.find('"');
    const std::size_t close = value.rfind('"');
    if (open == std::string::npos || close <= open) {
      return Reply{400, R"({"status":"error","errorType":"bad_data","error":"bad match[]"})", "application/json"};
    }
    std::string regex;
    for (std::size_t i = open + 1; i < close; ++i) {
      if (value[i] == '\\' && i + 1 < close && value[i + 1] == '\\') ++i;  // the selector's string escape
      regex += value[i];
    }
    const RE2 re("^(?:" + regex + ")$");
    for (const std::string& name : names_) {
      if (RE2::FullMatch(name, re)) names.push_back(name);
    }
  }
  return Reply{200, nlohmann::json{{"status", "success"}, {"data", names}}.dump(), "application/json"};
}

FakeAlertmanager::FakeAlertmanager(const std::string& original) {
  set("/api/v2/status", 200,
      nlohmann::json{{"cluster", {{"status", "disabled"}, {"peers", nlohmann::json::array()}}},
                     {"config", {{"original", original}}},
                     {"uptime", "2026-12-07T09:00:00.000Z"},
                     {"versionInfo", {{"version", "0.33.1"}}}}
          .dump());
  set("/api/v2/alerts", 200, "[]");
  set("/api/v2/silences", 200, "[]");
  set("/metrics", 200,
      "alertmanager_config_last_reload_successful 1\n"
      "alertmanager_notifications_failed_total{integration=\"webhook\",reason=\"serverError\"} 0\n"
      "alertmanager_notifications_total{integration=\"webhook\"} 0\n",
      "text/plain; version=0.0.4");
}

}  // namespace mlmon::testing
