// mlmon's warnings beyond Alertmanager's checks.
#include "alertmanager/lint.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "alertmanager/env_render.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;
using namespace mlmon::alertmanager::testing;

namespace {

std::string lint(std::string_view yaml, LintOptions options = {}) {
  const LoadedConfig loaded = load_text(yaml);
  REQUIRE_MESSAGE(!loaded.has_errors(), findings_text(loaded));
  std::string out;
  for (const Diagnostic& d : lint_config(loaded, options)) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message + " [" + d.rule_id + "]\n";
  }
  return out;
}

}  // namespace

TEST_CASE("unused receivers and time intervals") {
  CHECK(lint("route:\n  receiver: a\n  routes:\n  - receiver: b\n    active_time_intervals: [work]\n"
             "receivers: [{name: a}, {name: b}, {name: c}]\n"
             "time_intervals: [{name: work}, {name: holidays}]\n") ==
        "6:42: receiver \"c\" is not used by any route [alertmanager/unused-receiver]\n"
        "7:39: time interval \"holidays\" is not used by any route [alertmanager/unused-time-interval]\n");
}

TEST_CASE("routes that can never match") {
  CHECK(lint("route:\n  receiver: a\n  routes:\n  - receiver: a\n  - matchers: [severity=\"critical\"]\n    receiver: "
             "a\nreceivers: [{name: a}]\n") ==
        "5:5: this route can never match: the route at line 4 (default-route) matches every alert and has no "
        "'continue: true' [alertmanager/shadowed-route]\n");
  CHECK(
      lint(
          "route:\n  receiver: a\n  routes:\n  - matchers: [team=\"db\"]\n  - matchers: [team=\"db\", severity=\"x\"]\n"
          "  - matchers: [team=~\".*\"]\n    continue: true\n  - matchers: [team=\"web\"]\nreceivers: [{name: a}]\n") ==
      "5:5: this route can never match: the route at line 4 ({team=\"db\"}) matches every alert this one matches and "
      "has no 'continue: true' [alertmanager/shadowed-route]\n");
  // `continue: true` on the catch-all (the audit-log pattern) keeps later routes reachable.
  CHECK(lint("route:\n  receiver: a\n  routes:\n  - {receiver: a, continue: true}\n  - matchers: [x=\"y\"]\nreceivers: "
             "[{name: a}]\n")
            .empty());
}

TEST_CASE("inhibit rules that can never fire") {
  const std::string head = "route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules:\n";
  CHECK(lint(head + "- source_matchers: [severity=\"critical\"]\n  target_matchers: [severity=\"warning\"]\n  equal: "
                    "[alertname, severity]\n") ==
        "4:3: inhibit rule can never fire: 'equal' requires the same severity on source and target, but the source "
        "needs severity=\"critical\" and the target severity=\"warning\" [alertmanager/inhibit-never-fires]\n");
  CHECK(lint(head + "- source_matchers: [a=\"x\", a!=\"x\"]\n  target_matchers: [b=\"y\"]\n") ==
        "4:3: inhibit rule can never fire: no alert matches both a=\"x\" and a!=\"x\" in its source matchers "
        "[alertmanager/inhibit-never-fires]\n");
  CHECK(lint(head + "- {}\n") ==
        "4:3: inhibit rule can never fire: source and target matchers are the same, and Alertmanager never lets an "
        "alert matching both sides inhibit another such alert [alertmanager/inhibit-never-fires]\n");
  CHECK(lint(head + "- source_match: {severity: critical}\n  target_match_re: {severity: warning|info}\n  equal: "
                    "[alertname]\n")
            .empty());
}

TEST_CASE("plain-text secrets: named, never shown") {
  const std::string yaml =
      "global:\n  smtp_auth_password: hunter2\n  slack_api_url: https://hooks.slack.com/services/T0/B0/s3cr3t\n"
      "route: {receiver: a}\nreceivers:\n- name: a\n  webhook_configs:\n  - url: http://alert-sink.internal:9095/\n"
      "  - url: https://example.com/hook?token=abc123\n  pagerduty_configs:\n  - routing_key_file: /run/secrets/pd\n"
      "  - routing_key: '${PD_KEY}'\n";
  const std::string out = lint(yaml, {".", false});
  CHECK(out ==
        "2:3: smtp_auth_password holds a secret in plain text [alertmanager/plain-secret]\n"
        "3:3: slack_api_url holds a URL with credentials in plain text [alertmanager/plain-secret]\n"
        "9:5: url holds a URL with credentials in plain text [alertmanager/plain-secret]\n"
        "12:19: Alertmanager does not expand environment variables: ${PD_KEY} is used literally "
        "[alertmanager/unexpanded-env]\n");
  CHECK(out.find("hunter2") == std::string::npos);
  const LoadedConfig loaded = load_text(yaml);
  const std::vector<Diagnostic> found = lint_config(loaded, {".", false});
  CHECK(found[0].hint ==
        "read it from a file with smtp_auth_password_file, or keep a ${VAR} reference in a template rendered by 'mlmon "
        "render-alertmanager'");
  CHECK(out.find("s3cr3t") == std::string::npos);
}

