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
using test::compare_all_paths;
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
        expr =
            "histogram_quantile(0.99, sum by (le, service, model) "
            "(rate(http_request_duration_seconds_bucket{job=\"svc-" +
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
      out +=
          "          summary: \"{{ $labels.service }} alert " + std::to_string(n) + " is {{ $value | humanize }}\"\n";
      out += "          description: \"See runbook " + std::to_string(n) + ".\"\n";
    }
  }
  return out;
}

std::string nested(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i)
    out += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "- leaf\n";
  return out;
}

std::string many_keys(int count, bool duplicate_last) {
  std::string out;
  for (int i = 0; i < count; ++i) out += "key" + std::to_string(i) + ": v\n";
  if (duplicate_last) out += "key3: again\n";
  return out;
}

// Loads each file both ways (load() and load_all()) and checks they agree; returns how many took
// the fast path and, through `slow`, the names of those that did not.
int compare_files(const std::vector<fs::path>& files, std::string& slow) {
  int taken = 0;
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    const std::string text = read_text(file);
    const auto result = compare_paths(text, file.string());
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
    const auto all = compare_all_paths(text, file.string());
    CHECK_MESSAGE(all.mismatch == "", all.mismatch);
    CHECK(all.fast_taken == result.fast_taken);
    if (result.fast_taken) ++taken;
    else slow += " " + file.filename().string();
  }
  MESSAGE(taken << " of " << files.size() << " files took the fast path; left to yaml-cpp:" << slow);
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
  std::string slow;
  CHECK(compare_files(files, slow) * 2 > static_cast<int>(files.size()));
}

