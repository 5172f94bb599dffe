// DashboardImporter with the lint and comparison hooks plugged in (the CLI plugs in check-dashboards
// and the semantic diff; here small stand-ins make the contract visible).
#include <doctest/doctest.h>

#include <sstream>

#include "fake_grafana.hpp"
#include "grafana/curl_transport.hpp"
#include "grafana/dashboard_importer.hpp"
#include "test_support.hpp"

namespace mlmon::grafana {

namespace {

using nlohmann::json;
using testing::FakeGrafana;
using testing::TempDir;

/// Reports an error on line 1 of any dashboard whose text mentions "BROKEN".
class KeywordLinter final : public DashboardLinter {
 public:
  void lint(const std::string& path, const std::string& text, Report& report) const override {
    report.add(
        Diagnostic{Severity::Warning, "dashboards/style", path, {1, 1, 0}, "a warning never stops an import", ""});
    if (text.find("BROKEN") != std::string::npos) {
      report.add(Diagnostic{Severity::Error, "dashboards/broken", path, {1, 1, 0}, "the dashboard is broken", ""});
    }
  }
};

/// Sees only the title, so any other change counts as "unchanged".
class TitleComparer final : public DashboardComparer {
 public:
  std::vector<std::string> differences(const json& live, const json& local) const override {
    if (live.value("title", "") == local.value("title", "")) return {};
    return {"title: " + live.value("title", "") + " → " + local.value("title", "")};
  }
};

struct ImporterHarness {
  FakeGrafana grafana;
  TempDir dir;
  std::unique_ptr<CurlTransport> transport;
  std::unique_ptr<GrafanaClient> client;
  std::ostringstream out;

  ImporterHarness() {
    grafana.start();
    transport = std::make_unique<CurlTransport>(TransportOptions{});
    ClientOptions options;
    options.url = *parse_grafana_url(grafana.url());
    options.credentials.kind = Credentials::Kind::Token;
    options.credentials.token = grafana.admin_token();
    client = std::make_unique<GrafanaClient>(options, *transport);
  }
  ~ImporterHarness() {
    client.reset();
    transport.reset();
  }
  std::string run(const std::vector<std::string>& files, const ImportOptions& options,
                  const DashboardComparer& comparer, const DashboardLinter* linter, ImportCounts* counts = nullptr) {
    out.str("");
    DashboardImporter importer(*client, comparer, linter, out);
    ImportCounts result = importer.run(files, options);
    if (counts) *counts = result;
    return out.str();
  }
};

}  // namespace

TEST_CASE("importer: error-level lint findings stop the import unless --force") {
  ImporterHarness h;
  KeywordLinter linter;
  StructuralComparer comparer;
  json broken = testing::sample_dashboard("ml-a", "ML A");
  broken["description"] = "BROKEN";
  std::string a = h.dir.file("a.json", testing::to_file(broken));

  ImportCounts counts;
  std::string refused = h.run({a}, {}, comparer, &linter, &counts);
  CHECK(refused == a + ":1:1: error: the dashboard is broken [dashboards/broken]\n  {\n  ^\n" + a +
                       ": failed: 1 error from check-dashboards; fix it or pass --force to import anyway\n");
  CHECK(counts.failed == 1);
  CHECK(h.grafana.requests().empty());

  ImportOptions force;
  force.force = true;
  std::string forced = h.run({a}, force, comparer, &linter, &counts);
  CHECK(forced == a + ":1:1: error: the dashboard is broken [dashboards/broken]\n  {\n  ^\n" + a +
                      ": importing despite the errors above (--force)\n" + a + ": created ml-a (version 1)\n");
  CHECK(counts.created == 1);
}

TEST_CASE("importer: the comparer decides what counts as unchanged") {
  ImporterHarness h;
  TitleComparer comparer;
  std::string a = h.dir.file("a.json", testing::to_file(testing::sample_dashboard("ml-a", "ML A", 0.5)));
  REQUIRE(h.run({a}, {}, comparer, nullptr) == a + ": created ml-a (version 1)\n");
  h.dir.file("a.json", testing::to_file(testing::sample_dashboard("ml-a", "ML A", 0.9)));
  CHECK(h.run({a}, {}, comparer, nullptr) == a + ": unchanged ml-a\n");
  h.dir.file("a.json", testing::to_file(testing::sample_dashboard("ml-a", "ML B", 0.9)));
  ImportOptions dry;
  dry.dry_run = true;
  CHECK(h.run({a}, dry, comparer, nullptr) == a + ": would update ml-a (version 1)\n    title: ML A → ML B\n");
}

TEST_CASE("importer: the version message names the file and the git commit") {
  ImporterHarness h;
  StructuralComparer comparer;
  h.dir.file(".git/HEAD", "ref: refs/heads/main\n");
  h.dir.file(".git/refs/heads/main", "89abcdef0123456789abcdef0123456789abcdef\n");
  std::string a = h.dir.file("dashboards/a.json", testing::to_file(testing::sample_dashboard("ml-a", "ML A")));
  REQUIRE(h.run({a}, {}, comparer, nullptr) == a + ": created ml-a (version 1)\n");
  CHECK(h.grafana.history("ml-a").back().message == "mlmon: " + a + " @ 89abcdef0123");
}

TEST_CASE("importer: an API-shaped file {dashboard, meta} and a stale id are accepted") {
  ImporterHarness h;
  StructuralComparer comparer;
  json shaped = {{"dashboard", testing::sample_dashboard("ml-a", "ML A")}, {"meta", {{"slug", "ml-a"}}}};
  shaped["dashboard"]["id"] = 4242;     // from another Grafana: must not be sent
  shaped["dashboard"]["version"] = 17;  // likewise
  std::string a = h.dir.file("a.json", testing::to_file(shaped));
  CHECK(h.run({a}, {}, comparer, nullptr) == a + ": created ml-a (version 1)\n");
  CHECK(h.run({a}, {}, comparer, nullptr) == a + ": unchanged ml-a\n");
}

}  // namespace mlmon::grafana
