// promtool's rule unit-test file (`promtool test rules`, cmd/promtool/unittest.go): the model and
// its strict decoder. promtool decodes with Go's yaml.v2 UnmarshalStrict; the decoder here
// accepts and refuses the same documents, and reports every problem (promtool stops at the first
// bad duration), each with its position and with the text promtool prints for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/position.hpp"
#include "core/source_file.hpp"
#include "yaml/document.hpp"

namespace mlmon::ruletest {

using StringPairs = std::vector<std::pair<std::string, std::string>>;

struct InputSeries {
  std::string series;
  std::string values;
  const yaml::Node* node = nullptr;
  const yaml::Node* series_node = nullptr;
  const yaml::Node* values_node = nullptr;
};

struct ExpectedAlert {
  StringPairs labels;       // exp_labels, in file order (a map: duplicates are decode errors)
  StringPairs annotations;  // exp_annotations
  const yaml::Node* node = nullptr;
};

struct AlertTest {
  int64_t eval_time_ms = 0;
  std::string alertname;
  std::vector<ExpectedAlert> exp_alerts;
  const yaml::Node* node = nullptr;
  const yaml::Node* eval_time_node = nullptr;
  const yaml::Node* alertname_node = nullptr;
};

struct ExpectedSample {
  std::string labels;
  double value = 0;
  std::string histogram;  // non-empty: a native histogram is expected (value ignored)
  const yaml::Node* node = nullptr;
  const yaml::Node* labels_node = nullptr;
};

struct ExprTest {
  std::string expr;
  int64_t eval_time_ms = 0;
  std::vector<ExpectedSample> exp_samples;
  const yaml::Node* node = nullptr;
  const yaml::Node* expr_node = nullptr;
  const yaml::Node* eval_time_node = nullptr;
};

struct TestGroup {
  std::string name;
  int64_t interval_ms = 0;  // 0: the file's evaluation_interval
  std::vector<InputSeries> input_series;
  std::vector<AlertTest> alert_tests;
  std::vector<ExprTest> expr_tests;
  StringPairs external_labels;
  std::string external_url;
  std::optional<int64_t> start_ms;  // start_timestamp, as milliseconds since the epoch
  const yaml::Node* node = nullptr;
  const yaml::Node* name_node = nullptr;

  // promtool's name in its output: the name, or "unnamed#<index>".
  std::string display_name(std::size_t index) const;
  // The largest eval_time of the group's tests.
  int64_t max_eval_time_ms() const;
};

struct PathEntry {
  std::string value;
  const yaml::Node* node = nullptr;
};

struct TestFile {
  std::vector<PathEntry> rule_files;
  int64_t evaluation_interval_ms = 60'000;
  std::vector<PathEntry> group_eval_order;
  std::vector<TestGroup> tests;
  bool fuzzy_compare = false;
};

// One problem of decoding, with Go's words (without yaml.v2's "line N: " prefix).
struct DecodeProblem {
  Position pos;
  int go_line = 0;      // the line yaml.v2 reports
  std::string message;  // "field foo not found in type main.testGroup", `not a valid duration string: "x"`
  // yaml.v2 collects type errors and reports them together ("yaml: unmarshal errors:"); a custom
  // unmarshaler's error (durations, start_timestamp) or a syntax error ends decoding at once.
  enum class Kind { TypeError, Fatal, Syntax } kind = Kind::TypeError;
};

struct DecodedTestFile {
  yaml::Document document;  // owns the nodes the model points at
  TestFile file;
  std::vector<DecodeProblem> problems;  // in the order Go's decoder meets them

  bool ok() const { return problems.empty(); }
  // What promtool prints for the failed decode: the first fatal problem's message alone (yaml.v2
  // drops the type errors met before it), or "yaml: unmarshal errors:\n  line N: ..." listing
  // the type errors.
  std::string promtool_error() const;
};

DecodedTestFile decode_test_file(SourceFilePtr source);

// promtool's parseTime: Unix seconds (a float) or RFC 3339 with optional fraction; milliseconds.
std::optional<int64_t> parse_start_timestamp(std::string_view text);

}  // namespace mlmon::ruletest
