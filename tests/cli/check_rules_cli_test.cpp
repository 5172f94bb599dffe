#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "run_cli.hpp"
#include "temp_dir.hpp"

using mlmon::testing::run_cli;
using mlmon::testing::TempDir;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("check-rules: a clean file exits 0 with a summary on stderr") {
  auto r = run_cli({"check-rules", "fixtures/rules/good.yml"});
  CHECK(r.code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "1 file, 2 rules checked: 0 errors, 0 warnings\n");
}

TEST_CASE("check-rules: PromQL errors located at the character, in every scalar style") {
  auto r = run_cli({"check-rules", "--color=never", "fixtures/rules/promql-styles.yml"});
  CHECK(r.code == 1);
  CHECK(
      r.out ==
      "fixtures/rules/promql-styles.yml:6:44: error: group \"styles\", rule 1, \"plain:errors:sum\": could not parse "
      "expression: parse error: unexpected end of input [promql/parse]\n"
      "          expr: sum(rate(errors_total[5m])) +\n"
      "                                             ^\n"
      "fixtures/rules/promql-styles.yml:8:21: error: group \"styles\", rule 2, \"single:errors:rate\": could not parse "
      "expression: parse error: expected type range vector in call to function \"rate\", got instant vector "
      "[promql/parse]\n"
      "          expr: 'rate(errors_total)'\n"
      "                      ^\n"
      "fixtures/rules/promql-styles.yml:10:25: error: group \"styles\", rule 3, \"double:errors:rate\": could not "
      "parse expression: parse error: expected type range vector in call to function \"rate\", got string "
      "[promql/parse]\n"
      "          expr: \"sum(rate(\\\"errors_total\\\"))\"\n"
      "                          ^\n"
      "fixtures/rules/promql-styles.yml:14:18: error: group \"styles\", rule 4, \"literal:errors:rate\": could not "
      "parse expression: parse error: expected type range vector in call to function \"rate\", got instant vector "
      "[promql/parse]\n"
      "              rate(errors_total)\n"
      "                   ^\n"
      "fixtures/rules/promql-styles.yml:19:17: error: group \"styles\", rule 5, \"folded:errors:rate\": could not "
      "parse expression: parse error: expected type range vector in call to function \"rate\", got instant vector "
      "[promql/parse]\n"
      "            (rate(errors_total))\n"
      "                  ^\n");
  CHECK(r.err == "1 file, 5 rules checked: 5 errors, 0 warnings\n");
}