TEST_CASE("fast path: the corpus's YAML files load the same both ways" * doctest::test_suite("corpus")) {
  REQUIRE_MESSAGE(fs::is_directory(MLMON_CORPUS_DIR), MLMON_CORPUS_DIR);
  const std::vector<fs::path> corpus = yaml_files_under(fs::path(MLMON_CORPUS_DIR));
  REQUIRE(corpus.size() > 200);
  std::string slow;
  const int taken = compare_files(corpus, slow);
  // The README lists them: test_aliases.yaml (anchors, aliases and merge keys).
  CHECK((static_cast<int>(corpus.size()) - taken) * 100 < static_cast<int>(corpus.size()));
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
      "",
      "# only a comment\n",
      "\n\n  \n",
      "# a\n\n# b",
      "a: 1\n",
      "a: 1",
      "a: 1\nb: two words\nc: -3\nd: ---\n",
      "a:\n  b: 1\n  c:\n    d: x\n",
      "a:\n- x\n- y\nb: 1\n",
      "a:\n  - x\n  - y\n",
      "- a\n- b\n",
      "- a: 1\n  b: 2\n- c: 3\n",
      "-   a: 1\n    b: 2\n",
      "- a:\n  - x\n  b: 1\n",
      "x:\n  - a:\n    - 1\n    - 2\n    b:\n    - 3\n  - c: 4\n",
      "-\n  a: 1\n",
      "-\n  - x\n",
      "- \n- x\n",
      "-\n",
      "-",
      "- # c\n- x\n",
      "a:",
      "a:\n",
      "a:\nb:\n",
      "a: # c\nb: 1\n",
      "a:\n- \n-\nb:\n",
      "a:\n  -\n  - x\nb: 1",
      "a: ~\nb: null\nc: Null\nd: NULL\ne: nul\nf: ~ # c\ng: nullx\n",
      "~: 1\nnull: 2\n",
      "- ~\n- null\n",
      "a: 'it''s'\nb: \"q \\\"x\\\" \\\\ \\n\\t/ \\0\\a\\b\\e\\f\\r\\v\\/\\ \"\nc: ''\nd: \"\"\ne: ' sp '\n",
      "'k': 1\n\"k 2\": 2\n'': 3\n",
      "- 'k': 1\n  \"j\" : 2\n",
      "a: \"x # y\" # z\nb: 'p: q'\n",
      "a: |\n  line1\n  line2\nb: 1\n",
      "a: |-\n  x\n\n\nb: 1\n",
      "a: |+\n  x\n\n\nb: 1\n",
      "a: >\n  one\n  two\n\n  three\n    more\n  back\n",
      "a: >-\n  one\n  two\n\n\nb: 1\n",
      "a: >+\n  one\n  two\n\n\nb: 1\n",
      "a: >+\n  one\n    two\n\n\n",
      "a: |\n\n  x\n",
      "a: |\n  x",
      "a: |  # comment\n  x\n",
      "a: |\n  x\n   \nb: 1\n",
      "a: |\n  x\n  # not a comment\n# comment\nb: 1\n",
      "a: >\n  x\n\n\n",
      "a: |+\n  x\n",
      "- |\n  x\n- >-\n  y\n",
      "- a: |\n    x\n  b: >\n    y\n",
      "k:\n  a: |\n     x\n     y\n",
      "a: |\n    x\n   \n",
      "# c\na: 1 # c\n# c\n  # indented comment\nb:\n  # c\n  c: 2\n # c\n",
      "a: 1   \nb:   \n  c: x  \n",
      "---\na: 1\n",
      "--- # c\na: 1\n",
      "---   \n- a\n",
      "  a: 1\n  b: 2\n",
      "a:\n\n  b: 1\n\n",
      "url: http://x:80/p\nk: a:b\nq: a #b\nh: a#b\nkey with spaces: v\n",
      "a: b ]\nc: d,e\nf: x[0]\ng: \"\"\n",
      "\xC3\xA9: \xC3\xBC\nb: \"\xE6\x97\xA5\"\n",
      "a  : 1\n",
      "a:\n  b\n",
      "a:\n  'b'\n",
      "a:\n  |\n   x\n",
      "-\n  x\n- b\n",
      "a:\n  ~\n",
      "-x: 1\n",
      "a: -x\n",
      "a: it's\n",
      "a: ?x\n",
      "a: :x\n",
      "record: :node_memory_MemAvailable_bytes:sum\n",
      ":x: 1\n?y: 2\n",
      "hello\n",
      "a\n",
      "\"x\"\n",
      "'x' # c\n",
      "~\n",
      "a: [1, 2]\n",
      "a: {b: 1}\n",
      "[a]\n",
      many_keys(40, false),
      nested(40),
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
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: !t 1\n",
      "<<: {a: 1}\n",
      "a:\n  b: 1\nc:\n  <<: x\n",
      "? a\n: 1\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n...\n",
      "---\n",
      "--- a\n",
      "---\n---\na: 1\n",
      "# c\n---\n",
      "a:\t1\n",
      "a:\n\tb: 1\n",
      "a: 1\r\n",
      "\xEF\xBB\xBF"
      "a: 1\n",
      "a: x\xC2\x85y\n",
      "a: 1\na: 2\n",
      many_keys(40, true),
      "a: b\n  c\n",
      "a: b\n  # c\n",
      "a: \"b\n  c\"\n",
      "a: 'b\n  c'\n",
      "a:\n  b: 1\n c: 2\n",
      "a:\n  b: 1\n   c: 2\n",
      nested(150),
      "hello\nworld\n",
      "hello\n# c\n",
      "|\n x\n",
      ">\n x\n",
      "a: |2\n  x\n",
      "a: |\nb: 1\n",
      "a: |-+\n  x\n",
      "a: |x\n",
      "a: |#\n  x\n",
      "a: b: c\n",
      "a: - b\n",
      "- - a\n",
      "a:\nnull: 1\n",
      "-\nnull\n",
      "a: \"\\u00e9\"\n",
      "a: \"x\\n\"\n",
      "a: \"\\N\"\n",
      "a: 'x'y\n",
      "a: \"x\"#c\n",
      "a: 1\n- b\n",
      "a: b\nc\n",
      "a: @x\n",
      "a: `x`\n",
      "a: %x\n",
      "a: ,x\n",
      "a: ? x\n",
      "a: : x\n",
      "a: 1\n  b: 2\n",
      "- a\n  - b\n",
      "- a\nb: 1\n",
      std::string(2000, 'k') + ": 1\n",
      "a: >\n  x\n b\n",
      "a: |\n    deep\n  less\n",
      "a: 1\n   # c\n",
      // After more than 16 plain bytes (the check for these takes clean ASCII 16 bytes at a time).
      "key: " + std::string(30, 'v') + "\r\n",
      "key: " + std::string(29, 'v') + "\tw\n",
      "key: " + std::string(27, 'v') + "\xE2\x80\xA8w\n",
      "key: " + std::string(40, 'v') + "\xEF\xBB\xBF\n",
      // Found by fuzzing: yaml-cpp folds an unended last line of only the indentation into a space.
      "a: >\n  x\n  ",
      "a: >-\n  x\n  ",
      "b:\n  a: >\n    x\n    ",
  };
  for (const std::string& text : refused) {
    CAPTURE(text);
    const auto result = compare_paths(text);
    CHECK_FALSE(result.fast_taken);
    CHECK(result.mismatch == "");
  }
}

