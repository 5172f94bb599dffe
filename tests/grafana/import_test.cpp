// `mlmon import-dashboard` end to end: the CLI in-process, the real libcurl client, the fake Grafana.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>

#include "fake_grafana.hpp"
#include "test_support.hpp"

namespace mlmon::testing {

namespace {

using nlohmann::json;

std::string summary(int created, int updated, int unchanged, int failed) {
  return fmt::format("  created    updated  unchanged     failed\n{:>9}  {:>9}  {:>9}  {:>9}\n", created, updated,
                     unchanged, failed);
}

/// A fake Grafana, a folder of dashboard files, and GRAFANA_TOKEN set to the fake's admin token.
struct ImportFixture {
  FakeGrafana grafana;
  TempDir dir;
  ScopedEnv token;

  explicit ImportFixture(FakeGrafanaOptions options = {})
      : grafana(std::move(options)), token("GRAFANA_TOKEN", std::nullopt) {
    grafana.start();
    ::setenv("GRAFANA_TOKEN", grafana.admin_token().c_str(), 1);  // restored by `token`
  }
  std::string file(const std::string& name, const json& dashboard) const { return dir.file(name, to_file(dashboard)); }
  CliRun import(std::vector<std::string> args) const {
    args.insert(args.begin(), {"import-dashboard", "--url", grafana.url()});
    return run_cli(args);
  }
  /// The body of the last POST /api/dashboards/db.
  json last_save() const {
    auto requests = grafana.requests();
    for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
      if (it->method == "POST" && it->path == "/api/dashboards/db") return json::parse(it->body);
    }
    return nullptr;
  }
};

}  // namespace

TEST_CASE("import-dashboard: create, unchanged, update by mlmon, refuse after a UI edit, --overwrite") {
  for (const char* version : {"11.5.0", "12.1.0"}) {  // the old and the wrapped versions shape
    CAPTURE(version);
    FakeGrafanaOptions options;
    options.grafana_version = version;
    ImportFixture f(options);
    std::string a = f.file("ml-a.json", sample_dashboard("ml-a", "ML A", 0.5));

    CliRun created = f.import({a});
    CHECK(created.code == 0);
    CHECK(created.out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
    CHECK(created.err == "");
    REQUIRE(f.grafana.history("ml-a").size() == 1);
    CHECK(f.grafana.history("ml-a")[0].message == "mlmon: " + a);
    CHECK(f.last_save()["overwrite"] == false);

    f.grafana.clear_requests();
    CliRun unchanged = f.import({a});
    CHECK(unchanged.code == 0);
    CHECK(unchanged.out == a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));
    CHECK(f.grafana.write_requests() == 0);

    f.file("ml-a.json", sample_dashboard("ml-a", "ML A", 0.3));
    CliRun updated = f.import({a, "--message", "lower the p99 threshold"});
    CHECK(updated.code == 0);
    CHECK(updated.out == a + ": updated ml-a (version 1 → 2)\n" + summary(0, 1, 0, 0));
    json save = f.last_save();
    CHECK(save["dashboard"]["version"] == 1);  // the live version, so a concurrent edit gets 412
    CHECK(save["overwrite"] == false);
    CHECK(save["message"] == "mlmon: lower the p99 threshold");
    CHECK((*f.grafana.dashboard("ml-a"))["panels"][0]["fieldConfig"]["defaults"]["thresholds"]["steps"][0]["value"] ==
          0.3);

    f.grafana.ui_edit("ml-a", [](json& d) { d["description"] = "tuned by hand"; }, "alice");
    f.file("ml-a.json", sample_dashboard("ml-a", "ML A", 0.2));
    f.grafana.clear_requests();
    CliRun refused = f.import({a});
    CHECK(refused.code == 1);
    CHECK(refused.out == a +
                             ": failed: ml-a: edited in Grafana by alice at 2026-01-01T00:00:02Z; use --overwrite to "
                             "replace it, or export-dashboard to pull the change\n" +
                             summary(0, 0, 0, 1));
    CHECK(f.grafana.write_requests() == 0);
    CHECK((*f.grafana.dashboard("ml-a"))["description"] == "tuned by hand");

    CliRun overwritten = f.import({a, "--overwrite"});
    CHECK(overwritten.code == 0);
    CHECK(overwritten.out ==
          a + ": updated ml-a (version 3 → 4), replacing the edit by alice at 2026-01-01T00:00:02Z\n" +
              summary(0, 1, 0, 0));
    CHECK(f.last_save()["overwrite"] == true);
    CHECK_FALSE((*f.grafana.dashboard("ml-a")).contains("description"));

    // mlmon saved last again, so the next change goes through without --overwrite.
    f.file("ml-a.json", sample_dashboard("ml-a", "ML A", 0.25));
    CHECK(f.import({a}).out == a + ": updated ml-a (version 4 → 5)\n" + summary(0, 1, 0, 0));
  }
}

