// A config template checked in memory: values from the environment or placeholders, findings moved
// back to the template, secrets masked in its quoted lines, what is missing said in one sentence.
#include "alertmanager/template_check.hpp"

#include <doctest/doctest.h>

#include <map>

#include "alertmanager/lint.hpp"
#include "core/report.hpp"

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

TemplateCheck check(std::string_view text, TemplateValues values, std::map<std::string, std::string> vars = {}) {
  return render_template_for_check(std::make_shared<SourceFile>("am.yml.tmpl", std::string(text)), values,
                                   env(std::move(vars)));
}

// "line:col: message [rule]" of every finding of the loaded config and its lint, at template positions.
std::string findings(const TemplateCheck& t) {
  REQUIRE(t.loaded.has_value());
  Report report;
  for (const Diagnostic& d : t.loaded->diagnostics()) report.add(t.to_template(d));
  LintOptions options;
  options.check_files = false;
  options.in_template = true;
  for (const Diagnostic& d : lint_config(*t.loaded, options)) report.add(t.to_template(d));
  std::string out;
  for (const Diagnostic& d : report.sorted()) {
    out += d.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message + " [" +
           d.rule_id + "]\n";
  }
  return out;
}

const std::string kSecret = "https://hooks.slack.com/services/T0/B0/s3cr3t-t0ken";

const std::string kTemplate =
    "global:\n"
    "  slack_api_url: '${SLACK_URL}'\n"
    "  smtp_smarthost: ${SMTP_HOST:-smtp.example.com}\n"
    "  smtp_auth_password: 'literal-pw'\n"
    "route:\n"
    "  receiver: '${RECEIVER:-team}'\n"
    "  group_wait: ${WAIT:-30x}\n"
    "  routes: [{matchers: ['severity=\"${SEV}\"'], receiver: nobody}]\n"
    "receivers:\n"
    "  - name: team\n"
    "    pagerduty_configs: [{service_key: '${PD_KEY:-pagerduty-not-configured}'}]\n";

}  // namespace

TEST_CASE("template findings are reported at their place in the template, defaults are not secrets") {
  const TemplateCheck t = check(kTemplate, TemplateValues::Environment, {{"SLACK_URL", kSecret}, {"SEV", "critical"}});
  REQUIRE(t.rendered.ok());
  CHECK(findings(t) ==
        "am.yml.tmpl:3:19: address smtp.example.com: missing port in address [alertmanager/host-port]\n"
        "am.yml.tmpl:4:3: smtp_auth_password holds a secret in plain text [alertmanager/plain-secret]\n"
        "am.yml.tmpl:7:15: unknown unit \"x\" in duration \"30x\" [alertmanager/duration]\n"
        "am.yml.tmpl:8:56: undefined receiver \"nobody\" used in route [alertmanager/undefined-receiver]\n");
  CHECK(t.values_summary() == "2 values from the environment, 4 defaults");
  // The hint speaks of the template the user is editing, not of rendering one.
  LintOptions options;
  options.check_files = false;
  options.in_template = true;
  const std::vector<Diagnostic> lint = lint_config(*t.loaded, options);
  REQUIRE(lint.size() == 1);
  CHECK(lint[0].hint ==
        "read it from a file with smtp_auth_password_file, or write a ${VAR} reference in its place in the template");
}

TEST_CASE("the quoted template masks secrets written in it, never references or defaults") {
  const TemplateCheck t = check(kTemplate, TemplateValues::Environment, {{"SLACK_URL", kSecret}, {"SEV", "critical"}});
  REQUIRE(t.loaded.has_value());
  const SourceFilePtr shown = t.redacted_template(*t.loaded);
  CHECK(shown->path() == "am.yml.tmpl");
  CHECK(shown->line_text(2) == "  slack_api_url: '${SLACK_URL}'");
  CHECK(shown->line_text(4) == "  smtp_auth_password: ************");
  CHECK(shown->line_text(11) == "    pagerduty_configs: [{service_key: '${PD_KEY:-pagerduty-not-configured}'}]");
  // Part literal, part reference: the literal part is hidden, the reference stays readable.
  const TemplateCheck mixed = check(
      "global:\n  slack_api_url: 'https://hooks.slack.com/services/${TOKEN}'\n"
      "route: {receiver: a}\nreceivers: [{name: a}]\n",
      TemplateValues::Placeholders);
  REQUIRE(mixed.loaded.has_value());
  CHECK(mixed.redacted_template(*mixed.loaded)->line_text(2) ==
        "  slack_api_url: **********************************${TOKEN}*");
}

