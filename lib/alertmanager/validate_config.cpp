// The checks Alertmanager makes after decoding (Config.UnmarshalYAML): global secret conflicts,
// receiver defaults taken from `global`, the root route, undefined receivers and time intervals.
// Alertmanager stops at the first; these report every one, in Alertmanager's order.
#include <set>
#include <string>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/checker.hpp"
#include "alertmanager/config_checks.hpp"
#include "alertmanager/duration.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/schema.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

using yaml::Node;

// `global:` with Alertmanager's defaults (DefaultGlobalConfig): URLs with a default stay set unless
// the key is written with a null value.
class Global {
 public:
  explicit Global(const Node* map) : map_(map != nullptr && map->is_map() ? map : nullptr) {}

  bool text_set(std::string_view key) const { return has_text(map_, key); }
  bool pointer_set(std::string_view key) const { return is_present(field_node(map_, key)); }
  bool url_set(std::string_view key) const {
    const Node* n = field_node(map_, key);
    if (key == "jira_api_url") return is_present(n);
    return n == nullptr || is_present(n);
  }
  std::string text(std::string_view key) const { return text_of(map_, key); }
  const Node* node(std::string_view key) const { return field_node(map_, key); }
  const Node* key(std::string_view key) const { return map_ != nullptr ? map_->key_node(key) : nullptr; }
  const Node* http_config() const { return field_node(map_, "http_config"); }

 private:
  const Node* map_;
};

bool has_authorization(const Node* http) {
  return is_present(field_node(http, "authorization")) || has_text(http, "bearer_token") ||
         has_text(http, "bearer_token_file");
}

void check_global_conflicts(Checker& ck, const Global& g) {
  auto conflict = [&](std::string_view key, bool inline_set) {
    const std::string file = std::string(key) + "_file";
    if (inline_set && g.text_set(file)) {
      ck.report(g.key(key), Phase::Config, ids::kGlobal,
                "at most one of " + std::string(key) + " & " + file + " must be configured");
    }
  };
  conflict("slack_app_token", g.text_set("slack_app_token"));
  conflict("slack_api_url", g.pointer_set("slack_api_url"));
  const bool app_token = g.text_set("slack_app_token") || g.text_set("slack_app_token_file");
  const bool api_url = g.pointer_set("slack_api_url") || g.text_set("slack_api_url_file");
  const std::string app_url =
      g.pointer_set("slack_app_url") ? g.text("slack_app_url") : std::string("https://slack.com/api/chat.postMessage");
  if (app_token && api_url && !(g.pointer_set("slack_api_url") && g.text("slack_api_url") == app_url)) {
    ck.report(
        g.key("slack_app_token") ? g.key("slack_app_token") : g.key("slack_app_token_file"), Phase::Config,
        ids::kGlobal,
        "at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured");
  }
  conflict("opsgenie_api_key", g.text_set("opsgenie_api_key"));
  conflict("victorops_api_key", g.text_set("victorops_api_key"));
  conflict("telegram_bot_token", g.text_set("telegram_bot_token"));
  conflict("smtp_auth_password", g.text_set("smtp_auth_password"));
  conflict("rocketchat_token", g.pointer_set("rocketchat_token"));
  conflict("rocketchat_token_id", g.pointer_set("rocketchat_token_id"));
  conflict("smtp_auth_secret", g.text_set("smtp_auth_secret"));
  conflict("wechat_api_secret", g.text_set("wechat_api_secret"));
  conflict("mattermost_webhook_url", g.pointer_set("mattermost_webhook_url"));
}

