// End to end: the subcommands through mlmon_main, with exact output and exit codes.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "core/file_io.hpp"
#include "run_cli.hpp"
#include "temp_dir.hpp"

namespace {

using mlmon::testing::CliRun;
using mlmon::testing::run_cli;

namespace fs = std::filesystem;

using mlmon::testing::TempDir;

const std::string kSecretUrl = "https://hooks.slack.com/services/T0001/B0001/s3cr3tW3bh00k";
const std::string kSecretPassword = "hunter2-p4ssw0rd";

}  // namespace

TEST_CASE("check-alertmanager: clean, findings, I/O errors") {
  CliRun clean = run_cli({"check-alertmanager", "testdata/routing.yml"});
  CHECK(clean.code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err == "1 file checked: 0 errors, 0 warnings\n");

  TempDir dir;
  const std::string bad = dir.file("bad.yml",
                                    "route:\n  receiver: team-X\n  group_by: alertname\nreceivers:\n- name: team-Y\n");
  CliRun r = run_cli({"check-alertmanager", "--color", "never", bad});
  CHECK(r.code == 1);
  CHECK(r.out == bad + ":2:13: error: undefined receiver \"team-X\" used in route [alertmanager/undefined-receiver]\n"
                       "    receiver: team-X\n"
                       "              ^\n" +
                     bad + ":3:13: error: cannot unmarshal !!str `alertname` into []string [alertmanager/type-error]\n"
                           "    group_by: alertname\n"
                           "              ^\n" +
                     bad + ":5:9: warning: receiver \"team-Y\" is not used by any route [alertmanager/unused-receiver]\n"
                           "  - name: team-Y\n"
                           "          ^\n");
  CHECK(r.err == "1 file checked: 2 errors, 1 warning\n");

  CliRun amtool = run_cli({"check-alertmanager", "--amtool", bad});
  CHECK(amtool.code == 1);
  CHECK(amtool.out == "Checking '" + bad + "'  FAILED: yaml: unmarshal errors:\n  line 3: cannot unmarshal !!str `alertname` into []string\n\n");

  CliRun missing = run_cli({"check-alertmanager", "/nonexistent/am.yml"});
  CHECK(missing.code == 2);
  CHECK(missing.err.starts_with("mlmon check-alertmanager: /nonexistent/am.yml: cannot open:"));

  CliRun json = run_cli({"check-alertmanager", "--format", "json", "--no-lint", bad});
  CHECK(json.code == 1);
  CHECK(json.out.find("\"rule\": \"alertmanager/undefined-receiver\"") != std::string::npos);
  CHECK(json.out.find("unused-receiver") == std::string::npos);
}

TEST_CASE("check-alertmanager --amtool prints amtool's success summary") {
  const std::string good = std::string(MLMON_CORPUS_DIR) + "/alertmanager/config-testdata/conf.good.yml";
  CliRun r = run_cli({"check-alertmanager", "--amtool", good});
  CHECK(r.code == 0);
  CHECK(r.out == "Checking '" + good +
                     "'  SUCCESS\nFound:\n - global config\n - route\n - 1 inhibit rules\n - 9 receivers\n - 1 templates\n"
                     "  SUCCESS\n\n");
}

TEST_CASE("check-alertmanager never prints a secret, even when quoting source lines") {
  TempDir dir;
  const std::string cfg = dir.file(
      "am.yml", "global:\n  smtp_auth_password: " + kSecretPassword + "\n  slack_api_url: " + kSecretUrl +
                    "\nroute: {receiver: a}\nreceivers:\n- name: a\n  slack_configs: [{channel: '#x'}]\n");
  for (const char* format : {"text", "json", "github"}) {
    CliRun r = run_cli({"check-alertmanager", "--format", format, cfg});
    CHECK(r.code == 0);
    CHECK(r.out.find("plain-secret") != std::string::npos);
    CHECK(r.out.find(kSecretPassword) == std::string::npos);
    CHECK(r.out.find("s3cr3t") == std::string::npos);
    CHECK(r.err.find("s3cr3t") == std::string::npos);
  }
}

