// Every validation Alertmanager makes, in its newest words, each with its position; all problems
// of a file at once; and what amtool would print as its single error.
#include <doctest/doctest.h>

#include <deque>

#include "alertmanager/checker.hpp"
#include "test_support.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;
using namespace mlmon::alertmanager::testing;

namespace {

// The errors only, "line:col: message".
std::string errors(std::string_view yaml) {
  const LoadedConfig loaded = load_text(yaml);
  std::string out;
  for (const std::string& line : [&] {
         std::vector<std::string> lines;
         std::string text = findings_text(loaded, false);
         for (std::size_t start = 0; start < text.size();) {
           const std::size_t nl = text.find('\n', start);
           lines.push_back(text.substr(start, nl - start));
           start = nl + 1;
         }
         return lines;
       }()) {
    const std::size_t rule = line.rfind(" [");
    std::string shortened = line.substr(0, rule);
    shortened.replace(shortened.find(": error: "), 9, ": ");
    out += shortened + "\n";
  }
  return out;
}

std::string first(std::string_view yaml) { return load_text(yaml).amtool_error(); }

constexpr std::string_view kHead = "route:\n  receiver: r\nreceivers:\n- name: r\n";

std::string with_receiver(std::string_view integrations) { return std::string(kHead) + std::string(integrations); }

}  // namespace

TEST_CASE("structure and root route") {
  CHECK(errors("") == "0:0: no route provided in config\n");
  CHECK(errors("  \n\n") == "0:0: no route provided in config\n");
  CHECK(errors("receivers:\n- name: a\n") == "1:1: no routes provided\n");
  CHECK(errors("route:\n  group_by: [a]\n") == "2:3: root route must specify a default receiver\n");
  CHECK(errors("route:\n  receiver: a\n  matchers: [x=\"y\"]\nreceivers: [{name: a}]\n") ==
        "3:3: root route must not have any matchers\n");
  CHECK(errors("route:\n  receiver: a\n  continue: true\nreceivers: [{name: a}]\n") ==
        "3:3: cannot have continue in root route\n");
  CHECK(errors("route:\n  receiver: a\n  mute_time_intervals: [t]\n  active_time_intervals: [t]\nreceivers: "
               "[{name: a}]\ntime_intervals: [{name: t}]\n") ==
        "3:3: root route must not have any mute time intervals\n4:3: root route must not have any active time "
        "intervals\n");
  CHECK(errors("BAD\n") == "1:1: cannot unmarshal !!str `BAD` into config.plain\n");
}

TEST_CASE("receivers: undefined, duplicate, unnamed") {
  CHECK(errors("route:\n  receiver: a\n  routes:\n  - receiver: b\n    routes:\n    - receiver: team-X\n"
               "receivers:\n- name: a\n- name: a\n- name: ''\n") ==
        "4:15: undefined receiver \"b\" used in route\n"
        "6:17: undefined receiver \"team-X\" used in route\n"
        "9:9: notification config name \"a\" is not unique\n"
        "10:9: missing name in receiver\n");
  // Alertmanager checks children first: the deepest undefined receiver is its single error.
  CHECK(first("route:\n  receiver: b\n  routes:\n  - receiver: c\nreceivers: [{name: a}]\n") ==
        "undefined receiver \"c\" used in route");
  // A receiver without integrations is a valid blackhole.
  CHECK(errors("route: {receiver: a}\nreceivers: [{name: a}]\n").empty());
}

