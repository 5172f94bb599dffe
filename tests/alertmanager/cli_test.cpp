// End to end: the subcommands through mlmon_main, with exact output and exit codes.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
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

// Sets (or, with nullptr, unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

const std::string kSeedTemplate = "../../rules/alertmanager.yml.tmpl";

// The seed template's three variables: SLACK_WEBHOOK_URL and SMTP_PASSWORD required,
// PAGERDUTY_SERVICE_KEY with a default.
struct SeedEnv {
  ScopedEnv slack, smtp, pagerduty;
  SeedEnv(const char* slack_url, const char* smtp_password, const char* pagerduty_key = nullptr)
      : slack("SLACK_WEBHOOK_URL", slack_url),
        smtp("SMTP_PASSWORD", smtp_password),
        pagerduty("PAGERDUTY_SERVICE_KEY", pagerduty_key) {}
};

mode_t mode_of(const std::string& path) {
  struct stat st{};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

bool no_secret_in(const CliRun& r) {
  for (const std::string* text : {&r.out, &r.err}) {
    if (text->find("s3cr3t") != std::string::npos || text->find(kSecretPassword) != std::string::npos) return false;
  }
  return true;
}

const std::string kTreeOfSeed =
    "Routing tree:\n.\n"
    "\xE2\x94\x94\xE2\x94\x80\xE2\x94\x80 default-route  receiver: ml-team-email\n"
    "    \xE2\x94\x9C\xE2\x94\x80\xE2\x94\x80 {severity=\"critical\"}  continue: true  receiver: pagerduty-critical\n"
    "    \xE2\x94\x9C\xE2\x94\x80\xE2\x94\x80 {severity=~\"critical|warning\"}  continue: true  receiver: "
    "slack-ml-alerts\n"
    "    \xE2\x94\x94\xE2\x94\x80\xE2\x94\x80 {severity=\"warning\"}  receiver: ml-team-email\n\n";

}  // namespace

TEST_CASE("check-alertmanager: clean, findings, I/O errors") {
  CliRun clean = run_cli({"check-alertmanager", "testdata/routing.yml"});
  CHECK(clean.code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err == "1 file checked: 0 errors, 0 warnings\n");

  TempDir dir;
  const std::string bad =
      dir.file("bad.yml", "route:\n  receiver: team-X\n  group_by: alertname\nreceivers:\n- name: team-Y\n");
  CliRun r = run_cli({"check-alertmanager", "--color", "never", bad});
  CHECK(r.code == 1);
  CHECK(r.out == bad +
                     ":2:13: error: undefined receiver \"team-X\" used in route [alertmanager/undefined-receiver]\n"
                     "    receiver: team-X\n"
                     "              ^\n" +
                     bad +
                     ":3:13: error: cannot unmarshal !!str `alertname` into []string [alertmanager/type-error]\n"
                     "    group_by: alertname\n"
                     "              ^\n" +
                     bad +
                     ":5:9: warning: receiver \"team-Y\" is not used by any route [alertmanager/unused-receiver]\n"
                     "  - name: team-Y\n"
                     "          ^\n");
  CHECK(r.err == "1 file checked: 2 errors, 1 warning\n");

  CliRun amtool = run_cli({"check-alertmanager", "--amtool", bad});
  CHECK(amtool.code == 1);
  CHECK(amtool.out ==
        "Checking '" + bad +
            "'  FAILED: yaml: unmarshal errors:\n  line 3: cannot unmarshal !!str `alertname` into []string\n\n");

  CliRun missing = run_cli({"check-alertmanager", "/nonexistent/am.yml"});
  CHECK(missing.code == 2);
  CHECK(missing.err == "mlmon check-alertmanager: /nonexistent/am.yml: no such file or directory\n");

  CliRun json = run_cli({"check-alertmanager", "--format", "json", "--no-lint", bad});
  CHECK(json.code == 1);
  CHECK(json.out.find("\"rule\": \"alertmanager/undefined-receiver\"") != std::string::npos);
  CHECK(json.out.find("unused-receiver") == std::string::npos);
}

TEST_CASE("check-alertmanager --amtool prints amtool's success summary" * doctest::test_suite("corpus")) {
  const std::string good = std::string(MLMON_CORPUS_DIR) + "/alertmanager/config-testdata/conf.good.yml";
  CliRun r = run_cli({"check-alertmanager", "--amtool", good});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "Checking '" + good +
            "'  SUCCESS\nFound:\n - global config\n - route\n - 1 inhibit rules\n - 9 receivers\n - 1 templates\n"
            "  SUCCESS\n\n");
}

