#include "doctor/alertmanager_api.hpp"

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

std::vector<std::string> strings_of(const json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const json& item : *it) {
    if (item.is_string()) out.push_back(printable(item.get<std::string>(), 200));
  }
  return out;
}

/// A matcher's boolean member, `fallback` when absent. Checked here: json's value() throws on
/// another type, and that must not leave the library.
Result<bool> matcher_flag(const json& matcher, const char* key, bool fallback) {
  auto it = matcher.find(key);
  if (it == matcher.end()) return fallback;
  if (!it->is_boolean()) {
    return fail(std::string("/api/v2/silences: a matcher's \"") + key + "\" is " + it->type_name() +
                ", expected true or false");
  }
  return it->get<bool>();
}

}  // namespace

Result<std::vector<AmAlert>> decode_am_alerts(const json& body) {
  if (!body.is_array()) return fail("/api/v2/alerts: the reply is not a list of alerts");
  std::vector<AmAlert> out;
  for (const json& item : body) {
    if (!item.is_object()) continue;
    AmAlert alert;
    if (auto labels = item.find("labels"); labels != item.end() && labels->is_object()) {
      for (const auto& [name, value] : labels->items()) {
        if (value.is_string()) alert.labels[name] = value.get<std::string>();
      }
    }
    alert.fingerprint = printable(text_of(item, "fingerprint"), 40);
    if (auto status = item.find("status"); status != item.end() && status->is_object()) {
      alert.state = text_of(*status, "state");
      alert.silenced_by = strings_of(*status, "silencedBy");
      alert.inhibited_by = strings_of(*status, "inhibitedBy");
      alert.muted_by = strings_of(*status, "mutedBy");
    }
    if (auto receivers = item.find("receivers"); receivers != item.end() && receivers->is_array()) {
      for (const json& r : *receivers) {
        if (r.is_object()) alert.receivers.push_back(printable(text_of(r, "name"), 100));
      }
    }
    out.push_back(std::move(alert));
  }
  return out;
}

Result<std::vector<Silence>> decode_silences(const json& body) {
  if (!body.is_array()) return fail("/api/v2/silences: the reply is not a list of silences");
  std::vector<Silence> out;
  for (const json& item : body) {
    if (!item.is_object()) continue;
    Silence silence;
    silence.id = printable(text_of(item, "id"), 60);
    if (auto status = item.find("status"); status != item.end() && status->is_object()) {
      silence.state = text_of(*status, "state");
    }
    silence.created_by = printable(text_of(item, "createdBy"), 100);
    silence.comment = printable(text_of(item, "comment"), 200);
    silence.ends_at = parse_rfc3339(text_of(item, "endsAt"));
    std::string matchers;
    if (auto list = item.find("matchers"); list != item.end() && list->is_array()) {
      for (const json& m : *list) {
        if (!m.is_object()) continue;
        const bool regex = MLMON_TRY(matcher_flag(m, "isRegex", false));
        const bool equal = MLMON_TRY(matcher_flag(m, "isEqual", true));
        const std::string op = regex ? (equal ? "=~" : "!~") : (equal ? "=" : "!=");
        if (!matchers.empty()) matchers += ", ";
        matchers += text_of(m, "name") + op + go::quote(text_of(m, "value"));
      }
    }
    silence.matchers = printable("{" + matchers + "}", 300);
    out.push_back(std::move(silence));
  }
  return out;
}

Result<AmStatus> decode_am_status(const json& body) {
  if (!body.is_object()) return fail("/api/v2/status: the reply is not an object");
  AmStatus status;
  if (auto config = body.find("config"); config != body.end() && config->is_object()) {
    status.config_original = text_of(*config, "original");
  }
  status.uptime = parse_rfc3339(text_of(body, "uptime"));
  if (auto info = body.find("versionInfo"); info != body.end() && info->is_object()) {
    status.version = printable(text_of(*info, "version"), 40);
  }
  return status;
}

}  // namespace mlmon::doctor
