// The validators of each integration (notify/*/config.go), in Alertmanager's words.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/checker.hpp"
#include "alertmanager/duration.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/validators.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager::validators {

namespace {

constexpr std::string_view kRule = ids::kIntegration;

const Node* at(const Node& map, std::string_view key) {
  const Node* n = field_node(&map, key);
  return n != nullptr ? n : &map;
}

void at_most_one(Checker& ck, const Node& c, std::string_view inline_key, std::string_view file_key,
                 bool inline_is_pointer) {
  const bool inline_set = inline_is_pointer ? is_present(field_node(&c, inline_key)) : has_text(&c, inline_key);
  if (inline_set && has_text(&c, file_key)) {
    ck.fail(at(c, inline_key), kRule,
            "at most one of " + std::string(inline_key) + " & " + std::string(file_key) + " must be configured");
  }
}

// The http_config sets an Authorization header (explicitly, or through bearer_token).
bool has_authorization(const Node* http) {
  return is_present(field_node(http, "authorization")) || has_text(http, "bearer_token") ||
         has_text(http, "bearer_token_file");
}

// Go's textproto.CanonicalMIMEHeaderKey.
std::string canonical_header(const std::string& key) {
  for (unsigned char c : key) {
    const bool token = std::isalnum(c) != 0 ||
                       std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (!token) return key;
  }
  std::string out = key;
  bool upper = true;
  for (char& c : out) {
    c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                : std::tolower(static_cast<unsigned char>(c)));
    upper = c == '-';
  }
  return out;
}

void url_or_file(Checker& ck, const Node& c, std::string_view url_key, std::string_view file_key, bool url_is_pointer) {
  const bool url = url_is_pointer ? is_present(field_node(&c, url_key)) : has_text(&c, url_key);
  const bool file = has_text(&c, file_key);
  if (!url && !file) {
    ck.fail(&c, kRule, "one of " + std::string(url_key) + " or " + std::string(file_key) + " must be configured");
  } else if (url && file) {
    ck.fail(at(c, url_key), kRule,
            "at most one of " + std::string(url_key) + " & " + std::string(file_key) + " must be configured");
  }
}

}  // namespace

void discord(Checker& ck, const Node& c) { url_or_file(ck, c, "webhook_url", "webhook_url_file", true); }
void msteams(Checker& ck, const Node& c) { url_or_file(ck, c, "webhook_url", "webhook_url_file", true); }
void webhook(Checker& ck, const Node& c) { url_or_file(ck, c, "url", "url_file", false); }

void email(Checker& ck, const Node& c) {
  std::map<std::string, const Node*> headers;
  if (const Node* h = field_node(&c, "headers"); h != nullptr && h->is_map()) {
    for (const yaml::Entry& e : h->entries) {
      const std::string name = canonical_header(scalar_text(e.key));
      if (!headers.emplace(name, e.key).second) {
        ck.fail(e.key, kRule, "duplicate header " + go::quote(name) + " in email config");
      }
    }
  }
  if (!has_text(&c, "to")) ck.fail(&c, kRule, "missing to address in email config");
  const Node* threading = field_node(&c, "threading");
  if (is_true(field_node(threading, "enabled"))) {
    if (headers.contains("References")) {
      ck.fail(threading, kRule, "conflicting configuration: threading.enabled conflicts with custom References header");
    }
    if (headers.contains("In-Reply-To")) {
      ck.fail(threading, kRule,
              "conflicting configuration: threading.enabled conflicts with custom In-Reply-To header");
    }
    const std::string by_date = text_of(threading, "thread_by_date");
    if (by_date != "none" && by_date != "daily") {
      ck.fail(threading, kRule, "threading.thread_by_date must be either 'none' or 'daily'");
    }
  }
}

void incidentio(Checker& ck, const Node& c) {
  url_or_file(ck, c, "url", "url_file", true);
  const bool token = has_text(&c, "alert_source_token");
  const bool token_file = has_text(&c, "alert_source_token_file");
  if (token && token_file) {
    ck.fail(at(c, "alert_source_token"), kRule,
            "at most one of alert_source_token & alert_source_token_file must be configured");
  }
  const Node* http = field_node(&c, "http_config");
  if (is_present(http) && has_authorization(http) && (token || token_file)) {
    ck.fail(&c, kRule,
            "cannot specify alert_source_token or alert_source_token_file when using http_config.authorization");
  }
  if (is_present(http) && !has_authorization(http) && !token && !token_file) {
    ck.fail(
        &c, kRule,
        "at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured");
  }
}

