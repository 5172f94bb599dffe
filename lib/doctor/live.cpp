#include "doctor/live.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "grafana/grafana_url.hpp"

namespace mlmon::doctor {

namespace {

using nlohmann::json;

/// Names per /api/v1/label/__name__/values request: keeps each URL a few kB long.
constexpr std::size_t kNamesPerRequest = 50;
/// "Has series" means: a sample within Prometheus's default lookback.
constexpr double kRecentSeconds = 5 * 60;

template <class T>
Result<T> decode(const Result<json>& data, Result<T> (*decoder)(const json&)) {
  if (!data) return std::unexpected(data.error());  // data is borrowed: MLMON_TRY would copy it
  return decoder(*data);
}

}  // namespace

std::string names_regex(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += '|';
    for (char c : name) {
      if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

const Result<std::vector<Target>>& Live::targets() {
  return remember<std::vector<Target>>(targets_, [&] {
    return decode<std::vector<Target>>(prometheus_->get_prometheus_data("/api/v1/targets?state=active"),
                                       &decode_targets);
  });
}

const Result<std::vector<LiveGroup>>& Live::rule_groups() {
  return remember<std::vector<LiveGroup>>(rule_groups_, [&] {
    return decode<std::vector<LiveGroup>>(prometheus_->get_prometheus_data("/api/v1/rules?exclude_alerts=true"),
                                          &decode_rule_groups);
  });
}

const Result<std::vector<PromAlert>>& Live::alerts() {
  return remember<std::vector<PromAlert>>(alerts_, [&] {
    return decode<std::vector<PromAlert>>(prometheus_->get_prometheus_data("/api/v1/alerts"), &decode_alerts);
  });
}

const Result<AlertmanagerTargets>& Live::alertmanagers() {
  return remember<AlertmanagerTargets>(alertmanagers_, [&] {
    return decode<AlertmanagerTargets>(prometheus_->get_prometheus_data("/api/v1/alertmanagers"),
                                       &decode_alertmanagers);
  });
}

const Result<RuntimeInfo>& Live::runtime_info() {
  return remember<RuntimeInfo>(runtime_info_, [&] {
    return decode<RuntimeInfo>(prometheus_->get_prometheus_data("/api/v1/status/runtimeinfo"), &decode_runtime_info);
  });
}

const Result<std::string>& Live::prometheus_metrics() {
  return remember<std::string>(prometheus_metrics_, [&] { return prometheus_->get_text("/metrics"); });
}

double Live::now() {
  if (prometheus_ != nullptr) {
    const auto& info = runtime_info();
    if (info && info->server_time) return *info->server_time;
  }
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Result<std::set<std::string>> Live::names_with_series(const std::vector<std::string>& names) {
  std::set<std::string> found;
  const double start = now() - kRecentSeconds;
  for (std::size_t first = 0; first < names.size(); first += kNamesPerRequest) {
    const std::vector<std::string> batch(
        names.begin() + static_cast<std::ptrdiff_t>(first),
        names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), first + kNamesPerRequest)));
    // The regex inside a PromQL string literal: its backslashes and quotes escaped once more.
    std::string literal;
    for (char c : names_regex(batch)) {
      if (c == '\\' || c == '"') literal += '\\';
      literal += c;
    }
    const std::string match = fmt::format("{{__name__=~\"{}\"}}", literal);
    const std::string path =
        fmt::format("/api/v1/label/__name__/values?match[]={}&start={:.3f}", grafana::percent_encode(match), start);
    const json data = MLMON_TRY(prometheus_->get_prometheus_data(path));
    if (!data.is_array()) return fail("/api/v1/label/__name__/values: the reply's data is not a list");
    for (const json& name : data) {
      if (name.is_string()) found.insert(name.get<std::string>());
    }
  }
  return found;
}

Result<json> Live::query(std::string_view promql) {
  json data = MLMON_TRY(prometheus_->get_prometheus_data("/api/v1/query?query=" + grafana::percent_encode(promql)));
  if (!data.is_object()) return fail("/api/v1/query: the reply has no result");
  auto result = data.find("result");
  if (result == data.end()) return fail("/api/v1/query: the reply has no result");
  return *result;
}

const Result<std::vector<AmAlert>>& Live::am_alerts() {
  return remember<std::vector<AmAlert>>(am_alerts_, [&] {
    return decode<std::vector<AmAlert>>(alertmanager_->get_json("/api/v2/alerts"), &decode_am_alerts);
  });
}

const Result<std::vector<Silence>>& Live::silences() {
  return remember<std::vector<Silence>>(silences_, [&] {
    return decode<std::vector<Silence>>(alertmanager_->get_json("/api/v2/silences"), &decode_silences);
  });
}

const Result<AmStatus>& Live::am_status() {
  return remember<AmStatus>(
      am_status_, [&] { return decode<AmStatus>(alertmanager_->get_json("/api/v2/status"), &decode_am_status); });
}

const Result<std::string>& Live::alertmanager_metrics() {
  return remember<std::string>(alertmanager_metrics_, [&] { return alertmanager_->get_text("/metrics"); });
}

const alertmanager::LoadedConfig* Live::alertmanager_config() {
  if (!alertmanager_config_) {
    alertmanager_config_.emplace();
    const auto& status = am_status();
    if (status && !status->config_original.empty()) {
      *alertmanager_config_ = std::make_unique<alertmanager::LoadedConfig>(alertmanager::load_config(
          std::make_shared<SourceFile>("Alertmanager /api/v2/status", status->config_original)));
    }
  }
  return alertmanager_config_->get();
}

const grafana::ApiResult<std::vector<grafana::Datasource>>& Live::datasources() {
  if (!datasources_) datasources_ = grafana_->list_datasources();
  return *datasources_;
}

}  // namespace mlmon::doctor
