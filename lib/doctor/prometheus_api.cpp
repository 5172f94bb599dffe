#include "doctor/prometheus_api.hpp"

#include <fmt/format.h>

#include "core/go_quote.hpp"
#include "doctor/service_client.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double number_of(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::optional<double> time_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  auto seconds = parse_rfc3339(it->get<std::string>());
  // Go's zero time marks "never" (a rule not evaluated yet).
  if (seconds && *seconds < 0) return std::nullopt;
  return seconds;
}

LabelMap labels_of(const json& object, const char* key) {
  LabelMap out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_object()) return out;
  for (const auto& [name, value] : it->items()) {
    if (value.is_string()) out[name] = value.get<std::string>();
  }
  return out;
}

const json* member_array(const json& data, const char* key) {
  if (!data.is_object()) return nullptr;
  auto it = data.find(key);
  return it != data.end() && it->is_array() ? &*it : nullptr;
}

}  // namespace

std::string format_labels(const LabelMap& labels) {
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ", ";
    out += name + "=" + go::quote(value);
  }
  return out + "}";
}

std::string Target::job() const {
  auto it = labels.find("job");
  return it == labels.end() ? scrape_pool : it->second;
}

std::string Target::instance() const {
  auto it = labels.find("instance");
  return it == labels.end() ? scrape_url : it->second;
}

Result<std::vector<Target>> decode_targets(const json& data) {
  const json* active = member_array(data, "activeTargets");
  if (active == nullptr) return fail("/api/v1/targets: no \"activeTargets\" list in the reply");
  std::vector<Target> targets;
  for (const json& item : *active) {
    if (!item.is_object()) continue;
    Target target;
    target.labels = labels_of(item, "labels");
    target.scrape_pool = text_of(item, "scrapePool");
    target.scrape_url = text_of(item, "scrapeUrl");
    target.health = text_of(item, "health");
    target.last_error = printable(text_of(item, "lastError"), 400);
    target.last_scrape = time_of(item, "lastScrape");
    targets.push_back(std::move(target));
  }
  return targets;
}

Result<std::vector<LiveGroup>> decode_rule_groups(const json& data) {
  const json* groups = member_array(data, "groups");
  if (groups == nullptr) return fail("/api/v1/rules: no \"groups\" list in the reply");
  std::vector<LiveGroup> out;
  for (const json& item : *groups) {
    if (!item.is_object()) continue;
    LiveGroup group;
    group.name = text_of(item, "name");
    group.file = text_of(item, "file");
    group.interval_s = number_of(item, "interval");
    group.limit = static_cast<long long>(number_of(item, "limit"));
    group.evaluation_time_s = number_of(item, "evaluationTime");
    group.last_evaluation = time_of(item, "lastEvaluation");
    if (const json* rules = member_array(item, "rules")) {
      for (const json& r : *rules) {
        if (!r.is_object()) continue;
        LiveRule rule;
        rule.alerting = text_of(r, "type") == "alerting";
        rule.name = text_of(r, "name");
        rule.query = text_of(r, "query");
        rule.duration_s = number_of(r, "duration");
        rule.keep_firing_for_s = number_of(r, "keepFiringFor");
        rule.labels = labels_of(r, "labels");
        rule.annotations = labels_of(r, "annotations");
        rule.health = text_of(r, "health");
        rule.last_error = printable(text_of(r, "lastError"), 400);
        group.rules.push_back(std::move(rule));
      }
    }
    out.push_back(std::move(group));
  }
  return out;
}

Result<std::vector<PromAlert>> decode_alerts(const json& data) {
  const json* alerts = member_array(data, "alerts");
  if (alerts == nullptr) return fail("/api/v1/alerts: no \"alerts\" list in the reply");
  std::vector<PromAlert> out;
  for (const json& item : *alerts) {
    if (!item.is_object()) continue;
    PromAlert alert;
    alert.labels = labels_of(item, "labels");
    alert.annotations = labels_of(item, "annotations");
    alert.state = text_of(item, "state");
    alert.active_at = time_of(item, "activeAt");
    alert.value = printable(text_of(item, "value"), 60);
    out.push_back(std::move(alert));
  }
  return out;
}

Result<AlertmanagerTargets> decode_alertmanagers(const json& data) {
  const json* active = member_array(data, "activeAlertmanagers");
  if (active == nullptr) return fail("/api/v1/alertmanagers: no \"activeAlertmanagers\" list in the reply");
  AlertmanagerTargets out;
  for (const json& item : *active) {
    if (item.is_object()) out.active.push_back(printable(text_of(item, "url"), 300));
  }
  if (const json* dropped = member_array(data, "droppedAlertmanagers")) {
    for (const json& item : *dropped) {
      if (item.is_object()) out.dropped.push_back(printable(text_of(item, "url"), 300));
    }
  }
  return out;
}

Result<RuntimeInfo> decode_runtime_info(const json& data) {
  if (!data.is_object()) return fail("/api/v1/status/runtimeinfo: the reply's data is not an object");
  RuntimeInfo info;
  info.start_time = time_of(data, "startTime");
  info.server_time = time_of(data, "serverTime");
  info.last_config_time = time_of(data, "lastConfigTime");
  if (auto it = data.find("reloadConfigSuccess"); it != data.end() && it->is_boolean()) {
    info.reload_config_success = it->get<bool>();
  }
  return info;
}

}  // namespace mlmon::doctor