TEST_CASE("import-dashboard: 412 version-mismatch when someone saves between mlmon's read and write") {
  ImportFixture f;
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A", 0.5));
  REQUIRE(f.import({a}).code == 0);
  f.file("a.json", sample_dashboard("ml-a", "ML A", 0.3));
  Fault race(Fault::Kind::Hook, "POST", "/api/dashboards/db");
  race.on_match = [&] { f.grafana.ui_edit("ml-a", [](json& d) { d["description"] = "meanwhile"; }, "bob"); };
  f.grafana.add_fault(race);
  CliRun run = f.import({a});
  CHECK(run.code == 1);
  CHECK(run.out == a +
                       ": failed: ml-a: changed in Grafana while mlmon was saving it (412 version-mismatch: The "
                       "dashboard has been changed by someone else); run again to re-check, or use --overwrite to "
                       "replace it\n" +
                       summary(0, 0, 0, 1));
  CHECK((*f.grafana.dashboard("ml-a"))["description"] == "meanwhile");
}

TEST_CASE("import-dashboard: 412 name-exists on Grafana before 11.3") {
  FakeGrafanaOptions options;
  options.grafana_version = "11.2.0";
  ImportFixture f(options);
  f.grafana.put_dashboard(sample_dashboard("legacy", "ML A"), "", "made by hand");
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  CliRun run = f.import({a, "--overwrite"});  // --overwrite never replaces a different dashboard
  CHECK(run.code == 1);
  CHECK(run.out == a +
                       ": failed: ml-a: another dashboard titled \"ML A\" already exists in folder \"General\" (412 "
                       "name-exists: A dashboard with the same name in the folder already exists); Grafana before 11.3 "
                       "needs titles unique per folder, so rename one of them\n" +
                       summary(0, 0, 0, 1));
  CHECK(f.grafana.dashboard("legacy").has_value());
  CHECK(f.last_save()["overwrite"] == false);
}

TEST_CASE("import-dashboard: 401 stops the run; 403 names the credentials") {
  {
    ImportFixture f;
    ScopedEnv wrong("GRAFANA_TOKEN", "glsa_wrongToken0123456789abcdefABCDEF_00000000");
    std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
    std::string b = f.file("b.json", sample_dashboard("ml-b", "ML B"));
    CliRun run = f.import({a, b, "--verbose"});
    CHECK(run.code == 2);  // credentials, not the dashboards: the exit code table's 2
    CHECK(run.out == a + ": failed: GET /api/dashboards/uid/ml-a: Grafana at " + f.grafana.url() +
                         " rejected the credentials from GRAFANA_TOKEN (401 Unauthorized: Unauthorized)\n"
                         "1 dashboard not attempted\n" +
                         summary(0, 0, 0, 2));
    CHECK(f.grafana.requests().size() == 1);
    for (const std::string& text : {run.out, run.err}) {
      CHECK(text.find("glsa_wrongToken") == std::string::npos);
    }
  }
  {
    FakeGrafanaOptions options;
    options.tokens["glsa_readonlyToken0123456789abcdefABCDEF_00000000"] = {1, true, "viewer"};
    ImportFixture f(options);
    ScopedEnv readonly("GRAFANA_TOKEN", "glsa_readonlyToken0123456789abcdefABCDEF_00000000");
    std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
    CliRun run = f.import({a});
    CHECK(run.code == 1);
    CHECK(run.out == a +
                         ": failed: POST /api/dashboards/db: access denied (403 Forbidden: Access denied to save "
                         "dashboard); the credentials from GRAFANA_TOKEN lack the permission for this\n" +
                         summary(0, 0, 0, 1));
  }
}