TEST_CASE("unknown fields, duplicate keys and wrong types, in yaml.v2's words") {
  CHECK(errors("route: {receiver: a}\nrecievers: [{name: a}]\n") ==
        "1:19: undefined receiver \"a\" used in route\n2:1: field recievers not found in type config.plain\n");
  CHECK(first("route: {receiver: a}\nreceivers:\n- name: a\n  opsgenie_configs:\n  - api_key: k\n    teams: x\n") ==
        "yaml: unmarshal errors:\n  line 6: field teams not found in type opsgenie.plain");
  CHECK(errors("route:\n  receiver: a\n  receiver: b\nreceivers: [{name: a}]\n") ==
        "3:3: field receiver already set in type config.plain\n");
  CHECK(errors("route:\n  receiver: a\n  group_by: alertname\nreceivers: [{name: a}]\n") ==
        "3:13: cannot unmarshal !!str `alertname` into []string\n");
  CHECK(
      errors("route:\n  receiver: a\n  routes:\n  - receiver: a\n    continue: yes please\nreceivers: [{name: a}]\n") ==
      "5:15: cannot unmarshal !!str `yes please` into bool\n");
  CHECK(
      errors(
          "route:\n  receiver: a\n  routes:\n  - receiver: a\n    matchers: severity=\"critical\"\nreceivers: [{name: "
          "a}]\n") == "5:15: cannot unmarshal !!str `severit...` into []string\n");
  CHECK(errors(with_receiver("  telegram_configs:\n  - bot_token: t\n    chat_id: ${TELEGRAM_ADMIN}\n")) ==
        "7:14: cannot unmarshal !!str `${TELEG...` into int64\n");
  // yaml.v2 collects them all into one error.
  CHECK(first("route: {receiver: a}\nreceivers: [{name: a}]\nbogus: 1\nglobal: {smtp_hello: [x], other: 2}\n") ==
        "yaml: unmarshal errors:\n  line 3: field bogus not found in type config.plain\n  line 4: cannot unmarshal "
        "!!seq into string\n  line 4: field other not found in type config.plain");
}

TEST_CASE("amtool's single error: a validator error wins over queued unknown fields") {
  const std::string yaml =
      "route: {receiver: a}\nbogus: 1\nreceivers:\n- name: a\n  webhook_configs:\n  - send_resolved: true\n";
  CHECK(first(yaml) == "one of url or url_file must be configured");
  CHECK(errors(yaml) ==
        "2:1: field bogus not found in type config.plain\n6:5: one of url or url_file must be configured\n");
  // A struct with a type error of its own does not run its validator (Alertmanager would not).
  CHECK(first("route: {receiver: a}\nreceivers:\n- name: a\n  webhook_configs:\n  - max_alerts: many\n") ==
        "yaml: unmarshal errors:\n  line 5: cannot unmarshal !!str `many` into uint64");
}

TEST_CASE("group_by, durations and route timers") {
  CHECK(errors("route:\n  receiver: a\n  group_by: ['...', alertname, alertname, '']\nreceivers: [{name: a}]\n") ==
        "3:13: cannot have wildcard group_by (`...`) and other labels at the same time\n"
        "3:32: duplicated label \"alertname\" in group_by\n"
        "3:43: invalid label name \"\" in group_by list\n");
  CHECK(
      errors("route:\n  receiver: a\n  group_interval: 0s\n  repeat_interval: 0m\n  group_wait: 0\nreceivers: [{name: "
             "a}]\n") == "3:19: group_interval cannot be zero\n4:20: repeat_interval cannot be zero\n");
  CHECK(errors("route:\n  receiver: a\n  group_wait: 30 seconds\n  group_interval: -5m\n  repeat_interval: "
               "''\nreceivers: [{name: a}]\n") ==
        "3:15: unknown unit \" seconds\" in duration \"30 seconds\"\n4:19: not a valid duration string: \"-5m\"\n"
        "5:20: empty duration string\n");
  CHECK(errors("route:\n  receiver: a\n  repeat_interval: 2562048h\nreceivers: [{name: a}]\n") ==
        "3:20: duration out of range\n");
  CHECK(errors("route: {receiver: a, group_by: [service.name]}\nreceivers: [{name: a}]\n").empty());
}

