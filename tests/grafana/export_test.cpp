// `mlmon export-dashboard` end to end, and the export → import round trip.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "fake_grafana.hpp"
#include "test_support.hpp"

namespace mlmon::testing {

namespace {

using nlohmann::json;

std::string export_summary(int exported, int unchanged, int failed) {
  return fmt::format(" exported  unchanged     failed\n{:>9}  {:>9}  {:>9}\n", exported, unchanged, failed);
}

struct ExportFixture {
  FakeGrafana grafana;
  TempDir dir;
  ScopedEnv token;

  ExportFixture() : token("GRAFANA_TOKEN", std::nullopt) {
    grafana.start();
    ::setenv("GRAFANA_TOKEN", grafana.admin_token().c_str(), 1);  // restored by `token`
  }
  std::string out_dir() const { return (dir / "out"); }
  CliRun run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"export-dashboard", "--url", grafana.url(), "-o", out_dir()});
    return run_cli(args);
  }
};

}  // namespace

TEST_CASE("export-dashboard: strips server fields, sorts keys, re-exports byte for byte") {
  ExportFixture f;
  f.grafana.add_folder("Team", "team");
  json a = sample_dashboard("ml-a", "ML A");
  a["iteration"] = 1712345678901;
  f.grafana.put_dashboard(a, "", "seed");
  f.grafana.put_dashboard(sample_dashboard("ml-b", "ML B"), "team", "seed");
  std::string file_a = f.out_dir() + "/ml-a.json", file_b = f.out_dir() + "/ml-b.json";

  CliRun first = f.run({"--all"});
  CHECK(first.code == 0);
  CHECK(first.out == file_a + ": exported ml-a\n" + file_b + ": exported ml-b\n" + export_summary(2, 0, 0));
  std::string text = f.dir.read("out/ml-a.json");
  json written = json::parse(text);
  CHECK_FALSE(written.contains("id"));
  CHECK_FALSE(written.contains("version"));
  CHECK_FALSE(written.contains("iteration"));
  CHECK(written["uid"] == "ml-a");
  CHECK(text == written.dump(2) + "\n");  // sorted keys, 2 spaces, final newline

  CliRun again = f.run({"--all"});
  CHECK(again.out == file_a + ": unchanged ml-a\n" + file_b + ": unchanged ml-b\n" + export_summary(0, 2, 0));
  CHECK(f.dir.read("out/ml-a.json") == text);

  CliRun team = f.run({"--all", "--folder", "Team", "--name-by", "title"});
  CHECK(team.out == f.out_dir() + "/ml-b.json: unchanged ml-b\n" + export_summary(0, 1, 0));
}

TEST_CASE("export-dashboard then import-dashboard reports every dashboard unchanged") {
  ExportFixture f;
  f.grafana.add_folder("Team", "team");
  f.grafana.put_dashboard(sample_dashboard("ml-a", "ML A"), "", "made in the UI", "alice");
  f.grafana.put_dashboard(sample_dashboard("ml-b", "ML B"), "team", "made in the UI", "alice");
  f.grafana.ui_edit("ml-b", [](json& d) { d["description"] = "edited by hand"; });
  REQUIRE(f.run({"ml-a", "ml-b"}).code == 0);
  f.grafana.clear_requests();
  CliRun import = run_cli({"import-dashboard", "--url", f.grafana.url(), f.out_dir()});
  CHECK(import.code == 0);
  CHECK(import.out == f.out_dir() + "/ml-a.json: unchanged ml-a\n" + f.out_dir() + "/ml-b.json: unchanged ml-b\n" +
                          "  created    updated  unchanged     failed\n        0          0          2          0\n");
  CHECK(f.grafana.write_requests() == 0);
}

TEST_CASE("export-dashboard: missing dashboards, unsafe names and usage errors") {
  ExportFixture f;
  f.grafana.put_dashboard(sample_dashboard("ml-a", "ML A"), "", "seed");
  CliRun run = f.run({"ml-a", "nope"});
  CHECK(run.code == 1);
  CHECK(run.out == f.out_dir() + "/ml-a.json: exported ml-a\nnope: failed: no dashboard with this uid in Grafana\n" +
                       export_summary(1, 0, 1));

  f.grafana.add_fault({Fault::Kind::Status, "GET", "/api/search", 1, 200,
                       R"([{"uid":"../../etc/passwd","title":"x","type":"dash-db"}])"});
  f.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/../../etc/passwd", 1, 200,
                       R"({"dashboard":{"uid":"../../etc/passwd","title":"x"},"meta":{}})"});
  CliRun unsafe = f.run({"--all"});
  CHECK(unsafe.out ==
        "../../etc/passwd: failed: \"../../etc/passwd\" is not a safe file name\n" + export_summary(0, 0, 1));

  CliRun neither = run_cli({"export-dashboard", "--url", f.grafana.url(), "-o", f.out_dir()});
  CHECK(neither.code == 2);
  CHECK(neither.err == "mlmon export-dashboard: name the dashboards by uid, or pass --all\n");
  CliRun folder_without_all =
      run_cli({"export-dashboard", "--url", f.grafana.url(), "-o", f.out_dir(), "x", "--folder", "T"});
  CHECK(folder_without_all.code == 2);
  CHECK(folder_without_all.err == "mlmon export-dashboard: --folder selects dashboards for --all\n");
}

}  // namespace mlmon::testing