TEST_CASE("the output of render-alertmanager holds its secrets by design: no plain-secret, no unexpanded-env") {
  const std::string body =
      "global:\n  smtp_auth_password: hunter2\n  slack_api_url: https://hooks.slack.com/services/T0/B0/s3cr3t\n"
      "route: {receiver: a}\nreceivers:\n- name: a\n  pagerduty_configs:\n  - service_key: pagerduty-not-configured\n"
      "    description: 'cost ${AMOUNT}'\n";
  CHECK(lint(rendered_header("rules/alertmanager.yml.tmpl") + body, {".", false}) == "");
  // The same text without the header is a config written by hand: every finding is there.
  CHECK(lint(body, {".", false}) ==
        "2:3: smtp_auth_password holds a secret in plain text [alertmanager/plain-secret]\n"
        "3:3: slack_api_url holds a URL with credentials in plain text [alertmanager/plain-secret]\n"
        "8:5: service_key holds a secret in plain text [alertmanager/plain-secret]\n"
        "9:24: Alertmanager does not expand environment variables: ${AMOUNT} is used literally "
        "[alertmanager/unexpanded-env]\n");
  CHECK(rendered_header("a\nb\x7f.tmpl") ==
        "# Rendered by mlmon render-alertmanager from a?b?.tmpl; edit the template, not this file.\n");
  CHECK(is_rendered_output(rendered_header("x.tmpl") + "route: {}\n"));
  CHECK_FALSE(is_rendered_output("\n" + rendered_header("x.tmpl")));
}

TEST_CASE("${VAR} left in the file") {
  CHECK(lint("global:\n  smtp_smarthost: '${SMTP_HOST}:587'\n  smtp_from: \"a@${DOMAIN}\"\nroute: {receiver: a}\n"
             "receivers: [{name: a}]\n") ==
        "2:20: Alertmanager does not expand environment variables: ${SMTP_HOST} is used literally "
        "[alertmanager/unexpanded-env]\n"
        "3:17: Alertmanager does not expand environment variables: ${DOMAIN} is used literally "
        "[alertmanager/unexpanded-env]\n");
}

TEST_CASE("missing *_file targets and template globs") {
  const mlmon::testing::TempDir dir;
  dir.file("secrets/slack", "https://hooks.slack.com/x\n");
  const std::string yaml =
      "global:\n  slack_api_url_file: secrets/slack\n  http_config:\n    bearer_token_file: secrets/token\n"
      "templates: ['templates/*.tmpl']\nroute: {receiver: a}\nreceivers:\n- name: a\n  pagerduty_configs:\n"
      "  - routing_key_file: secrets/pd\n  - service_key_file: /nonexistent/pd\n";
  LintOptions options;
  options.base_dir = dir.path();
  const LoadedConfig loaded = load_text(yaml);
  const std::vector<Diagnostic> found = lint_config(loaded, options);
  REQUIRE(found.size() == 4);
  CHECK(found[0].rule_id == "alertmanager/missing-file");
  CHECK(found[0].pos.line == 4);
  CHECK(found[0].message == "bearer_token_file: file \"" + (dir / "secrets/token") + "\" does not exist");
  CHECK(found[0].hint.starts_with("Alertmanager resolves it against the config file's directory"));
  CHECK(found[1].message == "routing_key_file: file \"" + (dir / "secrets/pd") + "\" does not exist");
  CHECK(found[1].hint.starts_with("Alertmanager reads it relative to its own working directory"));
  CHECK(found[2].message == "service_key_file: file \"/nonexistent/pd\" does not exist");
  CHECK(found[2].hint == "Alertmanager reads it only when it sends a notification");
  CHECK(found[3].rule_id == "alertmanager/template-glob");
  CHECK(found[3].pos.line == 5);
  CHECK(found[3].message == "template glob \"templates/*.tmpl\" matches no file");
}

TEST_CASE("matchers only the classic parser accepts") {
  const std::string yaml =
      "route:\n  receiver: a\n  routes:\n  - receiver: a\n    matchers: ['foo=~bar=baz', "
      "'x=\"y\"']\nreceivers: [{name: a}]\n";
  CHECK(lint(yaml) ==
        "5:16: matcher is only valid in the classic syntax; Alertmanager falls back to the classic parser and logs a "
        "warning [alertmanager/classic-matcher]\n");
  const std::vector<Diagnostic> out = lint_config(load_text(yaml));
  REQUIRE(out.size() == 1);
  CHECK(out.front().severity == Severity::Warning);
  CHECK(out.front().hint == "write it as 'foo=~\"bar=baz\"' (values double-quoted)");
  // A value expanded from the environment stays out of the hint, as out of every message.
  LoadOptions options;
  const std::size_t value = yaml.find("bar=baz");
  options.sensitive_ranges = {{value, value + 7}};
  const LoadedConfig expanded = load_config(std::make_shared<SourceFile>("alertmanager.yml", yaml), options);
  const std::vector<Diagnostic> masked = lint_config(expanded);
  REQUIRE(masked.size() == 1);
  CHECK(masked.front().hint == "write it as 'foo=~\"<secret>\"' (values double-quoted)");
}

TEST_CASE("a routing tree nested deeper than mlmon follows") {
  // Said once, at the first `routes` list the model does not follow.
  CHECK(lint(nested_routes(200)) ==
        "260:259: the routing tree is nested more than 128 levels deep; mlmon does not follow it further "
        "[alertmanager/route-depth]\n");
  CHECK(lint(nested_routes(kMaxRouteDepth)).empty());
  CHECK(lint(nested_routes(kMaxRouteDepth + 1)) ==
        "260:259: the routing tree is nested more than 128 levels deep; mlmon does not follow it further "
        "[alertmanager/route-depth]\n");
}

TEST_CASE("find_env_references") {
  const auto refs = find_env_references("a ${X} $${Y} ${Z:-d e} ${1} ${W");
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].name == "X");
  CHECK(refs[0].offset == 2);
  CHECK(refs[1].name == "Z");
  CHECK(refs[1].has_default);
  CHECK(refs[1].default_value == "d e");
}