TEST_CASE("check-rules: schema, durations, templates and group names, all at once") {
  auto r = run_cli({"check-rules", "--no-lint", "--format=github", "fixtures/rules/schema.yml"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "::error file=fixtures/rules/schema.yml,line=3,col=15,title=rules/duration::unknown unit \"x\" in duration "
        "\"1x\"\n"
        "::error file=fixtures/rules/schema.yml,line=7,col=14,title=rules/duration::unknown unit \"mins\" in duration "
        "\"5mins\"\n"
        "::error file=fixtures/rules/schema.yml,line=8,col=9,title=rules/schema::field severity not found in type "
        "rulefmt.Rule\n"
        "::error file=fixtures/rules/schema.yml,line=9,col=9,title=rules/schema::field annotation not found in type "
        "rulefmt.Rule%0Adid you mean `annotations`?\n"
        "::error file=fixtures/rules/schema.yml,line=14,col=33,title=rules/template::group \"schema\", rule 2, "
        "\"BadTemplate\": annotation \"summary\": template: __alert_BadTemplate:1: function \"humanise\" not defined\n"
        "::error file=fixtures/rules/schema.yml,line=15,col=11,title=rules/group-name::groupname: \"schema\" is "
        "repeated in the same file\n");
  CHECK(r.err == "");
  // The lint findings of the same file come in the same run (before, only once these were fixed).
  auto with_lint = run_cli({"check-rules", "--format=github", "fixtures/rules/schema.yml"});
  CHECK(with_lint.code == 1);
  CHECK(
      with_lint.out ==
      "::error file=fixtures/rules/schema.yml,line=3,col=15,title=rules/duration::unknown unit \"x\" in duration "
      "\"1x\"\n"
      "::warning file=fixtures/rules/schema.yml,line=5,col=16,title=alerts/required-annotations::alert \"Typo\" has no "
      "\"description\" annotation\n"
      "::warning file=fixtures/rules/schema.yml,line=5,col=16,title=alerts/required-annotations::alert \"Typo\" has no "
      "\"summary\" annotation\n"
      "::warning file=fixtures/rules/schema.yml,line=5,col=16,title=alerts/required-labels::alert \"Typo\" has no "
      "\"severity\" label%0Aadd `severity: critical` under labels\n"
      "::error file=fixtures/rules/schema.yml,line=7,col=14,title=rules/duration::unknown unit \"mins\" in duration "
      "\"5mins\"\n"
      "::error file=fixtures/rules/schema.yml,line=8,col=9,title=rules/schema::field severity not found in type "
      "rulefmt.Rule\n"
      "::error file=fixtures/rules/schema.yml,line=9,col=9,title=rules/schema::field annotation not found in type "
      "rulefmt.Rule%0Adid you mean `annotations`?\n"
      "::warning file=fixtures/rules/schema.yml,line=11,col=16,title=alerts/for::alert \"BadTemplate\" has no `for`; "
      "it fires on the first matching evaluation%0Aadd `for: 5m` (or the time the condition must hold before anyone "
      "is paged)\n"
      "::warning file=fixtures/rules/schema.yml,line=11,col=16,title=alerts/required-annotations::alert "
      "\"BadTemplate\" "
      "has no \"description\" annotation\n"
      "::warning file=fixtures/rules/schema.yml,line=11,col=16,title=alerts/required-labels::alert \"BadTemplate\" has "
      "no \"severity\" label%0Aadd `severity: critical` under labels\n"
      "::error file=fixtures/rules/schema.yml,line=14,col=33,title=rules/template::group \"schema\", rule 2, "
      "\"BadTemplate\": annotation \"summary\": template: __alert_BadTemplate:1: function \"humanise\" not defined\n"
      "::error file=fixtures/rules/schema.yml,line=15,col=11,title=rules/group-name::groupname: \"schema\" is "
      "repeated in the same file\n");
}

TEST_CASE("check-rules: lint warnings exit 0 unless --fail-on=warning; inline disable works") {
  auto r = run_cli({"check-rules", "--format=json", "fixtures/rules/lint.yml"});
  CHECK(r.code == 0);
  CHECK(r.out.find("\"rule\": \"alerts/for\"") != std::string::npos);
  CHECK(r.out.find("Silenced") == std::string::npos);
  CHECK(r.out.find("\"summary\": {\n    \"errors\": 0,\n    \"warnings\": 7,\n    \"infos\": 0\n  }") !=
        std::string::npos);
  CHECK(run_cli({"check-rules", "--fail-on=warning", "fixtures/rules/lint.yml"}).code == 1);
  CHECK(run_cli({"check-rules", "--no-lint", "--fail-on=warning", "fixtures/rules/lint.yml"}).code == 0);
}

TEST_CASE("check-rules: PrometheusRule manifests, positions in the manifest") {
  auto r = run_cli({"check-rules", "--color=never", "fixtures/rules/manifest.yaml"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "fixtures/rules/manifest.yaml:18:60: warning: template of annotation \"description\" uses label \"topic\", "
        "which the expression of alert \"KafkaLag\" does not produce [alerts/template-labels]\n"
        "              description: Check the consumers of {{ $labels.topic }}.\n"
        "                                                             ^\n"
        "  hint: the result has only: consumergroup\n");
}

TEST_CASE("check-rules: stdin, directories and usage errors") {
  auto from_stdin = run_cli({"check-rules", "-q", "-"}, read("fixtures/rules/good.yml"));
  CHECK(from_stdin.code == 0);
  CHECK(from_stdin.out == "");
  CHECK(from_stdin.err == "");

  auto dir = run_cli({"check-rules", "fixtures/rules"});
  CHECK(dir.code == 1);
  CHECK(dir.err == "5 files, 14 rules checked: 11 errors, 14 warnings\n");

  auto missing = run_cli({"check-rules", "nope.yml"});
  CHECK(missing.code == 2);
  CHECK(missing.err == "mlmon check-rules: nope.yml: no such file or directory\n");

  // A folder with nothing to check is a mistake, not a clean run.
  TempDir empty;
  empty.file("README.md", "no rules here");
  auto nothing = run_cli({"check-rules", empty.path()});
  CHECK(nothing.code == 2);
  CHECK(nothing.out == "");
  CHECK(nothing.err == "mlmon check-rules: " + empty.path() +
                           ": no .yml or .yaml files in this directory (hidden files and folders, node_modules and "
                           "build folders are skipped)\n");

  auto glob = run_cli({"check-rules", "fixtures/rules/goo*.yml"});
  CHECK(glob.code == 0);
  CHECK(glob.err == "1 file, 2 rules checked: 0 errors, 0 warnings\n");
  auto no_match = run_cli({"check-rules", "fixtures/rules/nope*.yml"});
  CHECK(no_match.code == 2);
  CHECK(no_match.err == "mlmon check-rules: fixtures/rules/nope*.yml: no file matches this pattern\n");

  auto feature = run_cli({"check-rules", "--enable-feature=bogus", "fixtures/rules/good.yml"});
  CHECK(feature.code == 2);
  CHECK(feature.err.starts_with("mlmon check-rules: unknown feature \"bogus\""));

  auto no_args = run_cli({"check-rules"});
  CHECK(no_args.code == 2);
  CHECK(no_args.err.find("paths is required") != std::string::npos);
}

TEST_CASE("check-rules: the shipped rules pass") {
  auto r = run_cli({"check-rules", "--fail-on=warning", MLMON_SOURCE_DIR "/rules/ml-platform.rules.yml",
                    MLMON_SOURCE_DIR "/rules/ml-platform.recording.yml"});
  CHECK(r.out == "");
  CHECK(r.code == 0);
}