TEST_CASE("positions after expansions of other lengths, line breaks and $${ escapes map back") {
  const std::string text = "a: ${LONG} ${SHORT:-x} $${LIT} tail\nb: |\n  ${MULTI}\nc: end\n";
  const TemplateCheck t = check(text, TemplateValues::Environment,
                                {{"LONG", "0123456789012345678901234567890"}, {"MULTI", "one\ntwo\nthree"}});
  REQUIRE(t.rendered.ok());
  CHECK(t.rendered.text == "a: 0123456789012345678901234567890 x ${LIT} tail\nb: |\n  one\n  two\n  three\nc: end\n");
  const std::string& r = t.rendered.text;
  CHECK(t.rendered.template_offset(r.find("tail")) == text.find("tail"));
  CHECK(t.rendered.template_offset(r.find("${LIT}") + 1) == text.find("${LIT}") + 1);
  CHECK(t.rendered.template_offset(r.find("567")) == text.find("${LONG}"));  // inside a value: its reference
  CHECK(t.rendered.template_offset(r.find(" x ") + 1) == text.find("${SHORT"));
  CHECK(t.rendered.template_offset(r.find("two")) == text.find("${MULTI}"));
  CHECK(t.rendered.template_offset(r.find("c: end")) == text.find("c: end"));
  Diagnostic d;
  d.file = "am.yml.tmpl";
  d.pos = SourceFile("", r).position_of(r.find("c: end"));
  CHECK(d.pos.line == 6);
  CHECK(t.to_template(d).pos == Position{4, 1, text.find("c: end")});
  d.file = "other.yml";  // a finding in another file stays where it is
  CHECK(t.to_template(d).pos.line == 6);
}

TEST_CASE("placeholders: every required variable gets the placeholder, every optional one its default") {
  const TemplateCheck t = check(kTemplate, TemplateValues::Placeholders, {{"SLACK_URL", kSecret}, {"SMTP_HOST", "x"}});
  REQUIRE(t.rendered.ok());
  CHECK(t.rendered.text.find("slack_api_url: 'https://placeholder.invalid/mlmon'") != std::string::npos);
  CHECK(t.rendered.text.find("smtp_smarthost: smtp.example.com\n") != std::string::npos);  // not the environment's
  CHECK(t.rendered.text.find(kSecret) == std::string::npos);
  CHECK(t.values_summary() == "2 placeholder values, 4 defaults");
  CHECK(t.rendered.count(ValueSource::Environment) == 0);
}

TEST_CASE("what is missing, in one sentence") {
  CHECK(missing_variables_message(check(kTemplate, TemplateValues::Environment).rendered) ==
        "required variables SLACK_URL, SEV are not set");
  CHECK(missing_variables_message(check(kTemplate, TemplateValues::Environment, {{"SEV", "x"}}).rendered) ==
        "required variable SLACK_URL is not set");
  CHECK(missing_variables_message(check(kTemplate, TemplateValues::Environment, {{"SEV", ""}}).rendered) ==
        "required variables SLACK_URL, SEV are not set or empty");
  CHECK(missing_variables_message(
            check(kTemplate, TemplateValues::Environment, {{"SEV", ""}, {"SLACK_URL", ""}}).rendered) ==
        "required variables SLACK_URL, SEV are empty");
  const TemplateCheck complete = check(kTemplate, TemplateValues::Environment, {{"SEV", "x"}, {"SLACK_URL", kSecret}});
  CHECK(missing_variables_message(complete.rendered) == "");
  // Each variable once, however often it is used.
  const TemplateCheck twice = check("a: ${X}\nb: ${X}\nc: ${Y:-1}\nd: ${Y:-2}\n", TemplateValues::Environment);
  CHECK(missing_variables_message(twice.rendered) == "required variable X is not set");
  CHECK(twice.rendered.problems.size() == 2);
  CHECK_FALSE(twice.loaded.has_value());
}