TEST_CASE("matchers in routes and inhibit rules") {
  const auto route_with = [](std::string_view child) {
    return "route:\n  receiver: a\n  routes:\n  - receiver: a\n" + std::string(child) + "receivers: [{name: a}]\n";
  };
  CHECK(errors(route_with("    match: {1bad: x}\n")) == "5:13: invalid label name \"1bad\"\n");
  CHECK(errors(route_with("    match_re: {bad-name: x}\n")) == "5:16: invalid label name \"bad-name\"\n");
  CHECK(errors(route_with("    match_re: {service: '^(foo|bar'}\n")) ==
        "5:25: error parsing regexp: missing closing ): `^(?:^(foo|bar)$`\n");
  CHECK(errors(route_with("    match_re: {service: }\n")) == "5:24: invalid regexp value for \"service\"\n");
  CHECK(errors(route_with("    matchers: [severity]\n")) == "5:16: bad matcher format: severity\n");
  CHECK(errors(route_with("    matchers: ['foo=\"bar\"baz\"']\n")) ==
        "5:16: matcher value contains unescaped double quote: \"bar\"baz\"\n");
  CHECK(errors(route_with("    matchers: ['x=~\"(foo\"']\n")) ==
        "5:16: error parsing regexp: missing closing ): `^(?:(foo)$`\n");
  CHECK(errors(route_with("    matchers: ['\"service.name\"=\"foo\"', '{foo=\"bar\", baz=~\"q.*\"}']\n")).empty());
  // Accepted only by the classic parser: not an error, but recorded with the UTF-8 form to write
  // instead, for the lint alertmanager/classic-matcher (lint_test.cpp).
  const LoadedConfig classic = load_text(route_with("    matchers: ['foo=~bar=baz']\n"));
  CHECK(findings_text(classic).empty());
  REQUIRE(classic.classic_matchers.size() == 1);
  CHECK(classic.classic_matchers.front().item->pos().line == 5);
  CHECK(classic.classic_matchers.front().item->pos().col == 16);
  CHECK(classic.classic_matchers.front().hint == "write it as 'foo=~\"bar=baz\"' (values double-quoted)");

  CHECK(errors("route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules:\n- source_match: {1abc: x}\n  "
               "source_match_re: {s: '[crit'}\n  equal: ['']\n") ==
        "4:18: invalid label name \"1abc\"\n5:24: error parsing regexp: missing closing ]: `[crit)$`\n"
        "6:11: invalid label name \"\" in equal list\n");
  CHECK(errors("route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules:\n- {}\n- equal: [bad-label]\n").empty());
  CHECK(errors(
            "route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules:\n- sources: [{matchers: [a=\"\"]}]\n  equal: "
            "[x]\n") ==
        "4:12: sources cannot be combined with source_match, source_match_re, source_matchers, or equal\n"
        "4:13: source 0: at least one matcher must not match the empty string\n");
}

TEST_CASE("the routing model has every route's matchers, whether its text recurs or not") {
  // The model takes each item's parsed matchers from the decoder's cache: moved out for the last
  // item with a text, copied for the others. A text recurring across routes and inhibit rules, a
  // unique one, an item decoding could not read, and an item written twice in one route.
  const LoadedConfig loaded = load_text(
      "route:\n  receiver: a\n  routes:\n"
      "  - {receiver: a, matchers: [severity=\"critical\", 'team=~\"a.*\"']}\n"
      "  - {receiver: a, matchers: [severity=\"critical\", team=b, team=b]}\n"
      "  - {receiver: a, matchers: [severity=\"critical\", 'bad=\"']}\n"
      "  - {receiver: a, matchers: ['severity=\"critical\"'], routes: [{receiver: a, matchers: [team=b]}]}\n"
      "receivers: [{name: a}]\n"
      "inhibit_rules:\n- {source_matchers: [severity=\"critical\"], target_matchers: [team=b], equal: [x]}\n");
  const std::vector<Route>& routes = loaded.config.route.routes;
  REQUIRE(routes.size() == 4);
  CHECK(to_string(routes[0].matchers) == "{severity=\"critical\",team=~\"a.*\"}");
  CHECK(to_string(routes[1].matchers) == "{severity=\"critical\",team=\"b\",team=\"b\"}");
  CHECK(to_string(routes[2].matchers) == "{severity=\"critical\"}");
  CHECK(to_string(routes[3].matchers) == "{severity=\"critical\"}");
  REQUIRE(routes[3].routes.size() == 1);
  CHECK(to_string(routes[3].routes[0].matchers) == "{team=\"b\"}");
  REQUIRE(loaded.config.inhibit_rules.size() == 1);
  CHECK(to_string(loaded.config.inhibit_rules[0].source) == "{severity=\"critical\"}");
  CHECK(to_string(loaded.config.inhibit_rules[0].target) == "{team=\"b\"}");
  // The regex survives the move: the route still matches by it.
  CHECK(matches(routes[0].matchers, LabelSet{{"severity", "critical"}, {"team", "alpha"}}));
  CHECK(!matches(routes[0].matchers, LabelSet{{"severity", "critical"}, {"team", "beta"}}));
}