TEST_CASE("import-dashboard: 500 is retried with backoff, then succeeds") {
  ImportFixture f;
  f.grafana.add_fault(
      {Fault::Kind::Status, "POST", "/api/dashboards/db", 2, 500, R"({"message":"Failed to save dashboard"})"});
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  CliRun run = f.import({a});
  CHECK(run.code == 0);
  CHECK(run.out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
  CHECK(run.err == "retrying POST " + f.grafana.url() + "/api/dashboards/db in 0.5s after HTTP 500 (attempt 2 of 4)\n" +
                       "retrying POST " + f.grafana.url() +
                       "/api/dashboards/db in 1s after HTTP 500 (attempt 3 of 4)\n");
}

TEST_CASE("import-dashboard: Grafana failing for good, or too slow, fails in bounded time") {
  {
    ImportFixture f;
    f.grafana.add_fault({Fault::Kind::Status, "POST", "/api/dashboards/db", -1, 503});
    std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
    CliRun run = f.import({a, "--retries", "1"});
    CHECK(run.code == 1);
    CHECK(run.out ==
          a + ": failed: POST /api/dashboards/db: Grafana failed (503 Service Unavailable: Service Unavailable)\n" +
              summary(0, 0, 0, 1));
  }
  {
    ImportFixture f;
    f.grafana.add_fault({Fault::Kind::Delay, "GET", "/api/dashboards/uid/", -1, 0, "", 10.0});
    std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
    std::string b = f.file("b.json", sample_dashboard("ml-b", "ML B"));
    auto started = std::chrono::steady_clock::now();
    CliRun run = f.import({a, b, "--timeout", "0.3", "--retries", "1"});
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < 5.0);
    CHECK(run.code == 2);  // a network failure ends the run
    CHECK(run.out.starts_with(a + ": failed: GET " + f.grafana.url() +
                              "/api/dashboards/uid/ml-a: no complete reply within the timeout ("));
    CHECK(run.out.ends_with(") (gave up after 2 attempts)\n1 dashboard not attempted\n" + summary(0, 0, 0, 2)));
  }
}

TEST_CASE("import-dashboard: bad replies fail that dashboard only, never crash") {
  ImportFixture f;
  f.grafana.add_fault({Fault::Kind::Malformed, "GET", "/api/dashboards/uid/ml-a", 1});
  f.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/ml-b", 1, 200, R"({"dashboard":"nope"})"});
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  std::string b = f.file("b.json", sample_dashboard("ml-b", "ML B"));
  std::string c = f.file("c.json", sample_dashboard("ml-c", "ML C"));
  CliRun run = f.import({a, b, c});
  CHECK(run.code == 1);
  CHECK(run.out == a +
                       ": failed: GET /api/dashboards/uid/ml-a: Grafana's reply is not what its API documents: HTTP "
                       "200 parse error at line 1, column 31: syntax error while parsing value - invalid string: "
                       "missing closing quote; last read: '\"trunc'\n" +
                       b +
                       ": failed: GET /api/dashboards/uid/ml-b: Grafana's reply is not what its API documents: no "
                       "\"dashboard\" object\n" +
                       c + ": created ml-c (version 1)\n" + summary(1, 0, 0, 2));
}

TEST_CASE("import-dashboard: an unreadable history needs --overwrite") {
  ImportFixture f;
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A", 0.5));
  REQUIRE(f.import({a}).code == 0);
  f.file("a.json", sample_dashboard("ml-a", "ML A", 0.3));
  f.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/ml-a/versions", -1, 500});
  CliRun refused = f.import({a, "--retries", "0"});
  CHECK(refused.code == 1);
  CHECK(refused.out == a +
                           ": failed: ml-a: cannot read the version history (GET "
                           "/api/dashboards/uid/ml-a/versions?limit=1: Grafana failed (500 Internal Server Error: "
                           "Internal Server Error)), so mlmon cannot tell whether it was edited in Grafana; use "
                           "--overwrite to replace it\n" +
                           summary(0, 0, 0, 1));
  CliRun forced = f.import({a, "--retries", "0", "--overwrite"});
  CHECK(forced.out == a + ": updated ml-a (version 1 → 2), replacing a dashboard whose history could not be read\n" +
                          summary(0, 1, 0, 0));
}

TEST_CASE("import-dashboard: Grafana under a sub-path") {
  FakeGrafanaOptions options;
  options.sub_path = "/grafana";
  ImportFixture f(options);
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  CHECK(f.import({a}).out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
  CHECK(f.import({a}).out == a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));
  CHECK(f.grafana.requests().front().path == "/api/dashboards/uid/ml-a");
}

