// The fast path (detail::load_fast) against the yaml-cpp path: on every input, either the fast
// path gives up or both build the same document, field by field.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.hpp"
#include "document_diff.hpp"

namespace mlmon::yaml {
namespace {

namespace fs = std::filesystem;
using test::compare_paths;

std::vector<fs::path> yaml_files_under(const fs::path& root) {
  std::vector<fs::path> files;
  if (!fs::is_directory(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_text(const fs::path& path) {
  auto text = read_file(path.string());
  REQUIRE(text.has_value());
  return *text;
}

/// bench/gen_rules.py, for a file of the same shape.
std::string generated_rules(int groups, int rules) {
  std::string out = "groups:\n";
  for (int g = 0; g < groups; ++g) {
    const std::string svc = std::to_string(g);
    out += "  - name: service-" + svc + "\n    interval: 30s\n    rules:\n";
    for (int r = 0; r < rules; ++r) {
      const int n = g * rules + r;
      std::string expr;
      if (r % 3 == 0) {
        expr = "histogram_quantile(0.99, sum by (le, service, model) (rate(http_request_duration_seconds_bucket{job=\"svc-" +
               svc + "\", handler=~\"/api/v" + std::to_string(r % 4) + "/.*\"}[5m]))) > 0." + std::to_string(r % 9 + 1);
      } else if (r % 3 == 1) {
        expr = "sum by (service, instance) (rate(http_requests_total{job=\"svc-" + svc +
               "\", code=~\"5..\"}[5m])) / sum by (service, instance) (rate(http_requests_total{job=\"svc-" + svc +
               "\"}[5m])) > 0.0" + std::to_string(r % 9 + 1);
      } else {
        expr = "avg_over_time(queue_depth{job=\"svc-" + svc + "\", queue=\"q" + std::to_string(r) + "\"}[10m]) > " +
               std::to_string(1000 + n);
      }
      out += "      - alert: Alert" + std::to_string(n) + "\n";
      out += "        expr: " + expr + "\n";
      out += "        for: " + std::to_string(r % 10 + 1) + "m\n";
      out += std::string("        labels:\n          severity: ") + (r % 5 == 0 ? "critical" : "warning") + "\n";
      out += "        annotations:\n";
      out += "          summary: \"{{ $labels.service }} alert " + std::to_string(n) + " is {{ $value | humanize }}\"\n";
      out += "          description: \"See runbook " + std::to_string(n) + ".\"\n";
    }
  }
  return out;
}

std::string nested(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "- leaf\n";
  return out;
}

std::string many_keys(int count, bool duplicate_last) {
  std::string out;
  for (int i = 0; i < count; ++i) out += "key" + std::to_string(i) + ": v\n";
  if (duplicate_last) out += "key3: again\n";
  return out;
}

// Loads each file both ways and checks they agree; returns how many took the fast path.
int compare_files(const std::vector<fs::path>& files) {
  int taken = 0;
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    const auto result = compare_paths(read_text(file), file.string());
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
    if (result.fast_taken) ++taken;
  }
  MESSAGE(taken << " of " << files.size() << " files took the fast path");
  return taken;
}

}  // namespace

TEST_CASE("fast path: the repository's YAML files load the same both ways") {
  const fs::path source_dir(MLMON_SOURCE_DIR);
  std::vector<fs::path> files;
  for (const char* dir : {"rules", "tests", "deploy"}) {
    auto found = yaml_files_under(source_dir / dir);
    files.insert(files.end(), found.begin(), found.end());
  }
  REQUIRE(files.size() > 20);
  CHECK(compare_files(files) * 2 > static_cast<int>(files.size()));
}

TEST_CASE("fast path: the corpus's YAML files load the same both ways" * doctest::test_suite("corpus")) {
  REQUIRE_MESSAGE(fs::is_directory(MLMON_CORPUS_DIR), MLMON_CORPUS_DIR);
  const std::vector<fs::path> files = yaml_files_under(fs::path(MLMON_CORPUS_DIR));
  REQUIRE(files.size() > 100);
  CHECK(compare_files(files) * 2 > static_cast<int>(files.size()));
}

TEST_CASE("fast path: taken on the shipped rule files and on the benchmark's generated file") {
  const fs::path rules = fs::path(MLMON_SOURCE_DIR) / "rules";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(rules)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".rules.yml") && !name.ends_with(".recording.yml")) continue;  // Prometheus rule files
    ++files;
    CAPTURE(entry.path().string());
    const auto result = compare_paths(read_text(entry.path()));
    CHECK(result.fast_taken);
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
  }
  CHECK(files >= 2);
  const auto generated = compare_paths(generated_rules(3, 12));
  CHECK(generated.fast_taken);
  CHECK_MESSAGE(generated.mismatch == "", generated.mismatch);
}

