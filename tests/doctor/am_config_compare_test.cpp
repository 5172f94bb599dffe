// The config Alertmanager runs against the repository's, by meaning. The live side is what
// Alertmanager 0.33.1 reported in /api/v2/status for the shipped template rendered with dummy
// secrets (testdata/alertmanager-0.33.1-original.yml): defaults filled in, secrets as <secret>.
#include "doctor/am_config_compare.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "alertmanager/template_check.hpp"
#include "core/file_io.hpp"
#include "printers.hpp"

using namespace mlmon;
using namespace mlmon::doctor;

namespace {

std::string read(const std::string& path) {
  auto text = read_file(path);
  REQUIRE(text);
  return *text;
}

alertmanager::LoadedConfig shipped_template() {
  auto source = std::make_shared<SourceFile>("rules/alertmanager.yml.tmpl",
                                             read(std::string(MLMON_SOURCE_DIR) + "/rules/alertmanager.yml.tmpl"));
  auto rendered = alertmanager::render_template_for_check(source, alertmanager::TemplateValues::Placeholders);
  REQUIRE(rendered.loaded);
  return std::move(*rendered.loaded);
}

alertmanager::LoadedConfig live(std::string text) {
  return alertmanager::load_config(std::make_shared<SourceFile>("Alertmanager /api/v2/status", std::move(text)));
}

std::string original() { return read(std::string(MLMON_TESTDATA) + "/alertmanager-0.33.1-original.yml"); }

/// `text` with `from` replaced once (which must be there).
std::string edited(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

std::vector<std::string> differences(const alertmanager::LoadedConfig& git, const alertmanager::LoadedConfig& am) {
  std::vector<std::string> out;
  for (const ConfigDifference& d : compare_alertmanager_configs(git, am)) {
    out.push_back(d.pos.known() ? std::to_string(d.pos.line) + ": " + d.text : d.text);
  }
  return out;
}

}  // namespace

TEST_CASE("the shipped template is what Alertmanager 0.33.1 runs when rendered: no difference") {
  CHECK(differences(shipped_template(), live(original())).empty());
}

TEST_CASE("a route timer changed in Alertmanager is found at the route it belongs to, not at its children") {
  const auto git = shipped_template();
  CHECK(differences(git, live(edited(original(), "    repeat_interval: 1h\n", "    repeat_interval: 2h\n"))) ==
        std::vector<std::string>{
            R"x(31: route 1 {severity="critical"}: repeat_interval 1h in git, 2h in Alertmanager)x"});
  // The root's: every child inherits it; reported once.
  CHECK(differences(git, live(edited(original(), "  repeat_interval: 4h\n", "  repeat_interval: 3h\n"))) ==
        std::vector<std::string>{"27: route: repeat_interval 4h in git, 3h in Alertmanager"});
  // 60m is 1h: another spelling is no change.
  CHECK(differences(git, live(edited(original(), "    repeat_interval: 1h\n", "    repeat_interval: 60m\n"))).empty());
}

TEST_CASE("matchers, receivers, continue and group_by") {
  const auto git = shipped_template();
  CHECK(
      differences(
          git, live(edited(original(), "    - severity=~\"critical|warning\"\n", "    - severity=~\"critical\"\n"))) ==
      std::vector<std::string>{
          R"x(33: route 2: matchers {severity=~"critical|warning"} in git, {severity=~"critical"} in Alertmanager)x"});
  CHECK(
      differences(
          git, live(edited(
                   original(),
                   "  - receiver: ml-team-email\n    matchers:\n    - severity=\"warning\"\n    continue: false\n",
                   "  - receiver: ml-team-email\n    matchers:\n    - severity=\"warning\"\n    continue: true\n"))) ==
      std::vector<std::string>{R"x(36: route 3 {severity="warning"}: continue false in git, true in Alertmanager)x"});
  CHECK(differences(git, live(edited(original(), "  group_by:\n  - alertname\n  - service\n",
                                     "  group_by:\n  - alertname\n"))) ==
        std::vector<std::string>{"24: route: group_by [alertname, service] in git, [alertname] in Alertmanager"});
}

TEST_CASE("integration fields the repository writes; defaults Alertmanager adds and secrets are not compared") {
  const auto git = shipped_template();
  CHECK(differences(git, live(edited(original(), "    channel: '#ml-alerts'\n", "    channel: '#ml-alerts-old'\n"))) ==
        std::vector<std::string>{R"x(59: receiver "slack-ml-alerts": slack_configs[0].channel: "#ml-alerts")x"
                                 R"x( in git, "#ml-alerts-old" in Alertmanager)x"});
  CHECK(differences(git, live(edited(original(), "    to: ml-team@example.com\n", "    to: someone@example.com\n"))) ==
        std::vector<std::string>{R"x(70: receiver "ml-team-email": email_configs[0].to: "ml-team@example.com")x"
                                 R"x( in git, "someone@example.com" in Alertmanager)x"});
  // Secrets differ in every deployment: never compared, whatever Alertmanager shows.
  CHECK(differences(git, live(edited(original(), "  smtp_auth_password: <secret>\n", "  smtp_auth_password: other\n")))
            .empty());
  CHECK(differences(git, live(edited(original(), "  smtp_smarthost: smtp.example.com:587\n",
                                     "  smtp_smarthost: smtp.internal:25\n"))) ==
        std::vector<std::string>{
            R"x(16: global.smtp_smarthost: "smtp.example.com:587" in git, "smtp.internal:25" in Alertmanager)x"});
}

TEST_CASE("receivers and inhibit rules only one side has") {
  const auto git = shipped_template();
  const std::string without_email = edited(original(), "- name: ml-team-email\n  labels:\n    name: ml-team-email\n",
                                           "- name: ml-team-mail\n  labels:\n    name: ml-team-mail\n");
  CHECK(differences(git, live(without_email)) ==
        std::vector<std::string>{R"x(68: receiver "ml-team-email" is in git, not in Alertmanager)x",
                                 R"x(receiver "ml-team-mail" is in Alertmanager, not in git)x"});
  CHECK(
      differences(git,
                  live(edited(original(), "  equal:\n  - alertname\n  - service\n", "  equal:\n  - alertname\n"))) ==
      std::vector<std::string>{
          R"x(40: inhibit rule (source {severity="critical"} target {severity="warning"} equal [alertname, service]))x"
          R"x( is in git, not in Alertmanager)x",
          R"x(inhibit rule (source {severity="critical"} target {severity="warning"} equal [alertname]))x"
          R"x( is in Alertmanager, not in git)x"});
}