// Each integration entry once `global` defaults are applied (the loop in Config.UnmarshalYAML).
// Discord and MS Teams repeat their decoders' URL check here, which can never fail after them.
void check_integration(Checker& ck, const Global& g, std::string_view kind, const Node* item) {
  auto fail = [&](const std::string& message) { ck.report(item, Phase::Config, ids::kIntegration, message); };
  const std::string name(kind.substr(0, kind.size() - std::string_view("_configs").size()));
  // A null entry: Alertmanager reports it for most integrations and reads it as {} for the rest.
  const bool empty_ok =
      kind == "slack_configs" || kind == "opsgenie_configs" || kind == "wechat_configs" || kind == "rocketchat_configs";
  if (item->is_null() && !empty_ok) {
    fail("missing " + name + " config");
    return;
  }
  const Node* c = item->is_map() ? item : nullptr;
  auto local = [&](std::string_view key) { return has_text(c, key); };
  auto local_ptr = [&](std::string_view key) { return is_present(field_node(c, key)); };
  if (kind == "email_configs") {
    if (!local("smarthost") && !g.text_set("smtp_smarthost")) return fail("no global SMTP smarthost set");
    if (!local("from") && !g.text_set("smtp_from")) return fail("no global SMTP from set");
  } else if (kind == "slack_configs") {
    if (!local_ptr("app_url") && !g.url_set("slack_app_url")) return fail("no global Slack App URL set");
    const Node* http = field_node(c, "http_config");
    bool app_token = local("app_token") || local("app_token_file");
    if (!app_token && !has_authorization(http) && !local_ptr("api_url")) {
      app_token = g.text_set("slack_app_token") || g.text_set("slack_app_token_file");
    }
    bool api_url = local_ptr("api_url") || local("api_url_file");
    if (!api_url) api_url = g.pointer_set("slack_api_url") || g.text_set("slack_api_url_file");
    if (!api_url && !app_token) return fail("no Slack API URL nor App token set either inline or in a file");
    const Node* effective_http = is_present(http) ? http : g.http_config();
    if (app_token && has_authorization(effective_http)) {
      return fail("http authorization can't be set when using Slack App tokens");
    }
  } else if (kind == "pagerduty_configs") {
    if (!local_ptr("url") && !g.url_set("pagerduty_url")) return fail("no global PagerDuty URL set");
  } else if (kind == "opsgenie_configs") {
    if (!local_ptr("api_url") && !g.url_set("opsgenie_api_url")) return fail("no global OpsGenie URL set");
    if (!local("api_key") && !g.text_set("opsgenie_api_key") && !local("api_key_file") &&
        !g.text_set("opsgenie_api_key_file")) {
      return fail("no global OpsGenie API Key set either inline or in a file");
    }
  } else if (kind == "wechat_configs") {
    if (!local_ptr("api_url") && !g.url_set("wechat_api_url")) return fail("no global Wechat URL set");
    if (!local("api_secret") && !local("api_secret_file") && !g.text_set("wechat_api_secret") &&
        !g.text_set("wechat_api_secret_file")) {
      return fail("no global Wechat Api Secret set either inline or in a file");
    }
    if (!local("corp_id") && !g.text_set("wechat_api_corp_id")) return fail("no global Wechat CorpID set");
  } else if (kind == "victorops_configs") {
    if (!local_ptr("api_url") && !g.url_set("victorops_api_url")) return fail("no global VictorOps URL set");
    if (!local("api_key") && !g.text_set("victorops_api_key") && !local("api_key_file") &&
        !g.text_set("victorops_api_key_file")) {
      return fail("no global VictorOps API Key set");
    }
  } else if (kind == "telegram_configs") {
    if (!local("bot_token") && !local("bot_token_file") && !g.text_set("telegram_bot_token") &&
        !g.text_set("telegram_bot_token_file")) {
      return fail("missing bot_token or bot_token_file on telegram_config");
    }
  } else if (kind == "webex_configs") {
    if (!local_ptr("api_url") && !g.url_set("webex_api_url")) return fail("no global Webex URL set");
  } else if (kind == "jira_configs") {
    if (!local_ptr("api_url") && !g.url_set("jira_api_url")) return fail("no global Jira Cloud URL set");
  } else if (kind == "rocketchat_configs") {
    if (!local_ptr("token_id") && !g.pointer_set("rocketchat_token_id") && !local("token_id_file") &&
        !g.text_set("rocketchat_token_id_file")) {
      return fail("no global Rocketchat TokenID set either inline or in a file");
    }
    if (!local_ptr("token") && !g.pointer_set("rocketchat_token") && !local("token_file") &&
        !g.text_set("rocketchat_token_file")) {
      return fail("no global Rocketchat Token set either inline or in a file");
    }
  } else if (kind == "mattermost_configs") {
    if (!local_ptr("webhook_url") && !local("webhook_url_file") && !g.pointer_set("mattermost_webhook_url") &&
        !g.text_set("mattermost_webhook_url_file")) {
      return fail("missing webhook_url or webhook_url_file on mattermost_config");
    }
  }
}

