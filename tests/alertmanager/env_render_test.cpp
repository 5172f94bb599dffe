// render-alertmanager's expansion: required and optional variables, quoting, comments, escapes,
// and messages that never contain a value.
#include "alertmanager/env_render.hpp"

#include <doctest/doctest.h>

#include <map>

#include "core/file_io.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;

namespace {

EnvLookup env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

RenderedTemplate render(std::string_view text, std::map<std::string, std::string> vars) {
  return render_env_template(SourceFile("t.yml.tmpl", std::string(text)), env(std::move(vars)));
}

std::string problems(const RenderedTemplate& r) {
  std::string out;
  for (const Diagnostic& d : r.problems) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("expands required and optional variables in every quoting") {
  const RenderedTemplate r = render(
      "# ${NOT_IN_A_COMMENT}\na: ${PLAIN}\nb: '${SINGLE}'\nc: \"${DOUBLE}\"\nd: ${MISSING:-fallback}\n"
      "e: '$${LITERAL}'\nf: |\n  x ${BLOCK}\n",
      {{"PLAIN", "p"}, {"SINGLE", "it's"}, {"DOUBLE", "say \"hi\"\\n"}, {"BLOCK", "l1\nl2"}, {"MISSING", ""}});
  REQUIRE_MESSAGE(r.ok(), problems(r));
  CHECK(r.text ==
        "# ${NOT_IN_A_COMMENT}\na: p\nb: 'it''s'\nc: \"say \\\"hi\\\"\\\\n\"\nd: fallback\ne: '${LITERAL}'\nf: |\n  x "
        "l1\n  l2\n");
  CHECK(r.expanded.size() == 4);         // values from the environment: secrets
  CHECK(r.template_values.size() == 1);  // the default: the template's own text
  CHECK(r.count(ValueSource::Environment) == 4);
  CHECK(r.count(ValueSource::Default) == 1);
}

TEST_CASE("every missing variable at once, values never in messages") {
  const RenderedTemplate r = render(
      "global:\n  slack_api_url: '${SLACK_WEBHOOK_URL}'\n  smtp_auth_password: '${SMTP_PASSWORD}'\n"
      "  smtp_from: '${FROM}'\n  smtp_hello: ${HELLO}\n",
      {{"FROM", ""}, {"HELLO", "x: y"}});
  CHECK_FALSE(r.ok());
  CHECK(problems(r) ==
        "2:19: required variable SLACK_WEBHOOK_URL is not set\n3:24: required variable SMTP_PASSWORD is not set\n"
        "4:15: required variable FROM is empty\n5:15: the value of HELLO would change the YAML structure in an "
        "unquoted value\n");
  CHECK(problems(r).find("x: y") == std::string::npos);
  REQUIRE(r.problems.size() == 4);
  CHECK(r.problems[0].rule_id == "alertmanager/env-missing");
  CHECK(r.problems[2].rule_id == "alertmanager/env-missing");
  CHECK(r.problems[3].rule_id == "alertmanager/env-unsafe");
}

TEST_CASE("the seed template renders with its defaults") {
  auto text = read_file("../../rules/alertmanager.yml.tmpl");
  REQUIRE(text.has_value());
  const RenderedTemplate r = render_env_template(
      SourceFile("alertmanager.yml.tmpl", *text),
      env({{"SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x"}, {"SMTP_PASSWORD", "pw"}}));
  REQUIRE_MESSAGE(r.ok(), problems(r));
  CHECK(r.text.find("service_key: 'pagerduty-not-configured'") != std::string::npos);
  CHECK(r.text.find("smtp_auth_password: 'pw'") != std::string::npos);
  CHECK(r.text.find("#   ${VAR}            required") != std::string::npos);
}

TEST_CASE("a template that is not YAML is refused") {
  const RenderedTemplate r = render("a: [\n", {});
  CHECK_FALSE(r.ok());
}