TEST_CASE("import-dashboard: no secret in any output, --verbose included") {
  ImportFixture f;
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A", 0.5));
  std::vector<CliRun> runs;
  runs.push_back(f.import({a, "--verbose"}));
  f.file("a.json", sample_dashboard("ml-a", "ML A", 0.3));
  runs.push_back(f.import({a, "--verbose"}));
  f.grafana.ui_edit("ml-a", [](json& d) { d["description"] = "x"; });
  f.file("a.json", sample_dashboard("ml-a", "ML A", 0.2));
  runs.push_back(f.import({a, "--verbose"}));
  f.grafana.add_fault({Fault::Kind::Status, "", "/api/dashboards/uid/ml-a", 1, 500,
                       R"({"message":"echo Bearer )" + f.grafana.admin_token() + R"("})"});
  runs.push_back(f.import({a, "--verbose", "--retries", "0"}));
  {
    // Basic auth from the environment: neither the password nor its base64 form may leak.
    ScopedEnv no_token("GRAFANA_TOKEN", std::nullopt);
    ScopedEnv user("GRAFANA_USER", "admin");
    ScopedEnv password("GRAFANA_PASSWORD", "admin-password");
    runs.push_back(f.import({a, "--verbose", "--overwrite"}));
    CHECK(runs.back().code == 0);
  }
  CHECK(runs[0].err.find(">   Authorization: [redacted]\n") != std::string::npos);
  CHECK(runs[3].out.find("echo [redacted]") != std::string::npos);
  for (const CliRun& run : runs) {
    for (const std::string& text : {run.out, run.err}) {
      CHECK(text.find(f.grafana.admin_token()) == std::string::npos);
      CHECK(text.find("admin-password") == std::string::npos);
      CHECK(text.find("YWRtaW46YWRtaW4tcGFzc3dvcmQ=") == std::string::npos);
    }
  }
}

TEST_CASE("import-dashboard: --folder is found or created; --no-create; moving a dashboard") {
  ImportFixture f;
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  CliRun first = f.import({a, "--folder", "ML Platform"});
  CHECK(first.code == 0);
  CHECK(first.out ==
        "folder \"ML Platform\": created (uid a0000001)\n" + a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
  CHECK(f.grafana.folder_of("ml-a") == "a0000001");
  CHECK(f.import({a, "--folder", "ML Platform"}).out == a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));
  CHECK(f.import({a}).out == a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));  // stays in its folder
  CHECK(f.grafana.folder_count() == 1);

  CliRun missing = f.import({a, "--folder", "Elsewhere", "--no-create"});
  CHECK(missing.code == 1);
  CHECK(missing.out == "folder \"Elsewhere\": failed: no folder titled \"Elsewhere\" in Grafana (--no-create)\n" + a +
                           ": failed: folder \"Elsewhere\" is not available\n" + summary(0, 0, 0, 1));

  CliRun moved = f.import({a, "--folder-uid", "team-b", "--folder", "Team B"});
  CHECK(moved.out ==
        "folder \"Team B\": created (uid team-b)\n" + a + ": updated ml-a (version 1 → 2)\n" + summary(0, 1, 0, 0));
  CHECK(f.grafana.folder_of("ml-a") == "team-b");
  CHECK(f.import({a, "--folder", "general"}).out == a + ": updated ml-a (version 2 → 3)\n" + summary(0, 1, 0, 0));
  CHECK(f.grafana.folder_of("ml-a") == "");
}