TEST_CASE("check-alertmanager never prints a secret, even when quoting source lines") {
  TempDir dir;
  const std::string cfg =
      dir.file("am.yml", "global:\n  smtp_auth_password: " + kSecretPassword + "\n  slack_api_url: " + kSecretUrl +
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

  CliRun ok = run_cli({"routes", "test", "testdata/routing.yml", "--verify-receivers=audit-log,db-pager,db-slack",
                       "team=db", "severity=critical"});
  CHECK(ok.code == 0);
  CHECK(ok.out == "audit-log,db-pager,db-slack\n");

  CliRun mismatch = run_cli({"routes", "test", "testdata/routing.yml",
                             "--verify.receivers=audit-log, db-pager, db-slack", "team=db", "severity=critical"});
  CHECK(mismatch.code == 1);
  CHECK(mismatch.out == "audit-log,db-pager,db-slack\nWARNING: Expected receivers did not match resolved receivers.\n");

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
  std::optional<SeedEnv> env(std::in_place, nullptr, nullptr);
  CliRun missing = run_cli({"render-alertmanager", "../../rules/alertmanager.yml.tmpl", "-o", out});
  CHECK(missing.code == 1);
  CHECK_FALSE(fs::exists(out));
  CHECK(missing.out.find("required variable SLACK_WEBHOOK_URL is not set") != std::string::npos);
  CHECK(missing.out.find("required variable SMTP_PASSWORD is not set") != std::string::npos);
  CHECK(missing.err == "mlmon render-alertmanager: nothing written: 2 problems in ../../rules/alertmanager.yml.tmpl\n");

  env.emplace(kSecretUrl.c_str(), kSecretPassword.c_str());
  CliRun ok = run_cli({"render-alertmanager", "../../rules/alertmanager.yml.tmpl", "-o", out});
  CHECK(ok.code == 0);
  CHECK(ok.out.empty());
  // Two variables set, the third (PAGERDUTY_SERVICE_KEY) left to its default.
  CHECK(ok.err == "wrote " + out + " (2 values from the environment, 1 default): 0 errors, 0 warnings\n");
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
                        "pagerduty-critical,slack-ml-alerts [alertmanager/route-cases]\n"
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
}

TEST_CASE("check-alertmanager --rules routes every alerting rule") {
  TempDir dir;
  const std::string rules =
      dir.file("rules.yml",
               "groups:\n- name: g\n  rules:\n  - alert: Chatty\n    expr: up == 0\n    labels: "
               "{severity: info}\n  - alert: Crit\n    expr: up == 0\n    labels:\n      severity: "
               "critical\n");
  const std::string cfg = dir.file(
      "am.yml",
      "route:\n  receiver: default\n  routes:\n  - matchers: [severity=\"critical\", team=\"ml\"]\n    receiver: "
      "pager\n"
      "  - matchers: [severity=\"info\"]\n    receiver: devnull\nreceivers:\n- name: default\n  webhook_configs: "
      "[{url: "
      "'http://x.example/'}]\n- name: pager\n  webhook_configs: [{url: 'http://x.example/'}]\n- name: devnull\n");
  CliRun r = run_cli({"check-alertmanager", "--format", "github", "--rules", rules, cfg});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "::warning file=" + rules +
            ",line=4,col=12,title=alertmanager/unrouted-alert::alert Chatty reaches no receiver that notifies "
            "anyone: devnull has no integrations%0Aroute it to a receiver with an integration, or drop the rule "
            "if nobody needs it\n"
            "::warning file=" +
            rules +
            ",line=7,col=12,title=alertmanager/default-route-only::alert Crit (severity=critical) only reaches "
            "the root receiver default, although routes exist for this severity%0Athe route "
            "{severity=\"critical\",team=\"ml\"} (Alertmanager config line 4) (or its parent) does not match "
            "the alert's other labels\n");
  CliRun strict = run_cli({"check-alertmanager", "--fail-on", "warning", "--rules", rules, cfg});
  CHECK(strict.code == 1);
  CliRun missing = run_cli({"check-alertmanager", "--rules", "/nonexistent/rules", cfg});
  CHECK(missing.code == 2);
}