void jira(Checker& ck, const Node& c) {
  if (!has_text(&c, "project")) ck.fail(&c, kRule, "missing project in jira_config");
  if (!has_text(&c, "issue_type")) ck.fail(&c, kRule, "missing issue_type in jira_config");
  const Node* api_type = field_node(&c, "api_type");
  const std::string type = api_type == nullptr ? "auto" : scalar_text(api_type);
  if (type != "auto" && type != "cloud" && type != "datacenter") {
    ck.fail(at(c, "api_type"), kRule, "unknown api_type on jira_config, must be auto, cloud or datacenter");
  }
}

void mattermost(Checker& ck, const Node& c) {
  if (is_present(field_node(&c, "webhook_url")) && has_text(&c, "webhook_url_file")) {
    ck.fail(at(c, "webhook_url"), kRule, "at most one of webhook_url & webhook_url_file must be configured");
  }
}

void mattermost_field(Checker& ck, const Node& c) {
  if (!has_text(&c, "title")) ck.fail(&c, kRule, "missing title in Mattermost field configuration");
  else if (!has_text(&c, "value")) ck.fail(&c, kRule, "missing value in Mattermost field configuration");
}

void opsgenie(Checker& ck, const Node& c) {
  at_most_one(ck, c, "api_key", "api_key_file", false);
  const Node* responders = field_node(&c, "responders");
  if (responders == nullptr || !responders->is_seq()) return;
  for (const Node* r : responders->items) {
    std::string type = text_of(r, "type");
    const bool templated = type.find("{{") != std::string::npos;
    if (!templated)
      std::transform(type.begin(), type.end(), type.begin(), [](unsigned char ch) { return std::tolower(ch); });
    // Go prints the struct with %v: {id name username type}.
    const std::string shown =
        "{" + text_of(r, "id") + " " + text_of(r, "name") + " " + text_of(r, "username") + " " + type + "}";
    if (!has_text(r, "id") && !has_text(r, "username") && !has_text(r, "name")) {
      ck.fail(r, kRule,
              "opsGenieConfig responder " + shown + " has to have at least one of id, username or name specified");
      continue;
    }
    if (!templated && type != "team" && type != "teams" && type != "user" && type != "escalation" &&
        type != "schedule") {
      ck.fail(r, kRule,
              "opsGenieConfig responder " + shown +
                  " type does not match valid options ^(team|teams|user|escalation|schedule)$");
    }
  }
}

void pagerduty(Checker& ck, const Node& c) {
  const bool routing = has_text(&c, "routing_key");
  const bool routing_file = has_text(&c, "routing_key_file");
  const bool service = has_text(&c, "service_key");
  const bool service_file = has_text(&c, "service_key_file");
  if (!routing && !service && !routing_file && !service_file) {
    ck.fail(&c, kRule, "missing service or routing key in PagerDuty config");
  }
  if (routing && routing_file) {
    ck.fail(at(c, "routing_key"), kRule, "at most one of routing_key & routing_key_file must be configured");
  }
  if (service && service_file) {
    ck.fail(at(c, "service_key"), kRule, "at most one of service_key & service_key_file must be configured");
  }
}

void pushover(Checker& ck, const Node& c) {
  const bool user = has_text(&c, "user_key");
  const bool user_file = has_text(&c, "user_key_file");
  const bool token = has_text(&c, "token");
  const bool token_file = has_text(&c, "token_file");
  if (!user && !user_file) ck.fail(&c, kRule, "one of user_key or user_key_file must be configured");
  if (user && user_file)
    ck.fail(at(c, "user_key"), kRule, "at most one of user_key & user_key_file must be configured");
  if (!token && !token_file) ck.fail(&c, kRule, "one of token or token_file must be configured");
  if (token && token_file) ck.fail(at(c, "token"), kRule, "at most one of token & token_file must be configured");
  if (is_true(field_node(&c, "html")) && is_true(field_node(&c, "monospace"))) {
    ck.fail(at(c, "monospace"), kRule, "at most one of monospace & html must be configured");
  }
}

void rocketchat(Checker& ck, const Node& c) {
  at_most_one(ck, c, "token", "token_file", true);
  at_most_one(ck, c, "token_id", "token_id_file", true);
}