TEST_CASE("fast path: flow collections are read as yaml-cpp reads them") {
  const std::vector<std::string> accepted = {
      "a: []\n",
      "a: {}\n",
      "a: [ ]\n",
      "a: { }\n",
      "a: [a, b, c]\n",
      "a: [a,b,c]\n",
      "a: [ 'x', \"y\" ]\n",
      "a: [a, b,]\n",
      "a: [a, b, ]\n",
      "a: {b: 1, c: [x, y], d: {e: f}}\n",
      "- [a, b]\n- {c: d}\n",
      "[a, b]\n",
      "{a: 1}\n",
      "[]\n",
      "{}\n",
      "a: [\n  x,\n  y\n]\nb: 1\n",
      "a: [\n  'x',\n  'y'\n  ]\n",
      "a: {\n  b: 1,  # c\n  c: 2\n}\n",
      "a: [x, # c\n  y]\n",
      "a: [x,\n\n  # c\n\n  y]\n",
      "route:\n  routes:\n  - matchers: [ 'severity=\"critical\"', 'team=~\"ml|data\"' ]\n"
      "    group_by: [alertname, cluster]\n    receiver: r\n",
      "a: [~, null, Null, NULL]\n",
      "{null: 1, ~: 2}\n",
      "a: {b: ~, c: null}\n",
      "a: [nullx, null x, ~~]\n",
      "a: [-1, 2.5, 0x1f, -x]\n",
      "a: [http://x:80/p, a:b, a#b]\n",
      "a: [two words, x y z ]\n",
      "a: [1] # c\n",
      "a: [[1, 2], [3, [4]], []]\n",
      "a: [\"a\\tb\\\"\", 'it''s', \"\"]\n",
      "a: {\"k\": 1, 'j': 2, \"\": 3}\n",
      "a: {\"k\" : 1}\n",
      "a: [1]\nb:\n  c: [2]\n  d: x\n",
      "a: [\xC3\xA9, \"\xE6\x97\xA5\"]\n",
      "a:\n  [x, y]\n",
      "a:\n- [x]\n- {y: z}\n",
      "a:\n  b: [\nx,\ny]\n",
      "a: [x\n  ]\n",
      "a: {b: c\n  }\n",
      "a: [x\n\n  ,y]\n",
      "k: [a, 'b', {c: d}, [e]]\n",
      "- a: [1]\n  b: {c: [2, {d: e}]}\n",
      "a: {b: [\n    1,\n    2,\n  ],\n}\n",
      "a: {b: 'x: y', c: \"[z]\"}\n",
      "a: ['#x', x#y]\n",
      "a: [x\n  # c\n  ]\n",
      "a: [x ]\nb: [ y]\n",
      "a: {b:\n  c}\n",
      "groups:\n- name: g\n  rules: []\n- name: h\n  rules:\n  - record: r\n    expr: x\n    labels: {a: b}\n",
      "a: [" + std::string(3000, 'x') + "]\n",
  };
  for (const std::string& text : accepted) {
    CAPTURE(text);
    const auto result = compare_paths(text);
    CHECK(result.fast_taken);
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
  }
  const std::vector<std::string> refused = {
      "a: [a, , b]\n",
      "a: [,]\n",
      "a: {b: }\n",
      "a: {b}\n",
      "a: {b:}\n",
      "a: {b:, c: 1}\n",
      "a: [a: 1]\n",
      "a: {[x]: 1}\n",
      "a: {{x: 1}: 1}\n",
      "a: {\"b\":1}\n",
      "a: [a\n  b]\n",
      "a: [1, 2\n",
      "a: [1, 2]]\n",
      "a: [1] x\n",
      "a: [x?y]\n",
      "a: [a:[b]]\n",
      "[x]: y\n",
      "a: [&x 1]\n",
      "a: [*x]\n",
      "a: [!t 1]\n",
      "a: [\"x\ny\"]\n",
      "a: [1,# c\n 2]\n",
      "a: [\n---\n]\n",
      "a: [\n...\n]\n",
      "a: {<<: {b: 1}}\n",
      "a: {b: 1, b: 2}\n",
      "a: [? x]\n",
      "a: [- x]\n",
      "a: [:x]\n",
      "a: [x y\n  z]\n",
      "a: {b: c d\n  e}\n",
      "a: [x #y]\n",
      "a: [1]\n  b: 2\n",
      "- [a]\n  - b\n",
      "a: [x]y\n",
      "a: [1]#c\n",
      "a: [",
      "a: {",
      "a: [x, {b: [c, d], e: f]\n",
      "a: [\"\\u00e9\"]\n",
      "a: [\"x\\\n y\"]\n",
  };
  for (const std::string& text : refused) {
    CAPTURE(text);
    const auto result = compare_paths(text);
    CHECK_FALSE(result.fast_taken);
    CHECK(result.mismatch == "");
  }
}