TEST_CASE("render-alertmanager writes nothing when the rendered config has errors: the old file keeps bytes and mode") {
  TempDir dir;
  const std::string tmpl = dir.file("am.yml.tmpl",
                                    "global:\n  slack_api_url: '${SLACK_URL}'\nroute:\n  receiver: nobody\nreceivers:\n"
                                    "- name: team\n");
  const std::string out = dir.file("alertmanager.yml", "# the config Alertmanager runs now\n");
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ScopedEnv slack("SLACK_URL", kSecretUrl.c_str());
  const std::string findings =
      tmpl +
      ":4:13: error: undefined receiver \"nobody\" used in route [alertmanager/undefined-receiver]\n"
      "    receiver: nobody\n"
      "              ^\n" +
      tmpl +
      ":6:9: warning: receiver \"team\" is not used by any route [alertmanager/unused-receiver]\n"
      "  - name: team\n"
      "          ^\n";
  const std::string refused =
      "mlmon render-alertmanager: nothing written: 1 error, 1 warning in the config rendered from " + tmpl + "\n";

  CliRun r = run_cli({"render-alertmanager", "--color", "never", tmpl, "-o", out});
  CHECK(r.code == 1);
  CHECK(r.out == findings);
  CHECK(r.err == refused);
  CHECK(dir.read("alertmanager.yml") == "# the config Alertmanager runs now\n");
  CHECK(mode_of(out) == 0640);

  // Without -o nothing goes to stdout either; the findings go to stderr.
  CliRun piped = run_cli({"render-alertmanager", "--color", "never", tmpl});
  CHECK(piped.code == 1);
  CHECK(piped.out == "");
  CHECK(piped.err == findings + refused);
  CHECK(no_secret_in(r));
  CHECK(no_secret_in(piped));
}

TEST_CASE("render-alertmanager --fail-on warning: a warning keeps the file from being written too") {
  TempDir dir;
  const std::string tmpl = dir.file("am.yml.tmpl",
                                    "route:\n  receiver: '${RECEIVER:-team}'\nreceivers:\n- name: team\n"
                                    "- name: spare\n");
  const std::string out = dir / "alertmanager.yml";
  CliRun strict = run_cli({"render-alertmanager", "--fail-on", "warning", "--color", "never", tmpl, "-o", out});
  CHECK(strict.code == 1);
  CHECK(strict.out == tmpl +
                          ":5:9: warning: receiver \"spare\" is not used by any route [alertmanager/unused-receiver]\n"
                          "  - name: spare\n"
                          "          ^\n");
  CHECK(strict.err == "mlmon render-alertmanager: nothing written: 0 errors, 1 warning in the config rendered from " +
                          tmpl + " (--fail-on warning)\n");
  CHECK_FALSE(fs::exists(out));

  CliRun lenient = run_cli({"render-alertmanager", "-q", "--color", "never", tmpl, "-o", out});
  CHECK(lenient.code == 0);
  CHECK(dir.read("alertmanager.yml") == "# Rendered by mlmon render-alertmanager from " + tmpl +
                                            "; edit the template, not this file.\n"
                                            "route:\n  receiver: 'team'\nreceivers:\n- name: team\n- name: spare\n");
}

TEST_CASE("render-alertmanager counts values from the environment and defaults; its output checks clean") {
  TempDir dir;
  const std::string out = dir / "alertmanager.yml";
  {
    SeedEnv env(kSecretUrl.c_str(), kSecretPassword.c_str(), "pd-s3cr3t-key");
    CliRun all = run_cli({"render-alertmanager", kSeedTemplate, "-o", out});
    CHECK(all.code == 0);
    CHECK(all.err == "wrote " + out + " (3 values from the environment, 0 defaults): 0 errors, 0 warnings\n");
  }
  SeedEnv env(kSecretUrl.c_str(), kSecretPassword.c_str());
  CliRun r = run_cli({"render-alertmanager", kSeedTemplate, "-o", out});
  CHECK(r.code == 0);
  CHECK(r.err == "wrote " + out + " (2 values from the environment, 1 default): 0 errors, 0 warnings\n");
  const std::string rendered = dir.read("alertmanager.yml");
  CHECK(
      rendered.starts_with("# Rendered by mlmon render-alertmanager from ../../rules/alertmanager.yml.tmpl; edit "
                           "the template, not this file.\n"
                           "# Alertmanager configuration template for the ML platform.\n"));
  CHECK(rendered.find("service_key: 'pagerduty-not-configured'") != std::string::npos);

  // Its secrets are there by design: no plain-secret warning sends the user back to a template,
  // and the template's default is no secret.
  CliRun check = run_cli({"check-alertmanager", out});
  CHECK(check.code == 0);
  CHECK(check.out == "");
  CHECK(check.err == "1 file checked: 0 errors, 0 warnings\n");
  for (const CliRun* run : {&r, &check}) CHECK(no_secret_in(*run));
}

