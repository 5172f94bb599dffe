// check-rules reads plain block YAML a group at a time. Its findings must be exactly those of
// reading the file whole, on real files, on broken ones, and when the streamed read gives up
// halfway and starts over.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "check_helpers.hpp"
#include "core/file_io.hpp"

namespace fs = std::filesystem;
using namespace mlmon;

namespace {

struct Outcome {
  std::size_t rules = 0;
  std::vector<std::string> findings;  ///< every field of every finding, sorted
};

/// How check_rule_source() reads the file: whole, a group at a time, or a group at a time on two
/// threads (the pipeline, which normally waits for a big file).
enum class Read { Whole, Streamed, Pipelined };

Outcome run(const std::string& text, Read read, bool lint = true, bool keep_order = false) {
  rules::CheckRulesOptions options;
  options.stream = read != Read::Whole;
  options.pipeline = read == Read::Pipelined;
  options.pipeline_min_bytes = 0;
  options.lint = lint;
  std::vector<Diagnostic> found;
  Outcome outcome;
  outcome.rules = rules::check_rule_source(std::make_shared<SourceFile>("t.yml", text), options, {}, found);
  for (const Diagnostic& d : found) {
    outcome.findings.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ":" +
                               std::to_string(d.pos.offset) + " " + std::string(to_string(d.severity)) + " " +
                               d.rule_id + " " + d.message + " | " + d.hint);
  }
  if (!keep_order) std::sort(outcome.findings.begin(), outcome.findings.end());
  return outcome;
}

void check_same_both_ways(const std::string& text) {
  for (const bool lint : {true, false}) {
    const Outcome streamed = run(text, Read::Streamed, lint);
    const Outcome whole = run(text, Read::Whole, lint);
    CHECK(streamed.rules == whole.rules);
    CHECK(streamed.findings == whole.findings);
    // On two threads: the same findings in the very same order.
    const Outcome one_thread = run(text, Read::Streamed, lint, true);
    const Outcome pipelined = run(text, Read::Pipelined, lint, true);
    CHECK(pipelined.rules == one_thread.rules);
    CHECK(pipelined.findings == one_thread.findings);
  }
}

std::vector<fs::path> corpus_rule_files() {
  std::vector<fs::path> files;
  const fs::path corpus = fs::path(MLMON_CORPUS_DIR) / "rules";
  REQUIRE_MESSAGE(fs::is_directory(corpus), corpus.string());
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The shipped rules and the CLI tests' rule fixtures.
std::vector<fs::path> repository_rule_files() {
  std::vector<fs::path> files;
  const fs::path source = MLMON_SOURCE_DIR;
  for (const char* name : {"rules/ml-platform.rules.yml", "rules/ml-platform.recording.yml"})
    files.push_back(source / name);
  for (const char* dir : {"tests/cli/fixtures/rules", "tests/cli/fixtures/diff"}) {
    for (const auto& entry : fs::directory_iterator(source / dir)) {
      if (entry.path().extension() == ".yml") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void check_files_same_both_ways(const std::vector<fs::path>& files) {
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    auto text = read_file(file.string());
    REQUIRE(text.has_value());
    check_same_both_ways(*text);
  }
}

}  // namespace

TEST_CASE("streaming check-rules: the shipped rules and the fixtures give the same findings") {
  const auto files = repository_rule_files();
  REQUIRE(files.size() > 10);
  check_files_same_both_ways(files);
}

TEST_CASE("streaming check-rules: the corpus gives the same findings" * doctest::test_suite("corpus")) {
  const auto files = corpus_rule_files();
  REQUIRE(files.size() > 50);
  check_files_same_both_ways(files);
}

TEST_CASE("streaming check-rules: each line of the shipped rules file removed or shifted, same findings") {
  auto text = read_file(std::string(MLMON_SOURCE_DIR) + "/rules/ml-platform.rules.yml");
  REQUIRE(text.has_value());
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text->size(); ++i) {
    if ((*text)[i] == '\n' && i + 1 < text->size()) starts.push_back(i + 1);
  }
  int cases = 0;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::size_t begin = starts[k];
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text->size();
    for (const std::string& mutated :
         {text->substr(0, begin) + text->substr(end), text->substr(0, begin) + "  " + text->substr(begin)}) {
      CAPTURE(k + 1);
      check_same_both_ways(mutated);
      ++cases;
    }
  }
  CHECK(cases > 200);
}