TEST_CASE("fast path: a second document ends the first, with load()'s warning") {
  const std::vector<std::string> accepted = {
      "a: 1\n---\nb: 2\n",         "---\na: 1\n---\nb: 2\n",    "a: 1\n--- # c\nb: [\n",  "a: 1\n---\n",
      "a: |\n  x\n---\nb: 1\n",    "a: |+\n  x\n\n---\nb: 1\n", "a: >\n  x\n\n---\n",     "a:\n---\n",
      "- a\n---\n- b\n",           "a: [1]\n---\n---\n",        "a:\n  b: 1\n# c\n---\n", "a: 1\n--- !!str\n",
      "# c\n---\na: 1\n---\n%x\n",
  };
  for (const std::string& text : accepted) {
    CAPTURE(text);
    const auto result = compare_paths(text);
    CHECK(result.fast_taken);
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
  }
  // The warning as check-rules words it.
  LoadOptions options;
  options.multiple_documents_message = "Multiple document yaml rules files are not supported";
  auto source = std::make_shared<const SourceFile>("r.yml", "groups: []\n---\nb: 1\n");
  Document fast;
  fast.source = source;
  REQUIRE(detail::load_fast(fast, options));
  CHECK(test::describe_problems(fast) == test::describe_problems(detail::load_with_yaml_cpp(source, options)));
  CHECK(test::describe_problems(fast) ==
        " warning r.yml:2:1@11:yaml/multiple-documents: Multiple document yaml rules files are not supported ()");
}

TEST_CASE("fast path: load_all() reads every document of a manifest file as yaml-cpp does") {
  const std::vector<std::string> accepted = {
      "",
      "# c\n",
      "a: 1\n",
      "a: 1\n---\nb: 2\n",
      "---\nkind: A\n---\nkind: B\nspec:\n  x: [1]\n",
      "# c\n---\na: 1\n",
      "---\n# Source: x\napiVersion: v1\nkind: ConfigMap\ndata:\n  a.json: |-\n    {\"a\": [1]}\n---\n"
      "# Source: y\napiVersion: v1\nkind: Service\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n"
      "  selector: {app: y}\n",
      "a: |\n  x\n---\nb: >-\n  y\n---\n- [1]\n",
      "a: 1\n--- # c\nb: 2\n",
  };
  for (const std::string& text : accepted) {
    CAPTURE(text);
    const auto result = compare_all_paths(text);
    CHECK(result.fast_taken);
    CHECK_MESSAGE(result.mismatch == "", result.mismatch);
  }
  const std::vector<std::string> refused = {
      "a: 1\n---\n",
      "---\n---\na: 1\n",
      "a: 1\n---\nb: [\n",
      "a: 1\n---\nb: &x 1\n",
      "a: 1\n...\n---\nb: 2\n",
      "a: 1\n--- b\n",
      "a: 1\n---\nb: 1\nb: 2\n",
      "a: 1\n---\nb:\n\tc\n",
  };
  for (const std::string& text : refused) {
    CAPTURE(text);
    const auto result = compare_all_paths(text);
    CHECK_FALSE(result.fast_taken);
    CHECK(result.mismatch == "");
  }
}