TEST_CASE("render-alertmanager refuses a file that is no config template") {
  TempDir dir;
  const std::string out = dir / "alertmanager.yml";
  CliRun r = run_cli({"render-alertmanager", "--color", "never", "../../rules/ml-platform.rules.yml", "-o", out});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "../../rules/ml-platform.rules.yml: error: this is a Prometheus rule file, not an Alertmanager config "
        "template: check it with `mlmon check-rules` [alertmanager/not-a-config]\n");
  CHECK(r.err == "mlmon render-alertmanager: nothing written: 1 problem in ../../rules/ml-platform.rules.yml\n");
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("check-alertmanager renders a config template in memory: environment, or --placeholders") {
  const std::string missing_message =
      "mlmon check-alertmanager: ../../rules/alertmanager.yml.tmpl: required variables SLACK_WEBHOOK_URL, "
      "SMTP_PASSWORD are not set; export them, or add --placeholders to check the template with placeholder values\n";
  {
    SeedEnv unset(nullptr, nullptr);
    CliRun r = run_cli({"check-alertmanager", kSeedTemplate});
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == missing_message + "0 files checked, 1 not checked (see above): 0 errors, 0 warnings\n");

    CliRun placeholders = run_cli({"check-alertmanager", "--placeholders", kSeedTemplate});
    CHECK(placeholders.code == 0);
    CHECK(placeholders.out == "");
    CHECK(placeholders.err ==
          "mlmon check-alertmanager: ../../rules/alertmanager.yml.tmpl is a template: rendered in "
          "memory with 2 placeholder values, 1 default\n1 file checked: 0 errors, 0 warnings\n");

    CliRun amtool = run_cli({"check-alertmanager", "--amtool", "--placeholders", "-q", kSeedTemplate});
    CHECK(amtool.code == 0);
    CHECK(amtool.out ==
          "Checking '../../rules/alertmanager.yml.tmpl'  SUCCESS\nFound:\n - global config\n - route\n"
          " - 1 inhibit rules\n - 3 receivers\n - 0 templates\n\n");
    CHECK(amtool.err == "");
  }
  {
    SeedEnv empty("", kSecretPassword.c_str());
    CliRun r = run_cli({"check-alertmanager", "-q", kSeedTemplate});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "mlmon check-alertmanager: ../../rules/alertmanager.yml.tmpl: required variable SLACK_WEBHOOK_URL is empty; "
          "export it, or add --placeholders to check the template with placeholder values\n");
  }
  SeedEnv env(kSecretUrl.c_str(), kSecretPassword.c_str());
  CliRun r = run_cli({"check-alertmanager", kSeedTemplate});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err ==
        "mlmon check-alertmanager: ../../rules/alertmanager.yml.tmpl is a template: rendered in memory with 2 "
        "values from the environment, 1 default\n1 file checked: 0 errors, 0 warnings\n");
  CHECK(no_secret_in(r));
}