TEST_CASE("time intervals") {
  const std::string yaml =
      "route:\n  receiver: a\n  routes:\n  - receiver: a\n    mute_time_intervals: [offhours, nope]\n"
      "receivers: [{name: a}]\n"
      "mute_time_intervals:\n- name: offhours\n- name: offhours\n- time_intervals: []\n"
      "time_intervals:\n- name: offhours\n- name: t\n  time_intervals:\n"
      "  - weekdays: [funday, 'monday:tuesday:friday', 'friday:monday', 'Monday:FRIDAY']\n"
      "    times: [{start_time: '9:00', end_time: '10:00'}, {start_time: '10:00'}, {start_time: '11:00', end_time: "
      "'10:00'}, {start_time: '00:00', end_time: '24:00'}]\n"
      "    months: [smarch, 'december:january', '13']\n"
      "    days_of_month: [0, '-3:5', '20:10', first, '-1']\n"
      "    years: ['2030:2020']\n"
      "    location: Mars/Olympus_Mons\n";
  CHECK(errors(yaml) ==
        "5:37: undefined time interval \"nope\" used in route\n"
        "9:9: mute time interval \"offhours\" is not unique\n"
        "10:3: missing name in mute time interval\n"
        "12:9: time interval \"offhours\" is not unique\n"
        "15:16: funday is not a valid weekday\n"
        "15:24: couldn't parse range monday:tuesday:friday, invalid format\n"
        "15:49: start day cannot be before end day\n"
        "16:26: couldn't parse timestamp 9:00, invalid format\n"
        "16:54: both start and end times must be provided\n"
        "16:77: start time cannot be equal or greater than end time\n"
        "17:14: smarch is not a valid month\n"
        "17:22: end month january is before start month december\n"
        "18:21: 0 is not a valid day of the month: out of range\n"
        "18:24: end day must be negative if start day is negative\n"
        "18:32: end day 10 is always before start day 20\n"
        "18:41: strconv.Atoi: parsing \"first\": invalid syntax\n"
        "19:13: end year 2020 is before start year 2030\n"
        "20:15: unknown time zone Mars/Olympus_Mons\n");
  CHECK(
      errors("route: {receiver: a}\nreceivers: [{name: a}]\ntime_intervals:\n- name: ''\n  time_intervals: [{location: "
             "Europe/Berlin}]\n") == "4:3: missing name in time interval\n");
}

TEST_CASE("global defaults and secret conflicts") {
  CHECK(errors("global:\n  smtp_auth_password: a\n  smtp_auth_password_file: f\n  slack_api_url: http://x.example/\n"
               "  slack_api_url_file: f\n  opsgenie_api_key: k\n  opsgenie_api_key_file: f\n"
               "route: {receiver: a}\nreceivers: [{name: a}]\n") ==
        "2:3: at most one of smtp_auth_password & smtp_auth_password_file must be configured\n"
        "4:3: at most one of slack_api_url & slack_api_url_file must be configured\n"
        "6:3: at most one of opsgenie_api_key & opsgenie_api_key_file must be configured\n");
  CHECK(errors(with_receiver("  email_configs:\n  - to: a@example.com\n")) == "6:5: no global SMTP smarthost set\n");
  CHECK(errors("global: {smtp_smarthost: 'smtp.example.com:25'}\n" + with_receiver("  email_configs:\n  - to: "
                                                                                   "a@example.com\n")) ==
        "7:5: no global SMTP from set\n");
  CHECK(errors(with_receiver("  opsgenie_configs:\n  - message: m\n")) ==
        "6:5: no global OpsGenie API Key set either inline or in a file\n");
  CHECK(errors("global: {pagerduty_url: }\n" + with_receiver("  pagerduty_configs:\n  - routing_key: k\n")) ==
        "7:5: no global PagerDuty URL set\n");
  CHECK(errors(with_receiver("  jira_configs:\n  - {project: P, issue_type: Bug}\n")) ==
        "6:5: no global Jira Cloud URL set\n");
  CHECK(errors(with_receiver("  wechat_configs:\n  - api_secret: s\n")) == "6:5: no global Wechat CorpID set\n");
}

