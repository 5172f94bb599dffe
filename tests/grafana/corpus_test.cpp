// The repository's dashboards, and the shared corpus's, through a full cycle against the fake
// Grafana: import (created), import again (unchanged), export, re-import the export (unchanged),
// re-export (byte-identical).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>

#include "fake_grafana.hpp"
#include "test_support.hpp"

namespace mlmon::testing {

namespace {

namespace fs = std::filesystem;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Import (created), import again (unchanged), export, re-import the export (unchanged),
// re-export (unchanged), for every dashboard under `inputs`.
void round_trip(const std::vector<std::string>& inputs) {
  std::size_t files = 0;
  for (const std::string& dir : inputs) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) files += entry.path().extension() == ".json";
  }
  REQUIRE(files > 0);

  FakeGrafana grafana;
  grafana.start();
  TempDir out;
  ScopedEnv token("GRAFANA_TOKEN", grafana.admin_token());
  std::vector<std::string> import{"import-dashboard",         "--url",   grafana.url(), "--datasource",
                                  "DS_PROMETHEUS=prometheus", "--force", "--folder",    "Corpus"};
  import.insert(import.end(), inputs.begin(), inputs.end());

  CliRun created = run_cli(import);
  CHECK(created.code == 0);
  CHECK(count(created.out, ".json: created ") == files);
  CHECK(grafana.dashboard_count() == files);

  CliRun unchanged = run_cli(import);
  CHECK(unchanged.code == 0);
  CHECK(count(unchanged.out, ".json: unchanged ") == files);

  std::string dir = (out / "export");
  CliRun exported = run_cli({"export-dashboard", "--url", grafana.url(), "--all", "-o", dir});
  CHECK(exported.code == 0);
  CHECK(count(exported.out, ".json: exported ") == files);

  grafana.clear_requests();
  CliRun reimported = run_cli({"import-dashboard", "--url", grafana.url(), "--force", dir});
  CHECK(reimported.code == 0);
  CHECK(count(reimported.out, ".json: unchanged ") == files);
  CHECK(grafana.write_requests() == 0);

  CliRun again = run_cli({"export-dashboard", "--url", grafana.url(), "--all", "-o", dir});
  CHECK(count(again.out, ".json: unchanged ") == files);
  CHECK(again.out.ends_with(fmt::format(" exported  unchanged     failed\n{:>9}  {:>9}  {:>9}\n", 0, files, 0)));
}

}  // namespace

TEST_CASE("import and export round trip: the repository's dashboards") {
  round_trip({std::string(MLMON_SOURCE_DIR) + "/dashboards"});
}

TEST_CASE("import and export round trip: the corpus's dashboards" * doctest::test_suite("corpus")) {
  REQUIRE_MESSAGE(fs::is_directory(MLMON_CORPUS_DIR "/dashboards"), MLMON_CORPUS_DIR "/dashboards");
  round_trip({MLMON_CORPUS_DIR "/dashboards"});
}

}  // namespace mlmon::testing