TEST_CASE("routes show and routes test take a config template") {
  {
    SeedEnv unset(nullptr, nullptr);
    CliRun missing = run_cli({"routes", "show", kSeedTemplate});
    CHECK(missing.code == 2);
    CHECK(missing.out == "");
    CHECK(missing.err ==
          "mlmon routes show: ../../rules/alertmanager.yml.tmpl: required variables SLACK_WEBHOOK_URL, "
          "SMTP_PASSWORD are not set; export them, or add --placeholders to check the template with "
          "placeholder values\n");
    CliRun show = run_cli({"routes", "show", "--placeholders", kSeedTemplate});
    CHECK(show.code == 0);
    CHECK(show.out == kTreeOfSeed);
    CHECK(show.err ==
          "mlmon routes show: ../../rules/alertmanager.yml.tmpl is a template: rendered in memory with 2 "
          "placeholder values, 1 default\n");
    CliRun cases = run_cli(
        {"routes", "test", "--placeholders", kSeedTemplate, "--cases", "../../rules/alertmanager-routes.cases.yml"});
    CHECK(cases.code == 0);
    CHECK(cases.out == "11 of 11 routing cases pass\n");
  }
  SeedEnv env(kSecretUrl.c_str(), kSecretPassword.c_str());
  CliRun test = run_cli({"routes", "test", kSeedTemplate, "severity=critical", "service=prediction"});
  CHECK(test.code == 0);
  CHECK(test.out == "pagerduty-critical,slack-ml-alerts\n");
  CHECK(test.err ==
        "mlmon routes test: ../../rules/alertmanager.yml.tmpl is a template: rendered in memory with 2 "
        "values from the environment, 1 default\n");
  CHECK(no_secret_in(test));
}

TEST_CASE("a template's findings point into the template, quote it with secrets masked, hint at the template") {
  TempDir dir;
  const std::string tmpl =
      dir.file("am.yml.tmpl",
               "global:\n"
               "  slack_api_url: '${SLACK_URL}'\n"
               "  smtp_auth_password: '" +
                   kSecretPassword +
                   "'\n"
                   "route:\n"
                   "  receiver: team\n"
                   "  group_wait: ${WAIT:-30x}\n"
                   "  routes: [{matchers: ['severity=\"${SEV}\"'], receiver: nobody}]\n"
                   "receivers:\n"
                   "- name: team\n"
                   "  pagerduty_configs: [{service_key: '${PD_KEY:-pagerduty-not-configured}'}]\n");
  CliRun r = run_cli({"check-alertmanager", "--placeholders", "--color", "never", tmpl});
  CHECK(r.code == 1);
  CHECK(r.out ==
        tmpl +
            ":3:3: warning: smtp_auth_password holds a secret in plain text [alertmanager/plain-secret]\n"
            "    smtp_auth_password: ******************\n"
            "    ^\n"
            "  hint: read it from a file with smtp_auth_password_file, or write a ${VAR} reference in its place in "
            "the template\n" +
            tmpl +
            ":6:15: error: unknown unit \"x\" in duration \"30x\" [alertmanager/duration]\n"
            "    group_wait: ${WAIT:-30x}\n"
            "                ^\n" +
            tmpl +
            ":7:56: error: undefined receiver \"nobody\" used in route [alertmanager/undefined-receiver]\n"
            "    routes: [{matchers: ['severity=\"${SEV}\"'], receiver: nobody}]\n" +
            std::string(2 + 55, ' ') + "^\n");
  CHECK(r.err == "mlmon check-alertmanager: " + tmpl +
                     " is a template: rendered in memory with 2 placeholder values, "
                     "2 defaults\n1 file checked: 2 errors, 1 warning\n");
  CHECK(no_secret_in(r));

  // mlmon check renders it the same way (placeholders) and reports Alertmanager's errors in it.
  CliRun check = run_cli({"check", "--no-thresholds", "--color", "never", dir.path()});
  CHECK(check.code == 1);
  CHECK(check.out ==
        tmpl +
            ":6:15: error: unknown unit \"x\" in duration \"30x\" (in the template rendered with placeholder "
            "values) [alertmanager/duration]\n"
            "    group_wait: ${WAIT:-30x}\n"
            "                ^\n" +
            tmpl +
            ":7:56: error: undefined receiver \"nobody\" used in route (in the template rendered with placeholder "
            "values) [alertmanager/undefined-receiver]\n"
            "    routes: [{matchers: ['severity=\"${SEV}\"'], receiver: nobody}]\n" +
            std::string(2 + 55, ' ') + "^\n");
  CHECK(no_secret_in(check));
}