TEST_CASE("fast path: each feature of the subset is read as yaml-cpp reads it") {
  const std::vector<std::string> accepted = {
      "", "# only a comment\n", "\n\n  \n", "# a\n\n# b",
      "a: 1\n", "a: 1", "a: 1\nb: two words\nc: -3\nd: ---\n",
      "a:\n  b: 1\n  c:\n    d: x\n",
      "a:\n- x\n- y\nb: 1\n", "a:\n  - x\n  - y\n", "- a\n- b\n",
      "- a: 1\n  b: 2\n- c: 3\n", "-   a: 1\n    b: 2\n", "- a:\n  - x\n  b: 1\n",
      "x:\n  - a:\n    - 1\n    - 2\n    b:\n    - 3\n  - c: 4\n",
      "-\n  a: 1\n", "-\n  - x\n", "- \n- x\n", "-\n", "-", "- # c\n- x\n",
      "a:", "a:\n", "a:\nb:\n", "a: # c\nb: 1\n", "a:\n- \n-\nb:\n", "a:\n  -\n  - x\nb: 1",
      "a: ~\nb: null\nc: Null\nd: NULL\ne: nul\nf: ~ # c\ng: nullx\n", "~: 1\nnull: 2\n", "- ~\n- null\n",
      "a: 'it''s'\nb: \"q \\\"x\\\" \\\\ \\n\\t/ \\0\\a\\b\\e\\f\\r\\v\\/\\ \"\nc: ''\nd: \"\"\ne: ' sp '\n",
      "'k': 1\n\"k 2\": 2\n'': 3\n", "- 'k': 1\n  \"j\" : 2\n", "a: \"x # y\" # z\nb: 'p: q'\n",
      "a: |\n  line1\n  line2\nb: 1\n", "a: |-\n  x\n\n\nb: 1\n", "a: |+\n  x\n\n\nb: 1\n",
      "a: >\n  one\n  two\n\n  three\n    more\n  back\n", "a: >-\n  one\n  two\n\n\nb: 1\n",
      "a: >+\n  one\n  two\n\n\nb: 1\n", "a: >+\n  one\n    two\n\n\n", "a: |\n\n  x\n", "a: |\n  x",
      "a: |  # comment\n  x\n", "a: |\n  x\n   \nb: 1\n", "a: |\n  x\n  # not a comment\n# comment\nb: 1\n",
      "a: >\n  x\n\n\n", "a: |+\n  x\n", "- |\n  x\n- >-\n  y\n", "- a: |\n    x\n  b: >\n    y\n",
      "k:\n  a: |\n     x\n     y\n", "a: |\n    x\n   \n",
      "# c\na: 1 # c\n# c\n  # indented comment\nb:\n  # c\n  c: 2\n # c\n",
      "a: 1   \nb:   \n  c: x  \n", "---\na: 1\n", "--- # c\na: 1\n", "---   \n- a\n",
      "  a: 1\n  b: 2\n", "a:\n\n  b: 1\n\n", "url: http://x:80/p\nk: a:b\nq: a #b\nh: a#b\nkey with spaces: v\n",
      "a: b ]\nc: d,e\nf: x[0]\ng: \"\"\n", "\xC3\xA9: \xC3\xBC\nb: \"\xE6\x97\xA5\"\n", "a  : 1\n", "a:\n  b\n",
      "a:\n  'b'\n", "a:\n  |\n   x\n", "-\n  x\n- b\n", "a:\n  ~\n", "-x: 1\n", "a: -x\n", "a: it's\n",
      many_keys(40, false), nested(40),
  };
  for (const std::string& text : accepted) {
    CAPTURE(text);
    const auto result = compare_paths(text);
    CHECK(result.fast_taken);
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
  }
}