void check_route_receivers(Checker& ck, const Node* route, const std::set<std::string, std::less<>>& names, int depth) {
  if (route == nullptr || !route->is_map() || depth > kMaxRouteDepth) return;
  if (const Node* children = field_node(route, "routes"); children != nullptr && children->is_seq()) {
    for (const Node* child : children->items) {
      if (child->is_null()) {
        ck.report(child, Phase::Config, ids::kRoute, "empty route entry (Alertmanager crashes on it)");
        continue;
      }
      check_route_receivers(ck, child, names, depth + 1);
    }
  }
  const Node* receiver = field_node(route, "receiver");
  const std::string name = scalar_text(receiver);
  if (!name.empty() && !names.contains(name)) {
    ck.report(receiver, Phase::Config, ids::kUndefinedReceiver,
              "undefined receiver " + go::quote(name) + " used in route");
  }
}

void check_route_intervals(Checker& ck, const Node* route, const std::set<std::string, std::less<>>& names, int depth) {
  if (route == nullptr || !route->is_map() || depth > kMaxRouteDepth) return;
  if (const Node* children = field_node(route, "routes"); children != nullptr && children->is_seq()) {
    for (const Node* child : children->items) check_route_intervals(ck, child, names, depth + 1);
  }
  for (const char* key : {"active_time_intervals", "mute_time_intervals"}) {
    const Node* list = field_node(route, key);
    if (list == nullptr || !list->is_seq()) continue;
    for (const Node* item : list->items) {
      const std::string name = scalar_text(item);
      if (!names.contains(name)) {
        ck.report(item, Phase::Config, ids::kUndefinedTimeInterval,
                  "undefined time interval " + go::quote(name) + " used in route");
      }
    }
  }
}

}  // namespace

void check_config(Checker& ck, const Node& root) {
  const Global global(field_node(&root, "global"));
  check_global_conflicts(ck, global);

  std::set<std::string, std::less<>> receiver_names;
  if (const Node* receivers = field_node(&root, "receivers"); receivers != nullptr && receivers->is_seq()) {
    for (const Node* r : receivers->items) {
      if (!r->is_map()) continue;
      const std::string name = text_of(r, "name");
      if (receiver_names.contains(name)) {
        const Node* at = field_node(r, "name");
        ck.report(at != nullptr ? at : r, Phase::Config, ids::kDuplicateReceiver,
                  "notification config name " + go::quote(name) + " is not unique");
      }
      for (std::string_view kind : schema::integration_fields_in_check_order()) {
        const Node* list = field_node(r, kind);
        if (list == nullptr || !list->is_seq()) continue;
        for (const Node* item : list->items) check_integration(ck, global, kind, item);
      }
      receiver_names.insert(name);
    }
  }

  const Node* route = field_node(&root, "route");
  if (!is_present(route) || !route->is_map()) {
    if (!is_present(route)) ck.report(&root, Phase::Config, ids::kRoute, "no routes provided");
    return;
  }
  if (!has_text(route, "receiver")) {
    ck.report(route, Phase::Config, ids::kRoute, "root route must specify a default receiver");
  }
  for (const char* key : {"match", "match_re", "matchers"}) {
    if (is_nonempty_collection(field_node(route, key))) {
      ck.report(route->key_node(key), Phase::Config, ids::kRoute, "root route must not have any matchers");
      break;
    }
  }
  if (is_nonempty_collection(field_node(route, "mute_time_intervals"))) {
    ck.report(route->key_node("mute_time_intervals"), Phase::Config, ids::kRoute,
              "root route must not have any mute time intervals");
  }
  if (is_nonempty_collection(field_node(route, "active_time_intervals"))) {
    ck.report(route->key_node("active_time_intervals"), Phase::Config, ids::kRoute,
              "root route must not have any active time intervals");
  }
  check_route_receivers(ck, route, receiver_names, 0);

  std::set<std::string, std::less<>> interval_names;
  for (const auto& [section, prefix] :
       {std::pair{"mute_time_intervals", "mute time interval "}, std::pair{"time_intervals", "time interval "}}) {
    const Node* list = field_node(&root, section);
    if (list == nullptr || !list->is_seq()) continue;
    for (const Node* t : list->items) {
      if (!t->is_map()) continue;
      const std::string name = text_of(t, "name");
      if (!interval_names.insert(name).second) {
        const Node* at = field_node(t, "name");
        ck.report(at != nullptr ? at : t, Phase::Config, ids::kDuplicateTimeInterval,
                  std::string(prefix) + go::quote(name) + " is not unique");
      }
    }
  }
  check_route_intervals(ck, route, interval_names, 0);
}

}  // namespace mlmon::alertmanager