TEST_CASE("streaming check-rules: findings across groups and a restart halfway") {
  const std::string groups =
      "groups:\n"
      "  - name: one\n"
      "    rules:\n"
      "      - alert: Same\n"
      "        expr: up == 0\n"
      "        for: 5x\n"
      "        labels:\n"
      "          severity: page\n";
  // The second group repeats the first group's name and uses an anchor: the streamed read has
  // handed over group one (and its error) before it gives up, yet nothing is reported twice.
  const std::string text = groups +
                           "  - name: one\n"
                           "    rules:\n"
                           "      - alert: Same\n"
                           "        expr: &e up == 0\n"
                           "        for: 5m\n";
  const Outcome streamed = run(text, Read::Streamed);
  CHECK(streamed.findings == run(text, Read::Whole).findings);
  CHECK(streamed.rules == 2);
  CHECK(test::check_text(text) ==
        test::Lines{"4:16: alerts/required-annotations: alert \"Same\" has no \"summary\" annotation",
                    "4:16: alerts/required-annotations: alert \"Same\" has no \"description\" annotation",
                    "6:14: rules/duration: unknown unit \"x\" in duration \"5x\"",
                    "8:21: alerts/required-labels: alert \"Same\" has severity=\"page\"; allowed values: critical, "
                    "warning, info",
                    "9:11: rules/group-name: groupname: \"one\" is repeated in the same file",
                    "11:16: alerts/required-annotations: alert \"Same\" has no \"summary\" annotation",
                    "11:16: alerts/required-annotations: alert \"Same\" has no \"description\" annotation",
                    "11:16: alerts/required-labels: alert \"Same\" has no \"severity\" label"});

  const std::string block =
      "groups:\n"
      "  - name: one\n"
      "    rules:\n"
      "      - alert: Same\n"
      "        expr: up == 0\n"
      "        for: 5m\n"
      "        labels:\n"
      "          severity: warning\n"
      "        annotations:\n"
      "          summary: s\n"
      "          description: d\n"
      "  - name: two\n"
      "    rules:\n"
      "      - alert: Same\n"
      "        expr: up == 0\n"
      "        for: 5m\n"
      "        labels:\n"
      "          severity: warning\n"
      "        annotations:\n"
      "          summary: s\n"
      "          description: d\n";
  CHECK(run(block, Read::Streamed).findings == run(block, Read::Whole).findings);
  CHECK(test::check_text(block) ==
        test::Lines{"14:16: rules/duplicate: duplicate rule \"Same\": same labels and expression as rule 1 of group "
                    "\"one\" at line 4"});
}

TEST_CASE("a kind gate sees each streamed group, and a no leaves nothing behind") {
  const std::string text = "groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up ==\n  - name: b\n";
  const auto source = std::make_shared<SourceFile>("t.yml", text);
  rules::CheckRulesOptions options;
  std::vector<Diagnostic> plain;
  const std::size_t plain_rules = rules::check_rule_source(source, options, {}, plain);
  REQUIRE(!plain.empty());
  for (const bool yes : {true, false}) {
    CAPTURE(yes);
    for (const bool pipeline : {false, true}) {
      CAPTURE(pipeline);
      options.pipeline = pipeline;
      options.pipeline_min_bytes = 0;
      std::size_t items = 0;
      bool asked = false;
      rules::KindGate gate;
      gate.on_item = [&](const yaml::Node&) { ++items; };
      gate.proceed = [&](const yaml::Document* skeleton) {
        asked = true;
        CHECK(skeleton != nullptr);
        return yes;
      };
      std::vector<Diagnostic> found(1);  // what was there before stays
      const std::size_t n = rules::check_rule_source(source, options, {}, found, gate);
      CHECK(asked);
      CHECK(items == 2);
      CHECK(n == (yes ? plain_rules : 0));
      CHECK(found.size() == (yes ? plain.size() + 1 : 1));
    }
  }
}

TEST_CASE("check-rules on two threads: a big file's findings in file order, and a read that gives up halfway") {
  // 300 groups: a broken expression, a duplicate across groups (the lint check's state goes from
  // group to group), a missing label, and later a group the streamed read gives up on (an alias).
  std::string text = "groups:\n";
  for (int g = 0; g < 300; ++g) {
    text += "  - name: g" + std::to_string(g) + "\n    rules:\n";
    for (int r = 0; r < 5; ++r) {
      const std::string expr = g == 7 && r == 2 ? "rate(x[5m]" : "up{job=\"j" + std::to_string(g % 150) + "\"} == 0";
      text += "      - alert: A" + std::to_string(r) + "\n        expr: " + expr + "\n        for: 5m\n" +
              (g == 40 ? "" : "        labels:\n          severity: page\n");
    }
  }
  const Outcome one_thread = run(text, Read::Streamed, true, true);
  const Outcome pipelined = run(text, Read::Pipelined, true, true);
  CHECK(one_thread.rules == 1500);
  CHECK(pipelined.rules == one_thread.rules);
  CHECK(pipelined.findings.size() > 3);
  CHECK(pipelined.findings == one_thread.findings);

  const std::string alias = text + "  - name: &n late\n    rules:\n      - record: *n\n        expr: up\n";
  const Outcome whole = run(alias, Read::Whole, true, true);
  const Outcome gave_up = run(alias, Read::Pipelined, true, true);
  CHECK(gave_up.rules == 1501);
  CHECK(gave_up.findings == whole.findings);
}