TEST_CASE("integrations: each validation") {
  const auto one = [](std::string_view integration) { return errors(with_receiver(integration)); };
  CHECK(one("  email_configs:\n  - to: ''\n    smarthost: 'smtp.example.com:'\n    from: a@b.c\n") ==
        "6:5: missing to address in email config\n7:16: address \"smtp.example.com:\": port cannot be empty\n");
  CHECK(one("  email_configs:\n  - to: a@b.c\n    from: a@b.c\n    smarthost: h:25\n    headers: {subject: a, Subject: "
            "b}\n    threading: {enabled: true, thread_by_date: weekly}\n") ==
        "9:27: duplicate header \"Subject\" in email config\n10:16: threading.thread_by_date must be either 'none' or "
        "'daily'\n");
  CHECK(one("  webhook_configs:\n  - url: http://a.example/\n    url_file: f\n") ==
        "6:10: at most one of url & url_file must be configured\n");
  CHECK(one("  webhook_configs:\n  - url: http://${WEBHOOK_HOST}:8080/hook\n") ==
        "6:10: invalid URL: parse \"<secret>\": invalid character \"{\" in host name\n");
  CHECK(one("  pagerduty_configs:\n  - description: d\n") ==
        "6:5: missing service or routing key in PagerDuty config\n");
  CHECK(one("  pagerduty_configs:\n  - routing_key: k\n    routing_key_file: f\n") ==
        "6:18: at most one of routing_key & routing_key_file must be configured\n");
  CHECK(one("  opsgenie_configs:\n  - api_key: k\n    responders: [{type: team}, {name: x, type: robot}]\n") ==
        "7:18: opsGenieConfig responder {   team} has to have at least one of id, username or name specified\n"
        "7:32: opsGenieConfig responder { x  robot} type does not match valid options "
        "^(team|teams|user|escalation|schedule)$\n");
  CHECK(one("  victorops_configs:\n  - api_key: k\n    routing_key: r\n    custom_fields: {entity_state: x}\n") ==
        "8:21: victorOps config contains custom field entity_state which cannot be used as it conflicts with the "
        "fixed/static fields\n");
  CHECK(one("  victorops_configs:\n  - api_key: k\n") == "6:5: missing Routing key in VictorOps config\n");
  CHECK(one("  pushover_configs:\n  - html: true\n    monospace: true\n") ==
        "6:5: one of token or token_file must be configured\n6:5: one of user_key or user_key_file must be configured\n"
        "7:16: at most one of monospace & html must be configured\n");
  CHECK(one("  wechat_configs:\n  - {api_secret: s, corp_id: c, message_type: html}\n") ==
        "6:47: weChat message type \"html\" does not match valid options ^(text|markdown)$\n");
  CHECK(one("  telegram_configs:\n  - {bot_token: t, chat_id: 1, parse_mode: md}\n") ==
        "6:44: unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string\n");
  CHECK(one("  telegram_configs:\n  - bot_token: t\n") == "6:5: missing chat_id or chat_id_file on telegram_config\n");
  CHECK(one("  sns_configs:\n  - topic_arn: a\n    phone_number: p\n") ==
        "6:5: must provide either a Target ARN, Topic ARN, or Phone Number for SNS config\n");
  CHECK(one("  discord_configs:\n  - content: c\n") ==
        "6:5: one of webhook_url or webhook_url_file must be configured\n");
  CHECK(one("  webex_configs:\n  - message: m\n") ==
        "6:5: missing room_id on webex_config\n6:5: missing webex_configs.http_config.authorization\n");
  CHECK(one("  msteams_configs:\n  - title: t\n") ==
        "6:5: one of webhook_url or webhook_url_file must be configured\n");
  CHECK(one("  jira_configs:\n  - {api_url: 'https://j.example', api_type: server}\n") ==
        "6:5: missing issue_type in jira_config\n6:5: missing project in jira_config\n"
        "6:46: unknown api_type on jira_config, must be auto, cloud or datacenter\n");
  CHECK(one("  incidentio_configs:\n  - url: 'https://i.example'\n    http_config: {}\n") ==
        "6:5: at least one of alert_source_token, alert_source_token_file or http_config.authorization must be "
        "configured\n");
  CHECK(one("  slack_configs:\n  - api_url: https://hooks.slack.com/x\n    actions: [{text: t}, {type: button, url: "
            "u}]\n    fields: [{title: t}]\n") ==
        "7:15: missing name or url in Slack action configuration\n7:26: missing text in Slack action configuration\n"
        "8:14: missing value in Slack field configuration\n");
  CHECK(one("  mattermost_configs:\n  - webhook_url: https://m.example/h\n    webhook_url_file: f\n") ==
        "6:18: at most one of webhook_url & webhook_url_file must be configured\n");
}