TEST_CASE("import-dashboard: __inputs need --datasource, checked before any request") {
  ImportFixture f;
  json exported = sample_dashboard("ml-a", "ML A");
  exported["__inputs"] = {{{"name", "DS_PROMETHEUS"},
                           {"label", "prometheus"},
                           {"type", "datasource"},
                           {"pluginId", "prometheus"},
                           {"pluginName", "Prometheus"}}};
  exported["__requires"] = {
      {{"type", "datasource"}, {"id", "prometheus"}, {"name", "Prometheus"}, {"version", "1.0.0"}}};
  exported["panels"][0]["datasource"] = {{"type", "prometheus"}, {"uid", "${DS_PROMETHEUS}"}};
  std::string a = f.file("a.json", exported);

  CliRun missing = f.import({a});
  CHECK(missing.code == 1);
  CHECK(missing.out == a +
                           ": failed: no value for the dashboard's input DS_PROMETHEUS (prometheus datasource); pass "
                           "--datasource DS_PROMETHEUS=<datasource uid>\n" +
                           summary(0, 0, 0, 1));
  CHECK(f.grafana.requests().empty());

  CliRun mapped = f.import({a, "--datasource", "DS_PROMETHEUS=P1809F7CD0C75ACF3"});
  CHECK(mapped.out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
  json stored = *f.grafana.dashboard("ml-a");
  CHECK(stored["panels"][0]["datasource"]["uid"] == "P1809F7CD0C75ACF3");
  CHECK_FALSE(stored.contains("__inputs"));
  CHECK_FALSE(stored.contains("__requires"));
  CHECK(f.import({a, "--datasource", "DS_PROMETHEUS=P1809F7CD0C75ACF3"}).out ==
        a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));

  CliRun bad = f.import({a, "--datasource", "DS_PROMETHEUS"});
  CHECK(bad.code == 2);
  CHECK(
      bad.err ==
      "mlmon import-dashboard: --datasource DS_PROMETHEUS: expected NAME=UID, e.g. DS_PROMETHEUS=P1809F7CD0C75ACF3\n");
}

TEST_CASE("import-dashboard: --dry-run prints the diff and writes nothing") {
  ImportFixture f;
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A", 0.5));
  REQUIRE(f.import({a}).code == 0);
  f.file("a.json", sample_dashboard("ml-a", "ML A", 0.3));
  std::string b = f.file("b.json", sample_dashboard("ml-b", "ML B"));
  f.grafana.clear_requests();
  CliRun run = f.import({a, b, "--dry-run", "--folder", "New Folder"});
  CHECK(run.code == 0);
  CHECK(run.out == "folder \"New Folder\": would create\n" + a +
                       ": would update ml-a (version 1)\n"
                       "    ~ panel \"p99 latency\": fieldConfig.defaults.thresholds.steps[0].value: 0.5 → 0.3\n"
                       "    folder: \"General\" → \"New Folder\"\n" +
                       b + ": would create ml-b in folder \"New Folder\"\n" + "dry run: nothing was saved\n" +
                       summary(1, 1, 0, 0));
  CHECK(f.grafana.write_requests() == 0);
  CHECK(f.grafana.folder_count() == 0);

  f.grafana.ui_edit("ml-a", [](json& d) { d["description"] = "x"; }, "carol");
  CliRun refused = f.import({a, "--dry-run"});
  CHECK(refused.code == 1);
  CHECK(refused.out.starts_with(a + ": would fail: ml-a: edited in Grafana by carol at "));
  CHECK(f.grafana.write_requests() == 0);
}

TEST_CASE("import-dashboard: TLS verification against a self-signed loopback server") {
  SelfSignedCertificate certificate = make_self_signed_certificate();
  FakeGrafanaOptions options;
  options.tls_cert_pem = certificate.cert_pem;
  options.tls_key_pem = certificate.key_pem;
  ImportFixture f(options);
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  CliRun refused = f.import({a});
  CHECK(refused.code == 2);
  CHECK(refused.out.starts_with(a + ": failed: GET " + f.grafana.url() +
                                "/api/dashboards/uid/ml-a: TLS certificate verification failed: "));
  CHECK(f.grafana.requests().empty());

  std::string ca = f.dir.file("ca.pem", certificate.cert_pem);
  CHECK(f.import({a, "--ca-cert", ca}).out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
  CliRun insecure = f.import({a, "--insecure"});
  CHECK(insecure.out == a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));
  CHECK(insecure.err == "warning: --insecure: Grafana's TLS certificate is not verified\n");
}