namespace {

/// Deterministic edits of a text: one character deleted, replaced or inserted, or one line's
/// indentation changed.
std::vector<std::string> mutations_of(const std::string& text, std::size_t step) {
  static const std::vector<std::string> inserts = {" ", ":", "-", "\"", "'",    "#",       "\n",  "- ",  ": ",
                                                   "|", ">", "~", "  ", "\n  ", "a",       "\n-", "-\n", "[",
                                                   "]", "{", "}", ",",  ", ",   "\n---\n", "?",   "null"};
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

/// Mutations of `samples` compared both ways, load() and load_all(); fails a check for each
/// mismatch and returns how many there were and how many the fast path took.
std::pair<int, int> check_mutations(const std::vector<std::string>& samples) {
  int total = 0, taken = 0;
  for (const std::string& sample : samples) {
    for (const std::string& mutated : mutations_of(sample, 3)) {
      const auto result = compare_paths(mutated);
      const auto all = compare_all_paths(mutated);
      ++total;
      if (result.fast_taken) ++taken;
      if (!result.mismatch.empty() || !all.mismatch.empty()) {
        CAPTURE(mutated);
        FAIL_CHECK(std::string(result.mismatch + " " + all.mismatch));
      }
    }
  }
  return {total, taken};
}

TEST_CASE("fast path: mutated rule files load the same both ways or take the slow path") {
  const fs::path source_dir(MLMON_SOURCE_DIR);
  std::vector<std::string> samples;
  for (const char* file : {"rules/ml-platform.rules.yml", "rules/ml-platform.recording.yml",
                           "tests/cli/fixtures/rules/good.yml", "tests/cli/fixtures/diff/base.yml"}) {
    for (std::string& window : windows_of(read_text(source_dir / file), 24)) samples.push_back(std::move(window));
  }
  samples.push_back("a:\n- x\n-\n- y: |\n    t\n\n  z: >-\n    u\n    v\nb: 'q'\nc: \"d\\n\"\n");
  const auto started = std::chrono::steady_clock::now();
  const auto [total, taken] = check_mutations(samples);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  MESSAGE(total << " mutations, " << taken << " took the fast path, " << ms.count() << " ms");
  CHECK(total > 2000);
  CHECK(taken * 4 > total);  // the mutations must exercise the fast path, not only its refusals
}

TEST_CASE("fast path: mutated flow collections and manifests load the same both ways or take the slow path") {
  const fs::path source_dir(MLMON_SOURCE_DIR);
  std::vector<std::string> samples;
  for (const char* file :
       {"tests/alertmanager/testdata/routing.yml", "rules/alertmanager-routes.cases.yml", "deploy/prometheus.yml"}) {
    for (std::string& window : windows_of(read_text(source_dir / file), 24)) samples.push_back(std::move(window));
  }
  samples.push_back(
      "route:\n  group_by: [alertname, 'cluster', \"job\"]\n  routes:\n  - matchers: [ 'a=\"b\"', c=~\"d|e\" ]\n"
      "    receiver: x\n  - match: {team: ml, env: 'prod'}\n    continue: true\ninhibit_rules:\n"
      "- source_matchers: [severity=\"critical\"]\n  target_matchers: [\n    severity=\"warning\",  # c\n  ]\n"
      "  equal: [alertname, {}, [[]]]\n");
  samples.push_back(
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {app: x}\n  name: x\ndata:\n"
      "  a: |-\n    {\"k\": [1]}\n"
      "---\n# c\nkind: Service\nspec:\n  ports: []\n  selector:\n    app: x\n---\nkind: PrometheusRule\nspec:\n"
      "  groups:\n  - name: g\n    rules:\n    - record: :x:sum\n      expr: sum(x)\n");
  const auto [total, taken] = check_mutations(samples);
  MESSAGE(total << " mutations, " << taken << " took the fast path");
  CHECK(total > 1000);
  CHECK(taken * 4 > total);
}

}  // namespace mlmon::yaml