TEST_CASE("null list entries never crash: Alertmanager's words for each integration") {
  CHECK(errors(with_receiver("  webhook_configs:\n  -\n  email_configs:\n  -\n")) ==
        "6:4: missing webhook config\n8:4: missing email config\n");
  // Null slack, opsgenie, wechat and rocketchat entries read as {} and hit the global checks.
  CHECK(errors(with_receiver("  slack_configs:\n  -\n")) ==
        "6:4: no Slack API URL nor App token set either inline or in a file\n");
  CHECK(
      errors(
          "route:\n  receiver: a\n  routes:\n  -\nreceivers:\n-\n- name: a\ninhibit_rules:\n-\ntime_intervals:\n-\n") ==
      "4:4: empty route entry (Alertmanager crashes on it)\n");
  CHECK(errors("route: []\nglobal: 5\n") ==
        "1:8: cannot unmarshal !!seq into config.plain\n2:9: cannot unmarshal !!int `5` into config.plain\n");
}

TEST_CASE("http_config and tls_config") {
  const auto http = [](std::string_view settings) {
    return errors(
        with_receiver("  webhook_configs:\n  - url: http://a.example/\n    http_config:\n" + std::string(settings)));
  };
  CHECK(http("      basic_auth: {username: u, password: p}\n      bearer_token: t\n") ==
        "8:7: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured\n");
  CHECK(http("      authorization: {type: Basic, credentials: c}\n") ==
        "8:29: authorization type cannot be set to \"basic\", use \"basic_auth\" instead\n");
  CHECK(http("      basic_auth: {username: u, password: p, password_file: f}\n") ==
        "8:19: at most one of basic_auth password, password_file & password_ref must be configured\n");
  CHECK(http("      proxy_url: '::not a url'\n") == "8:18: parse \"::not a url\": missing protocol scheme\n");
  CHECK(http("      follow_redirects: maybe\n") == "8:25: cannot unmarshal !!str `maybe` into bool\n");
  CHECK(http("      tls_config: {min_version: TLS99, cert_file: c}\n") ==
        "8:19: exactly one of key or key_file must be configured when a client certificate is configured\n"
        "8:33: unknown TLS version: TLS99\n");
  CHECK(http("      insecure_skip_verify: true\n") ==
        "8:7: field insecure_skip_verify not found in type config.plain\n");
  CHECK(http("      oauth2: {client_secret: s}\n") ==
        "8:15: oauth2 client_id must be configured\n8:15: oauth2 token_url must be configured\n");
  CHECK(http("      proxy_from_environment: true\n      no_proxy: x\n") ==
        "9:17: if no_proxy is configured, proxy_url must also be configured\n"
        "9:17: if proxy_from_environment is configured, no_proxy must not be configured\n");
}

TEST_CASE("URLs: Alertmanager's checks, and secrets never shown") {
  CHECK(errors("global:\n  slack_api_url: '${SLACK_WEBHOOK_URL}'\nroute: {receiver: a}\nreceivers: [{name: a}]\n") ==
        "2:18: unsupported scheme \"\" for URL\n");
  CHECK(errors("global:\n  pagerduty_url: ftp://x.example\nroute: {receiver: a}\nreceivers: [{name: a}]\n") ==
        "2:18: unsupported scheme \"ftp\" for URL\n");
  CHECK(errors("global:\n  opsgenie_api_url: 'https://'\nroute: {receiver: a}\nreceivers: [{name: a}]\n") ==
        "2:21: missing host for URL\n");
  // A secret URL that does not parse: the message names the problem, never the value.
  const LoadedConfig loaded = load_text(
      "global:\n  slack_api_url: 'https://hooks.{slack}.com/services/T0/B0/s3cr3tT0ken'\nroute: {receiver: "
      "a}\nreceivers: [{name: a}]\n");
  CHECK(findings_text(loaded, false) ==
        "2:18: error: parse \"<secret>\": invalid character \"{\" in host name [alertmanager/url]\n");
  CHECK(loaded.redacted_source()->line_text(2) ==
        "  slack_api_url: ******************************************************");
}