TEST_CASE("import-dashboard: many files, per-file failures, --fail-fast") {
  json no_uid = sample_dashboard("", "No uid");
  no_uid.erase("uid");
  {
    ImportFixture f;
    std::string a = f.file("d/a.json", sample_dashboard("ml-a", "ML A"));
    std::string b = f.file("d/b.json", no_uid);
    std::string c = f.file("d/c.json", sample_dashboard("ml-c", "ML C"));
    std::string dup = f.file("d/d.json", sample_dashboard("ml-a", "ML A copy"));
    std::string bad = f.dir.file("d/e.json", "{\"panels\": [");
    CliRun run = f.import({(f.dir / "d")});
    CHECK(run.code == 1);
    CHECK(run.out == a + ": created ml-a (version 1)\n" + b +
                         ": failed: the dashboard has no uid; give it one (letters, digits, - and _, at most 40) so "
                         "that re-imports update it instead of adding copies\n" +
                         c + ": created ml-c (version 1)\n" + dup + ": failed: uid ml-a is also used by " + a +
                         "; each dashboard needs its own uid\n" + bad +
                         ": failed: not valid JSON: parse error at line 1, column 13: syntax error while parsing value "
                         "- unexpected end of input; expected '[', '{', or a literal\n" +
                         summary(2, 0, 0, 3));
  }
  {
    ImportFixture f;
    std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
    std::string b = f.file("b.json", no_uid);
    std::string c = f.file("c.json", sample_dashboard("ml-c", "ML C"));
    CliRun run = f.import({a, b, c, "--fail-fast"});
    CHECK(run.code == 1);
    CHECK(run.out == a + ": created ml-a (version 1)\n" + b +
                         ": failed: the dashboard has no uid; give it one (letters, digits, - and _, at most 40) so "
                         "that re-imports update it instead of adding copies\n"
                         "stopping at the first failure (--fail-fast)\n1 dashboard not attempted\n" +
                         summary(1, 0, 0, 2));
    CHECK_FALSE(f.grafana.dashboard("ml-c").has_value());
  }
}

TEST_CASE("import-dashboard: a provisioned dashboard is explained") {
  ImportFixture f;
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A", 0.5));
  REQUIRE(f.import({a}).code == 0);
  f.grafana.set_provisioned("ml-a", true);
  f.file("a.json", sample_dashboard("ml-a", "ML A", 0.3));
  CliRun run = f.import({a});
  CHECK(run.code == 1);
  CHECK(run.out == a +
                       ": failed: ml-a: Grafana provisions this dashboard from a file and refuses API saves (400: "
                       "Cannot save provisioned dashboard); change the provisioning source instead, or allow UI "
                       "updates for it\n" +
                       summary(0, 0, 0, 1));
}

TEST_CASE("import-dashboard: usage errors exit 2") {
  TempDir dir;
  std::string a = dir.file("a.json", to_file(sample_dashboard("ml-a", "ML A")));
  ScopedEnv url("GRAFANA_URL", std::nullopt);
  ScopedEnv token("GRAFANA_TOKEN", "glsa_x");
  CliRun no_url = run_cli({"import-dashboard", a});
  CHECK(no_url.code == 2);
  CHECK(no_url.err == "mlmon import-dashboard: no Grafana URL: pass --url or set GRAFANA_URL\n");
  CliRun bad_url = run_cli({"import-dashboard", a, "--url", "grafana:3000"});
  CHECK(bad_url.err ==
        "mlmon import-dashboard: the Grafana URL must start with http:// or https:// (for example "
        "https://grafana.example.com)\n");
  CliRun missing = run_cli({"import-dashboard", (dir / "nope.json"), "--url", "http://127.0.0.1:9"});
  CHECK(missing.code == 2);
  CHECK(missing.err == "mlmon import-dashboard: " + (dir / "nope.json") + ": no such file or directory\n");
  ScopedEnv no_token("GRAFANA_TOKEN", std::nullopt);
  CliRun no_credentials = run_cli({"import-dashboard", a, "--url", "http://127.0.0.1:9"});
  CHECK(no_credentials.code == 2);
  CHECK(no_credentials.err ==
        "mlmon import-dashboard: no credentials: set GRAFANA_TOKEN or --token-file (a service-account token), or "
        "GRAFANA_USER and GRAFANA_PASSWORD\n");
}

}  // namespace mlmon::testing

