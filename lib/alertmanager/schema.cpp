// Field tables of the newest Alertmanager configuration (config/config.go, notify/*/config.go,
// prometheus/common config, timeinterval). Type names are the ones yaml.v2 prints.
#include "alertmanager/schema.hpp"

#include "alertmanager/validators.hpp"

namespace mlmon::alertmanager::schema {

namespace {

namespace v = validators;
using K = Kind;

Field f(std::string_view name, Kind kind = K::String) { return Field{name, kind}; }
Field s(std::string_view name, StructRef type, Kind kind = K::Struct) { return Field{name, kind, type}; }
Field typed(std::string_view name, Kind kind, std::string_view go_type) { return Field{name, kind, nullptr, go_type}; }

const Field kSendResolved = f("send_resolved", K::Bool);

const Struct& tls();
const Struct& basic_auth() {
  static const Struct t{"config.plain",
                        {f("username"), f("username_file"), f("username_ref"), f("password", K::Secret),
                         f("password_file"), f("password_ref")}};
  return t;
}
const Struct& authorization() {
  static const Struct t{"config.Authorization",
                        {f("type"), f("credentials", K::Secret), f("credentials_file"), f("credentials_ref")}};
  return t;
}
const Struct& oauth2() {
  static const Struct t{"config.plain",
                        {f("client_id"),
                         f("client_secret", K::Secret),
                         f("client_secret_file"),
                         f("client_secret_ref"),
                         f("client_certificate_key_id"),
                         f("client_certificate_key", K::Secret),
                         f("client_certificate_key_file"),
                         f("client_certificate_key_ref"),
                         f("grant_type"),
                         f("signature_algorithm"),
                         f("iss"),
                         f("audience"),
                         f("claims", K::AnyMap),
                         f("scopes", K::StringList),
                         f("token_url"),
                         f("endpoint_params", K::StringMap),
                         s("tls_config", tls),
                         f("proxy_url", K::CommonUrl),
                         f("no_proxy"),
                         f("proxy_from_environment", K::Bool),
                         f("proxy_connect_header", K::ProxyHeader)}};
  return t;
}
const Struct& tls() {
  static const Struct t{
      "config.plain",
      {f("ca"), f("cert"), f("key", K::Secret), f("ca_file"), f("cert_file"), f("key_file"), f("ca_ref"), f("cert_ref"),
       f("key_ref"), f("server_name"), f("insecure_skip_verify", K::Bool), f("min_version", K::TlsVersion),
       f("max_version", K::TlsVersion), f("next_protos", K::StringList)},
      v::tls_config};
  return t;
}
const Struct& header() {
  static const Struct t{"config.Header",
                        {f("values", K::StringList), Field{"secrets", K::StringList}, f("files", K::StringList)}};
  return t;
}
const Struct& http() {
  static const Struct t{
      "config.plain",
      {s("basic_auth", basic_auth), s("authorization", authorization), s("oauth2", oauth2),
       f("bearer_token", K::Secret), f("bearer_token_file"), s("tls_config", tls), f("follow_redirects", K::Bool),
       f("enable_http2", K::Bool), f("proxy_url", K::CommonUrl), f("no_proxy"), f("proxy_from_environment", K::Bool),
       f("proxy_connect_header", K::ProxyHeader), Field{"http_headers", K::HttpHeaders, header}},
      v::http_config};
  return t;
}

const Field kHttpConfig = s("http_config", http);

// --- integrations -------------------------------------------------------------------------

const Struct& discord() {
  static const Struct t{"discord.plain",
                        {kSendResolved, kHttpConfig, f("webhook_url", K::SecretUrl), f("webhook_url_file"),
                         f("content"), f("title"), f("message"), f("username"), f("avatar_url")},
                        v::discord,
                        "[]*discord.DiscordConfig"};
  return t;
}
const Struct& email_threading() {
  static const Struct t{"email.ThreadingConfig", {f("enabled", K::Bool), f("thread_by_date")}};
  return t;
}
const Struct& email() {
  static const Struct t{
      "email.plain",
      {kSendResolved, f("to"), f("from"), f("hello"), f("smarthost", K::HostPort), f("auth_username"),
       f("auth_password", K::Secret), f("auth_password_file"), f("auth_secret", K::Secret), f("auth_secret_file"),
       f("auth_identity"), f("headers", K::StringMap), f("html"), f("text"), f("require_tls", K::Bool),
       s("tls_config", tls), f("force_implicit_tls", K::Bool), s("threading", email_threading)},
      v::email,
      "[]*email.EmailConfig"};
  return t;
}
const Struct& incidentio() {
  static const Struct t{
      "incidentio.plain",
      {kSendResolved, kHttpConfig, f("url", K::Url), f("url_file"), f("alert_source_token", K::Secret),
       f("alert_source_token_file"), f("max_alerts", K::Uint), f("timeout", K::GoDuration)},
      v::incidentio,
      "[]*incidentio.IncidentioConfig"};
  return t;
}
const Struct& jira_field() {
  static const Struct t{"jira.plain", {f("template"), f("enable_update", K::Bool)}};
  return t;
}
const Struct& jira_labels() {
  static const Struct t{"jira.plain", {f("values", K::StringList), f("enable_update", K::Bool)}};
  return t;
}
const Struct& jira() {
  static const Struct t{"jira.plain",
                        {kSendResolved, kHttpConfig, f("api_url", K::Url), f("api_type"), f("project"),
                         s("summary", jira_field, K::StringOrStruct), s("description", jira_field, K::StringOrStruct),
                         s("labels", jira_labels, K::StringListOrStruct), f("priority"), f("issue_type"),
                         f("reopen_transition"), f("resolve_transition"), f("wont_fix_resolution"),
                         f("reopen_duration", K::ModelDuration), f("fields", K::AnyMap)},
                        v::jira,
                        "[]*jira.JiraConfig"};
  return t;
}
const Struct& mattermost_field() {
  static const Struct t{"mattermost.plain",
                        {f("title"), f("value"), f("short", K::Bool)},
                        v::mattermost_field,
                        "[]*mattermost.MattermostField"};
  return t;
}
const Struct& mattermost_attachment() {
  static const Struct t{"mattermost.MattermostAttachment",
                        {f("fallback"), f("color"), f("pretext"), f("text"), f("author_name"), f("author_link"),
                         f("author_icon"), f("title"), f("title_link"), s("fields", mattermost_field, K::StructPtrList),
                         f("thumb_url"), f("footer"), f("footer_icon"), f("image_url")},
                        nullptr,
                        "[]*mattermost.MattermostAttachment"};
  return t;
}
const Struct& mattermost_props() {
  static const Struct t{"mattermost.MattermostProps", {f("card")}};
  return t;
}
const Struct& mattermost_priority() {
  static const Struct t{"mattermost.MattermostPriority",
                        {f("priority"), f("requested_ack", K::Bool), f("persistent_notifications", K::Bool)}};
  return t;
}
const Struct& mattermost() {
  static const Struct t{"mattermost.plain",
                        {kSendResolved,
                         kHttpConfig,
                         f("webhook_url", K::SecretUrl),
                         f("webhook_url_file"),
                         f("channel"),
                         f("username"),
                         f("text"),
                         f("fallback"),
                         f("color"),
                         f("pretext"),
                         f("author_name"),
                         f("author_link"),
                         f("author_icon"),
                         f("title"),
                         f("title_link"),
                         s("fields", mattermost_field, K::StructPtrList),
                         f("thumb_url"),
                         f("footer"),
                         f("footer_icon"),
                         f("image_url"),
                         f("icon_url"),
                         f("icon_emoji"),
                         s("attachments", mattermost_attachment, K::StructPtrList),
                         f("type"),
                         s("props", mattermost_props),
                         s("priority", mattermost_priority)},
                        v::mattermost,
                        "[]*mattermost.MattermostConfig"};
  return t;
}
const Struct& msteams() {
  static const Struct t{"msteams.plain",
                        {kSendResolved, kHttpConfig, f("webhook_url", K::SecretUrl), f("webhook_url_file"), f("title"),
                         f("summary"), f("text")},
                        v::msteams,
                        "[]*msteams.MSTeamsConfig"};
  return t;
}
const Struct& msteamsv2() {
  static const Struct t{
      "msteamsv2.plain",
      {kSendResolved, kHttpConfig, f("webhook_url", K::SecretUrl), f("webhook_url_file"), f("title"), f("text")},
      v::msteams,
      "[]*msteamsv2.MSTeamsV2Config"};
  return t;
}
const Struct& opsgenie_responder() {
  static const Struct t{"opsgenie.OpsGenieConfigResponder",
                        {f("id"), f("name"), f("username"), f("type")},
                        nullptr,
                        "[]opsgenie.OpsGenieConfigResponder"};
  return t;
}
const Struct& opsgenie() {
  static const Struct t{"opsgenie.plain",
                        {kSendResolved, kHttpConfig, f("api_key", K::Secret), f("api_key_file"), f("api_url", K::Url),
                         f("message"), f("description"), f("source"), f("details", K::StringMap), f("entity"),
                         s("responders", opsgenie_responder, K::StructList), f("actions"), f("tags"), f("note"),
                         f("priority"), f("update_alerts", K::Bool)},
                        v::opsgenie,
                        "[]*opsgenie.OpsGenieConfig"};
  return t;
}
const Struct& pagerduty_image() {
  static const Struct t{
      "pagerduty.PagerdutyImage", {f("src"), f("alt"), f("href")}, nullptr, "[]pagerduty.PagerdutyImage"};
  return t;
}
const Struct& pagerduty_link() {
  static const Struct t{"pagerduty.PagerdutyLink", {f("href"), f("text")}, nullptr, "[]pagerduty.PagerdutyLink"};
  return t;
}
const Struct& pagerduty() {
  static const Struct t{
      "pagerduty.plain",
      {kSendResolved, kHttpConfig, f("service_key", K::Secret), f("service_key_file"), f("routing_key", K::Secret),
       f("routing_key_file"), f("url", K::Url), f("client"), f("client_url"), f("description"), f("details", K::AnyMap),
       s("images", pagerduty_image, K::StructList), s("links", pagerduty_link, K::StructList), f("source"),
       f("severity"), f("class"), f("component"), f("group"), f("timeout", K::GoDuration)},
      v::pagerduty,
      "[]*pagerduty.PagerdutyConfig"};
  return t;
}
const Struct& pushover() {
  static const Struct t{
      "pushover.plain",
      {kSendResolved, kHttpConfig, f("user_key", K::Secret), f("user_key_file"), f("token", K::Secret), f("token_file"),
       f("title"), f("message"), f("url"), f("url_title"), f("device"), f("sound"), f("priority"),
       f("retry", K::TextDuration), f("expire", K::TextDuration), f("ttl", K::TextDuration), f("html", K::Bool),
       f("monospace", K::Bool)},
      v::pushover,
      "[]*pushover.PushoverConfig"};
  return t;
}
// Rocket.Chat's attachment structs have no yaml tags: yaml.v2 reads lower-cased Go field names.
const Struct& rocketchat_field() {
  static const Struct t{"rocketchat.RocketchatAttachmentField",
                        {f("short", K::Bool), f("title"), f("value")},
                        nullptr,
                        "[]*rocketchat.RocketchatAttachmentField"};
  return t;
}
const Struct& rocketchat_action() {
  static const Struct t{"rocketchat.RocketchatAttachmentAction",
                        {f("type"), f("text"), f("url"), f("imageurl"), f("iswebview", K::Bool),
                         f("webviewheightratio"), f("msg"), f("msginchatwindow", K::Bool), f("msgprocessingtype")},
                        nullptr,
                        "[]*rocketchat.RocketchatAttachmentAction"};
  return t;
}
const Struct& rocketchat() {
  static const Struct t{"rocketchat.plain",
                        {kSendResolved,
                         kHttpConfig,
                         f("api_url", K::Url),
                         f("token_id", K::Secret),
                         f("token_id_file"),
                         f("token", K::Secret),
                         f("token_file"),
                         f("channel"),
                         f("color"),
                         f("title"),
                         f("title_link"),
                         f("text"),
                         s("fields", rocketchat_field, K::StructPtrList),
                         f("short_fields", K::Bool),
                         f("emoji"),
                         f("icon_url"),
                         f("image_url"),
                         f("thumb_url"),
                         f("link_names", K::Bool),
                         s("actions", rocketchat_action, K::StructPtrList)},
                        v::rocketchat,
                        "[]*rocketchat.RocketchatConfig"};
  return t;
}
const Struct& slack_confirm() {
  static const Struct t{"slack.plain", {f("text"), f("title"), f("ok_text"), f("dismiss_text")}, v::slack_confirm};
  return t;
}
const Struct& slack_action() {
  static const Struct t{
      "slack.plain",
      {f("type"), f("text"), f("url"), f("style"), f("name"), f("value"), s("confirm", slack_confirm)},
      v::slack_action,
      "[]*slack.SlackAction"};
  return t;
}
const Struct& slack_field() {
  static const Struct t{
      "slack.plain", {f("title"), f("value"), f("short", K::Bool)}, v::slack_field, "[]*slack.SlackField"};
  return t;
}
const Struct& slack() {
  static const Struct t{"slack.plain",
                        {kSendResolved,
                         kHttpConfig,
                         f("api_url", K::SecretUrl),
                         f("api_url_file"),
                         f("app_token", K::Secret),
                         f("app_token_file"),
                         f("app_url", K::Url),
                         f("channel"),
                         f("username"),
                         f("color"),
                         f("title"),
                         f("title_link"),
                         f("pretext"),
                         f("text"),
                         f("message_text"),
                         s("fields", slack_field, K::StructPtrList),
                         f("short_fields", K::Bool),
                         f("footer"),
                         f("fallback"),
                         f("callback_id"),
                         f("icon_emoji"),
                         f("icon_url"),
                         f("image_url"),
                         f("thumb_url"),
                         f("link_names", K::Bool),
                         f("mrkdwn_in", K::StringList),
                         s("actions", slack_action, K::StructPtrList),
                         f("update_message", K::Bool),
                         f("post_updates_to_thread", K::Bool),
                         f("timeout", K::GoDuration)},
                        v::slack,
                        "[]*slack.SlackConfig"};
  return t;
}
const Struct& sigv4() {
  static const Struct t{"sigv4.plain",
                        {f("region"), f("access_key"), f("secret_key", K::Secret), f("profile"), f("role_arn"),
                         f("external_id"), f("use_fips_sts_endpoint", K::Bool)}};
  return t;
}
const Struct& sns() {
  static const Struct t{
      "sns.plain",
      {kSendResolved, kHttpConfig, f("api_url"), s("sigv4", sigv4), f("topic_arn"), f("phone_number"), f("target_arn"),
       f("subject"), f("message"), f("attributes", K::StringMap), f("use_aws_http_client", K::Bool)},
      v::sns,
      "[]*sns.SNSConfig"};
  return t;
}
const Struct& telegram() {
  static const Struct t{
      "telegram.plain",
      {kSendResolved, kHttpConfig, f("api_url", K::Url), f("bot_token", K::Secret), f("bot_token_file"),
       typed("chat_id", K::Int, "int64"), f("chat_id_file"), f("message_thread_id", K::Int), f("message"),
       f("disable_notifications", K::Bool), f("parse_mode"), f("timeout", K::GoDuration)},
      v::telegram,
      "[]*telegram.TelegramConfig"};
  return t;
}
const Struct& victorops() {
  static const Struct t{"victorops.plain",
                        {kSendResolved, kHttpConfig, f("api_key", K::Secret), f("api_key_file"), f("api_url", K::Url),
                         f("routing_key"), f("message_type"), f("state_message"), f("entity_display_name"),
                         f("monitoring_tool"), f("custom_fields", K::StringMap)},
                        v::victorops,
                        "[]*victorops.VictorOpsConfig"};
  return t;
}
const Struct& webex() {
  static const Struct t{"webex.plain",
                        {kSendResolved, kHttpConfig, f("api_url", K::Url), f("message"), f("room_id")},
                        v::webex,
                        "[]*webex.WebexConfig"};
  return t;
}
const Struct& webhook() {
  static const Struct t{"webhook.plain",
                        {kSendResolved, kHttpConfig, f("url", K::SecretTemplateUrl), f("url_file"),
                         f("max_alerts", K::Uint), f("timeout", K::GoDuration), f("payload", K::Any)},
                        v::webhook,
                        "[]*webhook.WebhookConfig"};
  return t;
}
const Struct& wechat() {
  static const Struct t{
      "wechat.plain",
      {kSendResolved, kHttpConfig, f("api_secret", K::Secret), f("api_secret_file"), f("corp_id"), f("message"),
       f("api_url", K::Url), f("to_user"), f("to_party"), f("to_tag"), f("agent_id"), f("message_type")},
      v::wechat,
      "[]*wechat.WechatConfig"};
  return t;
}

// --- receivers, routes, inhibition, time intervals ------------------------------------------

const Struct& receiver() {
  static const Struct t{"config.plain",
                        {f("name"),
                         f("labels", K::StringMap),
                         s("discord_configs", discord, K::StructPtrList),
                         s("email_configs", email, K::StructPtrList),
                         s("incidentio_configs", incidentio, K::StructPtrList),
                         s("pagerduty_configs", pagerduty, K::StructPtrList),
                         s("slack_configs", slack, K::StructPtrList),
                         s("webhook_configs", webhook, K::StructPtrList),
                         s("opsgenie_configs", opsgenie, K::StructPtrList),
                         s("wechat_configs", wechat, K::StructPtrList),
                         s("pushover_configs", pushover, K::StructPtrList),
                         s("victorops_configs", victorops, K::StructPtrList),
                         s("sns_configs", sns, K::StructPtrList),
                         s("telegram_configs", telegram, K::StructPtrList),
                         s("webex_configs", webex, K::StructPtrList),
                         s("msteams_configs", msteams, K::StructPtrList),
                         s("msteamsv2_configs", msteamsv2, K::StructPtrList),
                         s("jira_configs", jira, K::StructPtrList),
                         s("rocketchat_configs", rocketchat, K::StructPtrList),
                         s("mattermost_configs", mattermost, K::StructPtrList)},
                        v::receiver,
                        "[]config.Receiver"};
  return t;
}
const Struct& route() {
  static const Struct t{
      "config.plain",
      {f("receiver"), f("group_by", K::StringList), f("match", K::LabelMap), f("match_re", K::RegexMap),
       f("matchers", K::Matchers), f("mute_time_intervals", K::StringList), f("active_time_intervals", K::StringList),
       f("continue", K::Bool), s("routes", route, K::StructPtrList), f("group_wait", K::ModelDuration),
       f("group_interval", K::ModelDuration), f("repeat_interval", K::ModelDuration), f("labels", K::StringMap)},
      v::route,
      "[]*config.Route"};
  return t;
}
const Struct& inhibit_source() {
  static const Struct t{"common.InhibitRuleSource",
                        {f("matchers", K::Matchers), f("equal", K::StringList)},
                        nullptr,
                        "[]common.InhibitRuleSource"};
  return t;
}
const Struct& inhibit_rule() {
  static const Struct t{
      "common.plain",
      {f("name"), f("source_match", K::LabelMap), f("source_match_re", K::RegexMap), f("source_matchers", K::Matchers),
       s("sources", inhibit_source, K::StructList), f("target_match", K::LabelMap), f("target_match_re", K::RegexMap),
       f("target_matchers", K::Matchers), f("equal", K::StringList)},
      v::inhibit_rule,
      "[]config.InhibitRule"};
  return t;
}
const Struct& time_range() {
  static const Struct t{
      "timeinterval.yamlTimeRange", {f("start_time"), f("end_time")}, v::time_range, "[]timeinterval.TimeRange"};
  return t;
}
const Struct& time_interval_spec() {
  static const Struct t{
      "timeinterval.TimeInterval",
      {s("times", time_range, K::StructList), f("weekdays", K::StringList), f("days_of_month", K::StringList),
       f("months", K::StringList), f("years", K::StringList), f("location")},
      v::time_interval_spec,
      "[]timeinterval.TimeInterval"};
  return t;
}
const Struct& time_interval() {
  static const Struct t{"config.plain",
                        {f("name"), s("time_intervals", time_interval_spec, K::StructList)},
                        v::time_interval,
                        "[]config.TimeInterval"};
  return t;
}
const Struct& mute_time_interval() {
  static const Struct t{"config.plain",
                        {f("name"), s("time_intervals", time_interval_spec, K::StructList)},
                        v::mute_time_interval,
                        "[]config.MuteTimeInterval"};
  return t;
}
const Struct& tracing() {
  static const Struct t{
      "tracing.plain",
      {f("client_type"), f("endpoint"), f("sampling_fraction", K::Float), f("insecure", K::Bool), s("tls_config", tls),
       f("headers", K::StringMap), f("compression"), f("timeout", K::ModelDuration)}};
  return t;
}
const Struct& global() {
  static const Struct t{"config.plain",
                        {f("resolve_timeout", K::ModelDuration),
                         kHttpConfig,
                         f("jira_api_url", K::Url),
                         f("smtp_from"),
                         f("smtp_hello"),
                         f("smtp_smarthost", K::HostPort),
                         f("smtp_auth_username"),
                         f("smtp_auth_password", K::Secret),
                         f("smtp_auth_password_file"),
                         f("smtp_auth_secret", K::Secret),
                         f("smtp_auth_secret_file"),
                         f("smtp_auth_identity"),
                         f("smtp_require_tls", K::Bool),
                         s("smtp_tls_config", tls),
                         f("smtp_force_implicit_tls", K::Bool),
                         f("slack_api_url", K::SecretUrl),
                         f("slack_api_url_file"),
                         f("slack_app_token", K::Secret),
                         f("slack_app_token_file"),
                         f("slack_app_url", K::Url),
                         f("pagerduty_url", K::Url),
                         f("opsgenie_api_url", K::Url),
                         f("opsgenie_api_key", K::Secret),
                         f("opsgenie_api_key_file"),
                         f("wechat_api_url", K::Url),
                         f("wechat_api_secret", K::Secret),
                         f("wechat_api_secret_file"),
                         f("wechat_api_corp_id"),
                         f("victorops_api_url", K::Url),
                         f("victorops_api_key", K::Secret),
                         f("victorops_api_key_file"),
                         f("telegram_api_url", K::Url),
                         f("telegram_bot_token", K::Secret),
                         f("telegram_bot_token_file"),
                         f("webex_api_url", K::Url),
                         f("rocketchat_api_url", K::Url),
                         f("rocketchat_token", K::Secret),
                         f("rocketchat_token_file"),
                         f("rocketchat_token_id", K::Secret),
                         f("rocketchat_token_id_file"),
                         f("mattermost_webhook_url", K::SecretUrl),
                         f("mattermost_webhook_url_file")}};
  return t;
}

}  // namespace

const Struct& http_config() { return http(); }

const Struct& config() {
  static const Struct t{"config.plain",
                        {s("global", global), s("route", route), s("inhibit_rules", inhibit_rule, K::StructList),
                         s("receivers", receiver, K::StructList), f("templates", K::StringList),
                         s("mute_time_intervals", mute_time_interval, K::StructList),
                         s("time_intervals", time_interval, K::StructList), s("tracing", tracing)}};
  return t;
}

const Field* Struct::find(std::string_view name) const {
  for (const Field& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const std::vector<std::string_view>& integration_fields_in_check_order() {
  static const std::vector<std::string_view> order{
      "webhook_configs",    "email_configs",      "slack_configs",     "pushover_configs",  "pagerduty_configs",
      "incidentio_configs", "opsgenie_configs",   "wechat_configs",    "victorops_configs", "sns_configs",
      "telegram_configs",   "discord_configs",    "webex_configs",     "msteams_configs",   "msteamsv2_configs",
      "jira_configs",       "rocketchat_configs", "mattermost_configs"};
  return order;
}

}  // namespace mlmon::alertmanager::schema