TEST_CASE("routes show and routes test as amtool") {
  CliRun show = run_cli({"routes", "show", "testdata/upstream-routing.yml"});
  CHECK(show.code == 0);
  CHECK(show.out ==
        "Routing tree:\n.\n\xE2\x94\x94\xE2\x94\x80\xE2\x94\x80 default-route  receiver: default\n"
        "    \xE2\x94\x9C\xE2\x94\x80\xE2\x94\x80 {test=~\"^(?:^[12]$)$\"}  continue: true  receiver: test1\n"
        "    \xE2\x94\x94\xE2\x94\x80\xE2\x94\x80 {test=\"2\"}  receiver: test2\n\n");

  CliRun test = run_cli({"routes", "test", "testdata/upstream-routing.yml", "test=2"});
  CHECK(test.code == 0);
  CHECK(test.out == "test1,test2\n");

  CliRun ok = run_cli({"routes", "test", "testdata/routing.yml", "--verify-receivers=audit-log,db-pager,db-slack", "team=db",
                  "severity=critical"});
  CHECK(ok.code == 0);
  CHECK(ok.out == "audit-log,db-pager,db-slack\n");

  CliRun mismatch = run_cli({"routes", "test", "testdata/routing.yml", "--verify.receivers=audit-log, db-pager, db-slack",
                        "team=db", "severity=critical"});
  CHECK(mismatch.code == 1);
  CHECK(mismatch.out ==
        "audit-log,db-pager,db-slack\nWARNING: Expected receivers did not match resolved receivers.\n");

  CliRun regex = run_cli({"routes", "test", "testdata/routing.yml", "severity=~crit"});
  CHECK(regex.code == 2);
  CHECK(regex.err == "mlmon routes test: Labels must be specified as key=value pairs\n");
  CliRun bad = run_cli({"routes", "test", "testdata/routing.yml", "{team=\"db\"}"});
  CHECK(bad.code == 2);
  CHECK(bad.err == "mlmon routes test: Failed to parse labels: unexpected open or close brace: {team=\"db\"}\n");
  CliRun plain = run_cli({"routes", "test", "testdata/routing.yml", "severity"});
  CHECK(plain.err == "mlmon routes test: Failed to parse labels: bad matcher format: severity\n");
}

TEST_CASE("routes refuse a config that does not load") {
  TempDir dir;
  const std::string cfg = dir.file("am.yml", "route: {receiver: team-X}\nreceivers: [{name: a}]\n");
  CliRun r = run_cli({"routes", "show", cfg});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("undefined receiver \"team-X\" used in route") != std::string::npos);
}