namespace mlmon::testing {

TEST_CASE("import-dashboard: check-dashboards errors stop the import unless --force") {
  ImportFixture f;
  json dashboard = sample_dashboard("ml-a", "ML A");
  json copy = dashboard["panels"][0];
  copy["gridPos"]["x"] = 12;
  dashboard["panels"].push_back(copy);  // a second panel with the same id
  std::string a = f.dir.file("a.json", dashboard.dump(2) + "\n");
  // The finding is check-dashboards' own (its wording is tested there); import shows it first.
  std::string finding = a + ":65:13: error: panel id 1 is already used by ";
  CliRun refused = f.import({a});
  CHECK(refused.code == 1);
  CHECK(refused.out.starts_with(finding));
  CHECK(refused.out.find("[dashboards/panel-id-unique]\n") != std::string::npos);
  CHECK(refused.out.ends_with(a + ": failed: 1 error from check-dashboards; fix it or pass --force to import anyway\n" +
                              summary(0, 0, 0, 1)));
  CHECK(f.grafana.requests().empty());

  CliRun forced = f.import({a, "--force"});
  CHECK(forced.code == 0);
  CHECK(forced.out.starts_with(finding));
  CHECK(forced.out.ends_with(a + ": importing despite the errors above (--force)\n" + a +
                             ": created ml-a (version 1)\n" + summary(1, 0, 0, 0)));
}

TEST_CASE("import-dashboard: a dashboard-linter .lint beside the dashboard applies, as in check-dashboards") {
  ImportFixture f;
  json dashboard = sample_dashboard("ml-a", "ML A");
  json copy = dashboard["panels"][0];
  copy["gridPos"]["x"] = 12;
  dashboard["panels"].push_back(copy);  // a second panel with the same id
  std::string a = f.dir.file("a.json", dashboard.dump(2) + "\n");
  std::string lint = f.dir.file(".lint", "exclusions:\n  dashboards/panel-id-unique:\n    reason: a test\n");
  CliRun excluded = f.import({a});
  CHECK(excluded.code == 0);
  CHECK(excluded.out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));

  // A .lint that is not well-formed is an error of its own, shown where it is wrong.
  f.dir.file(".lint", "exclusions: 3\n");
  CliRun refused = f.import({a});
  CHECK(refused.code == 1);
  CHECK(refused.out.starts_with(lint + ":1:13: error: expected a mapping of rule names [dashboards/linter-config]\n"
                                       "  exclusions: 3\n              ^\n"));
  CHECK(f.grafana.requests().size() == 2);  // the lookup and the create of the first import only
}

}  // namespace mlmon::testing

namespace mlmon::testing {

TEST_CASE("import-dashboard: --token-file, basic auth with --org-id, and mlmon's User-Agent") {
  FakeGrafanaOptions options;
  options.orgs = {1, 2};
  ImportFixture f(options);
  std::string a = f.file("a.json", sample_dashboard("ml-a", "ML A"));
  {
    ScopedEnv no_token("GRAFANA_TOKEN", "glsa_ignoredBecauseTheFileWins0123456789_00000000");
    std::string token_file = f.dir.file("token", f.grafana.admin_token() + "\n");
    CHECK(f.import({a, "--token-file", token_file}).code == 0);
    CHECK(f.grafana.requests().front().headers["User-Agent"] == "mlmon/" MLMON_VERSION);
  }
  {
    ScopedEnv no_token("GRAFANA_TOKEN", std::nullopt);
    ScopedEnv user("GRAFANA_USER", "admin");
    ScopedEnv password("GRAFANA_PASSWORD", "admin-password");
    f.grafana.clear_requests();
    CliRun run = f.import({a, "--org-id", "2"});
    CHECK(run.out == a + ": created ml-a (version 1)\n" + summary(1, 0, 0, 0));
    CHECK(f.grafana.requests().front().headers["X-Grafana-Org-Id"] == "2");
    CHECK(f.grafana.dashboard("ml-a", 2).has_value());
    CHECK(f.grafana.history("ml-a", 2).front().created_by == "admin");
  }
}

}  // namespace mlmon::testing

namespace mlmon::testing {

TEST_CASE("import-dashboard: churn the semantic diff ignores is no reason to save") {
  ImportFixture f;
  json dashboard = sample_dashboard("ml-a", "ML A");
  std::string a = f.file("a.json", dashboard);
  REQUIRE(f.import({a}).code == 0);
  dashboard["panels"][0]["pluginVersion"] = "11.0.0";  // what a re-export from another Grafana changes
  dashboard["panels"][0]["id"] = 7;
  dashboard["id"] = 42;
  dashboard["version"] = 9;
  f.file("a.json", dashboard);
  f.grafana.clear_requests();
  CHECK(f.import({a}).out == a + ": unchanged ml-a\n" + summary(0, 0, 1, 0));
  CHECK(f.grafana.write_requests() == 0);
}

}  // namespace mlmon::testing
