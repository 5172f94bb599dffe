// mlmon --debug-yaml: which files the YAML fast loader leaves to yaml-cpp, and why.
#include <doctest/doctest.h>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

TEST_CASE("--debug-yaml: each file read by yaml-cpp is listed once, with where and why the fast loader stopped") {
  TempDir dir;
  const std::string fast =
      dir.file("fast.yml", "groups:\n- name: g\n  rules:\n  - record: job:x:sum\n    expr: x\n    labels: {k: v}\n");
  const std::string slow = dir.file("slow.yml",
                                    "groups:\n- name: g\n  rules:\n  - record: &r job:x:sum\n    expr: x\n"
                                    "  - record: job:y:sum\n    expr: x\n");
  auto r = run_cli({"--debug-yaml", "check-rules", "-q", fast, slow});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "mlmon: debug: " + slow + ":4:13: read by yaml-cpp, not the fast loader: an anchor\n");

  // Without the flag, nothing is said; a directory's files are classified and then checked, but
  // each is listed once.
  r = run_cli({"check-rules", "-q", fast, slow});
  CHECK(r.err == "");
  r = run_cli({"--debug-yaml", "check", "--no-thresholds", dir.path()});
  CHECK(r.err.starts_with("mlmon: debug: " + slow +
                          ":4:13: read by yaml-cpp, not the fast loader: an anchor\nchecked 2 rule files"));
}

TEST_CASE("--debug-yaml: only as the first word, and not alone") {
  auto r = run_cli({"--debug-yaml"});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("mlmon: monitoring-as-code"));
  r = run_cli({"--debug-yaml", "--version"});
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("mlmon "));
  r = run_cli({"check-rules", "--debug-yaml", "x.yml"});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("mlmon check-rules: The following argument was not expected: --debug-yaml"));
}