TEST_CASE("render-alertmanager, then routes test --cases on the seed's files") {
  TempDir dir;
  const std::string out = dir / "alertmanager.yml";
  ::unsetenv("PAGERDUTY_SERVICE_KEY");
  ::unsetenv("SLACK_WEBHOOK_URL");
  ::unsetenv("SMTP_PASSWORD");
  CliRun missing = run_cli({"render-alertmanager", "../../rules/alertmanager.yml.tmpl", "-o", out});
  CHECK(missing.code == 1);
  CHECK_FALSE(fs::exists(out));
  CHECK(missing.out.find("required variable SLACK_WEBHOOK_URL is not set") != std::string::npos);
  CHECK(missing.out.find("required variable SMTP_PASSWORD is not set") != std::string::npos);
  CHECK(missing.err == "mlmon render-alertmanager: nothing written: 2 problems in ../../rules/alertmanager.yml.tmpl\n");

  ::setenv("SLACK_WEBHOOK_URL", kSecretUrl.c_str(), 1);
  ::setenv("SMTP_PASSWORD", kSecretPassword.c_str(), 1);
  CliRun ok = run_cli({"render-alertmanager", "../../rules/alertmanager.yml.tmpl", "-o", out});
  CHECK(ok.code == 0);
  CHECK(ok.out.empty());
  CHECK(ok.err == "wrote " + out + " (3 values from the environment): 0 errors, 0 warnings\n");
  struct stat st{};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto rendered = mlmon::read_file(out);
  REQUIRE(rendered.has_value());
  CHECK(rendered->find("smtp_auth_password: '" + kSecretPassword + "'") != std::string::npos);

  CliRun cases = run_cli({"routes", "test", out, "--cases", "../../rules/alertmanager-routes.cases.yml"});
  CHECK(cases.code == 0);
  CHECK(cases.out == "11 of 11 routing cases pass\n");

  const std::string failing = dir.file("cases.yml", "- {labels: {severity: critical}, receivers: [ml-team-email]}\n");
  CliRun fail = run_cli({"routes", "test", out, "--cases", failing, "--color", "never"});
  CHECK(fail.code == 1);
  CHECK(fail.out == failing +
                        ":1:3: error: {severity=\"critical\"}: expected receivers ml-team-email, got "
                        "pagerduty-critical,slack-ml-alerts [alertmanager/route-case]\n"
                        "  - {labels: {severity: critical}, receivers: [ml-team-email]}\n"
                        "    ^\n"
                        "0 of 1 routing cases pass\n");

  // A value that breaks the YAML, and an existing world-readable output, are handled safely.
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  CliRun again = run_cli({"render-alertmanager", "../../rules/alertmanager.yml.tmpl", "-o", out});
  CHECK(again.code == 0);
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  for (const CliRun* r : {&missing, &ok, &cases, &fail, &again}) {
    CHECK(r->out.find("s3cr3t") == std::string::npos);
    CHECK(r->err.find("s3cr3t") == std::string::npos);
    CHECK(r->out.find(kSecretPassword) == std::string::npos);
  }
  ::unsetenv("SLACK_WEBHOOK_URL");
  ::unsetenv("SMTP_PASSWORD");
}

TEST_CASE("check-alertmanager --rules routes every alerting rule") {
  TempDir dir;
  const std::string rules = dir.file("rules.yml",
                                     "groups:\n- name: g\n  rules:\n  - alert: Chatty\n    expr: up == 0\n    labels: "
                                     "{severity: info}\n  - alert: Crit\n    expr: up == 0\n    labels:\n      severity: "
                                     "critical\n");
  const std::string cfg = dir.file(
      "am.yml",
      "route:\n  receiver: default\n  routes:\n  - matchers: [severity=\"critical\", team=\"ml\"]\n    receiver: pager\n"
      "  - matchers: [severity=\"info\"]\n    receiver: devnull\nreceivers:\n- name: default\n  webhook_configs: [{url: "
      "'http://x.example/'}]\n- name: pager\n  webhook_configs: [{url: 'http://x.example/'}]\n- name: devnull\n");
  CliRun r = run_cli({"check-alertmanager", "--format", "github", "--rules", rules, cfg});
  CHECK(r.code == 0);
  CHECK(r.out == "::warning file=" + rules +
                     ",line=4,col=12,title=alertmanager/unrouted-alert::alert Chatty reaches no receiver that notifies "
                     "anyone: devnull has no integrations%0Aroute it to a receiver with an integration, or drop the rule "
                     "if nobody needs it\n"
                     "::warning file=" + rules +
                     ",line=7,col=12,title=alertmanager/default-route-only::alert Crit (severity=critical) only reaches "
                     "the root receiver default, although routes exist for this severity%0Athe route "
                     "{severity=\"critical\",team=\"ml\"} (Alertmanager config line 4) (or its parent) does not match "
                     "the alert's other labels\n");
  CliRun strict = run_cli({"check-alertmanager", "--fail-on", "warning", "--rules", rules, cfg});
  CHECK(strict.code == 1);
  CliRun missing = run_cli({"check-alertmanager", "--rules", "/nonexistent/rules", cfg});
  CHECK(missing.code == 2);
}