TEST_CASE("check-alertmanager and routes say when a file is of another kind") {
  TempDir dir;
  const std::string notification = dir.file("slack.tmpl", "{{ define \"slack.title\" }}[{{ .Status }}]{{ end }}\n");
  CliRun r = run_cli({"check-alertmanager", "--color", "never", "../../rules/ml-platform.rules.yml",
                      "../../dashboards/ml_metrics.json", notification});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "../../dashboards/ml_metrics.json: error: this is a Grafana dashboard, not an Alertmanager config: "
        "check it with `mlmon check-dashboards` [alertmanager/not-a-config]\n"
        "../../rules/ml-platform.rules.yml: error: this is a Prometheus rule file, not an Alertmanager "
        "config: check it with `mlmon check-rules` [alertmanager/not-a-config]\n" +
            notification +
            ": error: this is an Alertmanager notification template, not an Alertmanager config "
            "[alertmanager/not-a-config]\n");
  CHECK(r.err == "3 files checked: 3 errors, 0 warnings\n");

  CliRun amtool = run_cli({"check-alertmanager", "--amtool", "../../rules/ml-platform.rules.yml"});
  CHECK(amtool.code == 1);
  CHECK(amtool.out ==
        "Checking '../../rules/ml-platform.rules.yml'  FAILED: this is a Prometheus rule file, not an "
        "Alertmanager config: check it with `mlmon check-rules`\n\n");

  CliRun routes = run_cli({"routes", "show", "../../rules/ml-platform.rules.yml"});
  CHECK(routes.code == 1);
  CHECK(routes.out == "");
  CHECK(routes.err ==
        "../../rules/ml-platform.rules.yml: error: this is a Prometheus rule file, not an Alertmanager "
        "config: check it with `mlmon check-rules` [alertmanager/not-a-config]\n"
        "mlmon routes show: ../../rules/ml-platform.rules.yml is not a valid Alertmanager config\n");
}

TEST_CASE("check-alertmanager DIR checks the configs and config templates in it, less what .mlmon.yml ignores") {
  TempDir dir;
  dir.file(".mlmon.yml", "ignore: ['am/broken/*']\n");
  dir.file("am/alertmanager.yml", "route: {receiver: a}\nreceivers: [{name: a}]\n");
  const std::string tmpl = dir.file(
      "am/prod.yml.tmpl", "global: {slack_api_url: '${SLACK_URL}'}\nroute: {receiver: a}\nreceivers: [{name: a}]\n");
  dir.file("am/rules.yml", "groups: [{name: g, rules: [{alert: A, expr: up == 0}]}]\n");
  dir.file("am/slack.tmpl", "{{ define \"slack.title\" }}x{{ end }}\n");
  dir.file("am/broken/am.yml", "route: {receiver: nobody}\nreceivers: [{name: a}]\n");
  const std::string am = dir / "am";

  CliRun r = run_cli({"check-alertmanager", "--placeholders", am});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "mlmon check-alertmanager: " + tmpl +
                     " is a template: rendered in memory with 1 placeholder value, 0 defaults\n"
                     "2 files checked (2 other files skipped; --verbose lists them): 0 errors, 0 warnings\n");
  CliRun verbose = run_cli({"check-alertmanager", "--placeholders", "-v", am});
  CHECK(verbose.err == "skipped " + am +
                           "/rules.yml: a Prometheus rule file\n"
                           "skipped " +
                           am +
                           "/slack.tmpl: an Alertmanager notification template\n"
                           "mlmon check-alertmanager: " +
                           tmpl +
                           " is a template: rendered in memory with 1 placeholder value, 0 defaults\n"
                           "2 files checked (2 other files skipped): 0 errors, 0 warnings\n");

  // Not ignored, the broken config is found and fails the run.
  dir.file(".mlmon.yml", "ignore: []\n");
  CliRun all = run_cli({"check-alertmanager", "--placeholders", "-q", "--format", "github", am});
  CHECK(all.code == 1);
  CHECK(all.out == "::error file=" + am +
                       "/broken/am.yml,line=1,col=19,title=alertmanager/undefined-receiver::undefined receiver "
                       "\"nobody\" used in route\n"
                       "::warning file=" +
                       am +
                       "/broken/am.yml,line=2,col=20,title=alertmanager/unused-receiver::receiver \"a\" is not used "
                       "by any route\n");

  // A directory with no config in it is a usage error, never a clean summary.
  TempDir empty;
  empty.file("rules.yml", "groups: []\n");
  CliRun none = run_cli({"check-alertmanager", empty.path()});
  CHECK(none.code == 2);
  CHECK(none.out == "");
  CHECK(none.err ==
        "mlmon check-alertmanager: no Alertmanager config (a YAML file with route: and receivers:, or "
        "such a *.tmpl template) among the files found; 1 other file skipped (--verbose lists them)\n");
}