TEST_CASE("every problem of a file at once") {
  const std::string yaml =
      "global:\n  smtp_smarthost: smtp.example.com\n  bogus_field: 1\nroute:\n  receiver: team-X\n"
      "  group_interval: 0s\n  routes:\n  - receiver: nobody\nreceivers:\n- name: team-X\n  webhook_configs:\n  -\n"
      "- name: team-X\n";
  CHECK(
      errors(yaml) ==
      "2:19: address smtp.example.com: missing port in address\n3:3: field bogus_field not found in type config.plain\n"
      "6:19: group_interval cannot be zero\n8:15: undefined receiver \"nobody\" used in route\n"
      "12:4: missing webhook config\n13:9: notification config name \"team-X\" is not unique\n");
  CHECK(first(yaml) == "address smtp.example.com: missing port in address");
}

TEST_CASE("bad input never crashes or hangs") {
  CHECK(first(std::string("\x00\x01\x02\xff\xfe binary", 12)).starts_with("yaml: line"));
  // Ten megabytes of receivers.
  std::string big = "route: {receiver: r0}\nreceivers:\n";
  for (int i = 0; big.size() < 10'000'000; ++i)
    big += "- name: r" + std::to_string(i) + "\n  webhook_configs: [{url: 'http://h.example/'}]\n";
  const LoadedConfig large = load_text(big);
  CHECK_FALSE(large.has_errors());
  CHECK(large.config.receivers.size() > 100'000);
  // Routes nested far deeper than anyone writes: followed to a fixed depth; beyond what the YAML
  // loader accepts, refused there.
  // (The lint alertmanager/route-depth says where the model stops: lint_test.cpp.)
  const LoadedConfig deep = load_text(nested_routes(200));
  CHECK(findings_text(deep).empty());
  const Route* last = &deep.config.route;
  int depth = 0;
  for (; !last->routes.empty(); ++depth) last = &last->routes.front();
  CHECK(depth == kMaxRouteDepth);
  CHECK(load_text(nested_routes(5000)).amtool_error().find("nested too deeply") != std::string::npos);
  // Exponential aliases are refused, not expanded.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  CHECK_FALSE(load_text(bomb).amtool_error().empty());
}

// The tests above compare messages; these pin the check id each finding carries, one input per id.
TEST_CASE("each validation's finding carries its own check id") {
  const auto found = [](std::string_view yaml) { return findings_text(load_text(yaml), false); };
  CHECK(found("route: {receiver: a}\nreceivers: [{name: a}]\nbogus: 1\n") ==
        "3:1: error: field bogus not found in type config.plain [alertmanager/unknown-field]\n");
  CHECK(found("route:\n  receiver: a\n  receiver: b\nreceivers: [{name: a}]\n") ==
        "3:3: error: field receiver already set in type config.plain [alertmanager/duplicate-field]\n");
  CHECK(found("route:\n  receiver: a\n  group_by: alertname\nreceivers: [{name: a}]\n") ==
        "3:13: error: cannot unmarshal !!str `alertname` into []string [alertmanager/type-error]\n");
  CHECK(found("route: {receiver: a}\nreceivers:\n- name: a\n- name: a\n") ==
        "4:9: error: notification config name \"a\" is not unique [alertmanager/duplicate-receiver]\n");
  CHECK(found("route: {receiver: a}\nreceivers:\n- name: a\n- name: ''\n") ==
        "4:9: error: missing name in receiver [alertmanager/receiver]\n");
  CHECK(found("route: {receiver: a}\nreceivers: [{name: a}]\ntime_intervals:\n- name: t\n- name: t\n") ==
        "5:9: error: time interval \"t\" is not unique [alertmanager/duplicate-time-interval]\n");
  CHECK(found("route:\n  receiver: a\n  routes:\n  - receiver: a\n    mute_time_intervals: [nope]\nreceivers: [{name: "
              "a}]\n") ==
        "5:27: error: undefined time interval \"nope\" used in route [alertmanager/undefined-time-interval]\n");
  CHECK(found("route: {receiver: a}\nreceivers: [{name: a}]\ntime_intervals:\n- name: ''\n") ==
        "4:3: error: missing name in time interval [alertmanager/time-interval]\n");
  CHECK(found("global:\n  smtp_auth_password: a\n  smtp_auth_password_file: f\n" + std::string(kHead)) ==
        "2:3: error: at most one of smtp_auth_password & smtp_auth_password_file must be configured "
        "[alertmanager/global]\n");
  CHECK(found("route:\n  receiver: a\n  group_by: [alertname, alertname]\nreceivers: [{name: a}]\n") ==
        "3:25: error: duplicated label \"alertname\" in group_by [alertmanager/group-by]\n");
  CHECK(found(with_receiver("  webhook_configs:\n  - url: http://a.example/\n    http_config:\n"
                            "      basic_auth: {username: u, password: p}\n      bearer_token: t\n")) ==
        "8:7: error: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured "
        "[alertmanager/http-config]\n");
  CHECK(found(with_receiver("  webhook_configs:\n  - url: http://a.example/\n    http_config:\n"
                            "      tls_config: {min_version: TLS99}\n")) ==
        "8:33: error: unknown TLS version: TLS99 [alertmanager/tls-config]\n");
  CHECK(found("route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules:\n- sources: [{matchers: [a=\"\"]}]\n") ==
        "4:13: error: source 0: at least one matcher must not match the empty string [alertmanager/inhibit-rule]\n");
  CHECK(found(with_receiver("  webhook_configs:\n  - send_resolved: true\n")) ==
        "6:5: error: one of url or url_file must be configured [alertmanager/integration]\n");
  CHECK(found("route:\n  receiver: a\n  routes:\n  - receiver: a\n    match: {1bad: x}\nreceivers: [{name: a}]\n") ==
        "5:13: error: invalid label name \"1bad\" [alertmanager/label-name]\n");
  CHECK(found("route:\n  receiver: a\n  routes:\n  - receiver: a\n    match_re: {service: '^(foo|bar'}\n"
              "receivers: [{name: a}]\n") ==
        "5:25: error: error parsing regexp: missing closing ): `^(?:^(foo|bar)$` [alertmanager/regex]\n");
}

// No YAML the loader accepts is nested deep enough or aliased enough to reach the decoder's
// guards, so they are fed a tree built by hand.
TEST_CASE("the decoder's guards against depth and aliasing report alertmanager/yaml") {
  std::deque<yaml::Node> pool;
  const auto scalar = [&](std::string value) -> const yaml::Node* {
    yaml::Node& n = pool.emplace_back();
    n.kind = yaml::NodeKind::Scalar;
    n.value = std::move(value);
    n.set_pos({1, 1});
    return &n;
  };
  // {receiver: a, routes: [children...]}
  const auto route = [&](std::vector<const yaml::Node*> children) -> const yaml::Node* {
    yaml::Node& routes = pool.emplace_back();
    routes.kind = yaml::NodeKind::Sequence;
    routes.items.assign(children.begin(), children.end());
    yaml::Node& n = pool.emplace_back();
    n.kind = yaml::NodeKind::Mapping;
    n.set_pos({1, 1});
    n.entries.push_back({scalar("receiver"), scalar("a")});
    n.entries.push_back({scalar("routes"), &routes});
    return &n;
  };
  const auto decode = [&](const yaml::Node* root_route) {
    yaml::Node& root = pool.emplace_back();
    root.kind = yaml::NodeKind::Mapping;
    root.entries.push_back({scalar("route"), root_route});
    LoadedConfig out;
    Checker(out).decode(&root);
    std::string text;
    for (const Finding& f : out.findings) text += f.diagnostic.message + " [" + f.diagnostic.rule_id + "]\n";
    return text;
  };
  const yaml::Node* deep = route({});
  for (int i = 0; i < 600; ++i) deep = route({deep});
  CHECK(decode(deep) == "yaml: exceeded max depth of 1000 [alertmanager/yaml]\n");
  // Each level lists the one below ten times: 10^7 routes to visit, from a few dozen nodes.
  const yaml::Node* wide = route({});
  for (int i = 0; i < 7; ++i) wide = route(std::vector<const yaml::Node*>(10, wide));
  CHECK(decode(wide) == "yaml: document contains excessive aliasing [alertmanager/yaml]\n");
}