void slack(Checker& ck, const Node& c) {
  const bool api_url = is_present(field_node(&c, "api_url"));
  const bool api_url_file = has_text(&c, "api_url_file");
  const bool token = has_text(&c, "app_token");
  const bool token_file = has_text(&c, "app_token_file");
  if (api_url && api_url_file)
    ck.fail(at(c, "api_url"), kRule, "at most one of api_url & api_url_file must be configured");
  if (token && token_file)
    ck.fail(at(c, "app_token"), kRule, "at most one of app_token & app_token_file must be configured");
  if ((api_url || api_url_file) && (token || token_file)) {
    ck.fail(&c, kRule, "at most one of api_url/api_url_file & app_token/app_token_file must be configured");
  }
  const bool bot_api = text_of(&c, "api_url") == "https://slack.com/api/chat.postMessage";
  if (is_true(field_node(&c, "update_message")) && !bot_api) {
    ck.fail(at(c, "update_message"), kRule,
            "update_message can only be used with bot tokens. api_url must be set to "
            "https://slack.com/api/chat.postMessage");
  }
  if (is_true(field_node(&c, "post_updates_to_thread")) && !bot_api) {
    ck.fail(at(c, "post_updates_to_thread"), kRule,
            "post_updates_to_thread can only be used with bot tokens. api_url must be set to "
            "https://slack.com/api/chat.postMessage");
  }
}

void slack_action(Checker& ck, const Node& c) {
  if (!has_text(&c, "url") && !has_text(&c, "name")) {
    ck.fail(&c, kRule, "missing name or url in Slack action configuration");
    return;
  }
  if (!has_text(&c, "type")) ck.fail(&c, kRule, "missing type in Slack action configuration");
  else if (!has_text(&c, "text")) ck.fail(&c, kRule, "missing text in Slack action configuration");
}

void slack_confirm(Checker& ck, const Node& c) {
  if (!has_text(&c, "text")) ck.fail(&c, kRule, "missing text in Slack confirmation configuration");
}

void slack_field(Checker& ck, const Node& c) {
  if (!has_text(&c, "title")) ck.fail(&c, kRule, "missing title in Slack field configuration");
  else if (!has_text(&c, "value")) ck.fail(&c, kRule, "missing value in Slack field configuration");
}

void sns(Checker& ck, const Node& c) {
  const bool no_target = !has_text(&c, "target_arn");
  const bool no_topic = !has_text(&c, "topic_arn");
  const bool no_phone = !has_text(&c, "phone_number");
  if (((no_target != no_topic) != no_phone)) {
    ck.fail(&c, kRule, "must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
  }
}

void telegram(Checker& ck, const Node& c) {
  at_most_one(ck, c, "bot_token", "bot_token_file", false);
  const std::string chat = text_of(&c, "chat_id");
  const bool chat_id = !chat.empty() && chat != "0";
  const bool chat_file = has_text(&c, "chat_id_file");
  if (!chat_id && !chat_file) ck.fail(&c, kRule, "missing chat_id or chat_id_file on telegram_config");
  if (chat_id && chat_file)
    ck.fail(at(c, "chat_id"), kRule, "at most one of chat_id & chat_id_file must be configured");
  const Node* mode = field_node(&c, "parse_mode");
  const std::string parse_mode = mode == nullptr ? "HTML" : scalar_text(mode);
  if (!parse_mode.empty() && parse_mode != "Markdown" && parse_mode != "MarkdownV2" && parse_mode != "HTML") {
    ck.fail(at(c, "parse_mode"), kRule,
            "unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
  }
}

void victorops(Checker& ck, const Node& c) {
  if (!has_text(&c, "routing_key")) ck.fail(&c, kRule, "missing Routing key in VictorOps config");
  at_most_one(ck, c, "api_key", "api_key_file", false);
  const Node* custom = field_node(&c, "custom_fields");
  for (const char* reserved : {"routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool",
                               "entity_id", "entity_state"}) {
    if (const Node* key = custom != nullptr && custom->is_map() ? custom->key_node(reserved) : nullptr) {
      ck.fail(key, kRule,
              "victorOps config contains custom field " + std::string(reserved) +
                  " which cannot be used as it conflicts with the fixed/static fields");
    }
  }
}

void webex(Checker& ck, const Node& c) {
  if (!has_text(&c, "room_id")) ck.fail(&c, kRule, "missing room_id on webex_config");
  const Node* http = field_node(&c, "http_config");
  if (!is_present(http) || !has_authorization(http)) {
    ck.fail(&c, kRule, "missing webex_configs.http_config.authorization");
  }
}

void wechat(Checker& ck, const Node& c) {
  const Node* type_node = field_node(&c, "message_type");
  std::string type = scalar_text(type_node);
  if (type.empty()) type = "text";
  if (type != "text" && type != "markdown") {
    ck.fail(at(c, "message_type"), kRule,
            "weChat message type " + go::quote(type) + " does not match valid options ^(text|markdown)$");
  }
  at_most_one(ck, c, "api_secret", "api_secret_file", false);
}

}  // namespace mlmon::alertmanager::validators
