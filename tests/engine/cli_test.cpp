// `mlmon promql test`: output, summary, JSON, exit codes.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

namespace {

constexpr const char* kPassing = R"(load 1m
  x{a="1"} 1
  x{a="2"} 2

eval instant at 0 sum(x)
  {} 3

eval range from 0 to 1m step 1m x
  x{a="1"} 1 1
  x{a="2"} 2 2
)";

constexpr const char* kFailing = R"(load 1m
  x{a="1"} 1
  x{a="2"} 2

eval instant at 0 x
  x{a="1"} 1
  x{a="2"} 3
)";

constexpr const char* kUnsupported = R"(load 1m
  h {{schema:0 sum:1 count:1}}

eval instant at 0 h
  h 1

eval instant at 0 limitk(1, vector(1))
  {} 1
)";

}  // namespace

TEST_CASE("mlmon promql test: all passing prints the summary and exits 0") {
  TempDir dir;
  const auto r = run_cli({"promql", "test", dir.file("ok.test", kPassing)});
  CHECK(r.code == 0);
  CHECK(r.out == "2 passed, 0 failed, 0 unsupported\n");
  CHECK(r.err.empty());
}

TEST_CASE("mlmon promql test: a failing eval prints FILE:LINE, expected and got side by side, exits 1") {
  TempDir dir;
  const std::string path = dir.file("bad.test", kFailing);
  const auto r = run_cli({"promql", "test", path});
  CHECK(r.code == 1);
  CHECK(r.out == path +
                     ":5: eval instant at 0 x: expected 3 for {__name__=\"x\", a=\"2\"} but got 2\n"
                     "    expected   | got\n"
                     "    x{a=\"1\"} 1 | x{a=\"1\"} 1\n"
                     "    x{a=\"2\"} 3 | x{a=\"2\"} 2\n"
                     "0 passed, 1 failed, 0 unsupported\n");
}

TEST_CASE("mlmon promql test: unsupported evals are counted, listed on request, and fail with a flag") {
  TempDir dir;
  const std::string path = dir.file("nh.test", kUnsupported);
  const auto plain = run_cli({"promql", "test", path});
  CHECK(plain.code == 0);
  CHECK(plain.out == "0 passed, 0 failed, 2 unsupported\n");
  const auto shown = run_cli({"promql", "test", "--show-unsupported", path});
  CHECK(shown.out == path + ":4: unsupported: native histograms are not supported yet\n" + path +
                         ":7: unsupported: needs --enable-feature: limitk() is experimental and must be enabled with "
                         "--enable-feature=promql-experimental-functions\n"
                         "0 passed, 0 failed, 2 unsupported\n");
  CHECK(run_cli({"promql", "test", "--fail-on-unsupported", path}).code == 1);
  const auto flagged = run_cli({"promql", "test", "--enable-feature=promql-experimental-functions", path});
  CHECK(flagged.out == "1 passed, 0 failed, 1 unsupported\n");
}

TEST_CASE("mlmon promql test --format=json: every eval with its status, and the counts") {
  TempDir dir;
  const std::string ok = dir.file("ok.test", kPassing);
  const std::string bad = dir.file("bad.test", kFailing);
  const auto r = run_cli({"promql", "test", "--format=json", ok, bad});
  CHECK(r.code == 1);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["passed"] == 2);
  CHECK(doc["failed"] == 1);
  CHECK(doc["unsupported"] == 0);
  REQUIRE(doc["files"].size() == 2);
  CHECK(doc["files"][1]["file"] == bad);
  const auto& e = doc["files"][1]["evals"][0];
  CHECK(e["line"] == 5);
  CHECK(e["status"] == "failed");
  CHECK(e["expr"] == "x");
  CHECK(e["message"] == "expected 3 for {__name__=\"x\", a=\"2\"} but got 2");
  CHECK(e["expected"] == nlohmann::json::array({"x{a=\"1\"} 1", "x{a=\"2\"} 3"}));
  CHECK(e["got"] == nlohmann::json::array({"x{a=\"1\"} 1", "x{a=\"2\"} 2"}));
  CHECK(doc["files"][0]["evals"][1]["status"] == "passed");
}

TEST_CASE("mlmon promql test: usage errors exit 2") {
  TempDir dir;
  const auto missing = run_cli({"promql", "test", dir / "missing.test"});
  CHECK(missing.code == 2);
  CHECK(missing.err.starts_with("mlmon promql test: "));
  CHECK(missing.err.find("missing.test") != std::string::npos);
  const std::string ok = dir.file("ok.test", kPassing);
  const auto feature = run_cli({"promql", "test", "--enable-feature=nope", ok});
  CHECK(feature.code == 2);
  CHECK(feature.err == "mlmon promql test: unknown feature \"nope\"\n");
  const auto format = run_cli({"promql", "test", "--format=xml", ok});
  CHECK(format.code == 2);
  CHECK(format.err == "mlmon promql test: --format must be text or json, not \"xml\"\n");
}

TEST_CASE("mlmon promql test: a malformed file is reported at its line and counts its evals as failed") {
  TempDir dir;
  const std::string path = dir.file("broken.test", "load 1m\n  x 1\n\neval instant at 0 x\n  x 1\n\nbogus\n");
  const auto r = run_cli({"promql", "test", path});
  CHECK(r.code == 1);
  CHECK(r.out == path + ":7: invalid command \"bogus\"\n0 passed, 1 failed, 0 unsupported\n");
}