TEST_CASE("fast path: gives up outside the subset and on anything wrong") {
  const std::vector<std::string> refused = {
      "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !t 1\n", "<<: {a: 1}\n", "a:\n  b: 1\nc:\n  <<: x\n",
      "? a\n: 1\n", "a: [1, 2]\n", "a: {b: 1}\n", "[a]\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\nb: 2\n",
      "a: 1\n...\n", "---\n", "--- a\n", "a:\t1\n", "a:\n\tb: 1\n", "a: 1\r\n", "\xEF\xBB\xBF" "a: 1\n",
      "a: x\xC2\x85y\n", "a: 1\na: 2\n", many_keys(40, true), "a: b\n  c\n", "a: b\n  # c\n",
      "a: \"b\n  c\"\n", "a: 'b\n  c'\n", "a:\n  b: 1\n c: 2\n", "a:\n  b: 1\n   c: 2\n", nested(150),
      "hello\n", "|\n x\n", "\"x\"\n", "a: |2\n  x\n", "a: |\nb: 1\n", "a: |-+\n  x\n", "a: |x\n", "a: |#\n  x\n",
      "a: b: c\n", "a: - b\n", "- - a\n", "a:\nnull: 1\n", "-\nnull\n", "a: \"\\u00e9\"\n", "a: \"x\\n\"\n",
      "a: \"\\N\"\n", "a: 'x'y\n", "a: \"x\"#c\n", "a: 1\n- b\n", "a\n", "a: b\nc\n", "a: @x\n", "a: `x`\n",
      "a: %x\n", "a: ,x\n", "a: ?x\n", "a: :x\n", "a: 1\n  b: 2\n", "- a\n  - b\n", "- a\nb: 1\n",
      std::string(2000, 'k') + ": 1\n", "a: >\n  x\n b\n", "a: |\n    deep\n  less\n", "a: 1\n   # c\n",
  };
  for (const std::string& text : refused) {
    CAPTURE(text);
    const auto result = compare_paths(text);
    CHECK_FALSE(result.fast_taken);
    CHECK(result.mismatch == "");
  }
}

namespace {

/// Deterministic edits of a text: one character deleted, replaced or inserted, or one line's
/// indentation changed.
std::vector<std::string> mutations_of(const std::string& text, std::size_t step) {
  static const std::vector<std::string> inserts = {" ", ":", "-", "\"", "'", "#", "\n", "- ", ": ", "|", ">", "~",
                                                   "  ", "\n  ", "a", "\n-", "-\n"};
  std::vector<std::string> out;
  std::size_t kind = 0;
  for (std::size_t i = 0; i < text.size(); i += step, ++kind) {
    switch (kind % 4) {
      case 0: out.push_back(text.substr(0, i) + text.substr(i + 1)); break;
      case 1: out.push_back(text.substr(0, i) + " " + text.substr(i + 1)); break;
      default: out.push_back(text.substr(0, i) + inserts[(kind / 4 + i) % inserts.size()] + text.substr(i)); break;
    }
  }
  for (std::size_t start = 0, line = 0; start < text.size(); ++line) {
    const std::size_t eol = std::min(text.find('\n', start), text.size());
    switch (line % 4) {
      case 0: out.push_back(text.substr(0, start) + " " + text.substr(start)); break;
      case 1: out.push_back(text.substr(0, start) + "  " + text.substr(start)); break;
      case 2:
        if (text.compare(start, 1, " ") == 0) out.push_back(text.substr(0, start) + text.substr(start + 1));
        break;
      default:
        if (text.compare(start, 2, "  ") == 0) out.push_back(text.substr(0, start) + text.substr(start + 2));
        break;
    }
    start = eol + 1;
  }
  return out;
}

/// Line-aligned pieces of about `lines` lines, so that each load stays cheap.
std::vector<std::string> windows_of(const std::string& text, int lines) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    for (int i = 0; i < lines && end < text.size(); ++i) end = std::min(text.find('\n', end), text.size() - 1) + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

}  // namespace

TEST_CASE("fast path: mutated rule files load the same both ways or take the slow path") {
  const fs::path source_dir(MLMON_SOURCE_DIR);
  std::vector<std::string> samples;
  for (const char* file : {"rules/ml-platform.rules.yml", "rules/ml-platform.recording.yml",
                           "tests/cli/fixtures/rules/good.yml", "tests/cli/fixtures/diff/base.yml"}) {
    for (std::string& window : windows_of(read_text(source_dir / file), 24)) samples.push_back(std::move(window));
  }
  samples.push_back("a:\n- x\n-\n- y: |\n    t\n\n  z: >-\n    u\n    v\nb: 'q'\nc: \"d\\n\"\n");
  const auto started = std::chrono::steady_clock::now();
  int total = 0, taken = 0;
  for (const std::string& sample : samples) {
    for (const std::string& mutated : mutations_of(sample, 3)) {
      const auto result = compare_paths(mutated);
      ++total;
      if (result.fast_taken) ++taken;
      if (!result.mismatch.empty()) {
        CAPTURE(mutated);
        FAIL_CHECK(result.mismatch);
      }
    }
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  MESSAGE(total << " mutations, " << taken << " took the fast path, " << ms.count() << " ms");
  CHECK(total > 2000);
  CHECK(taken * 4 > total);  // the mutations must exercise the fast path, not only its refusals
}

}  // namespace mlmon::yaml
