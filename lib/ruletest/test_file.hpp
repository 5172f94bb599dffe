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

// Where a value was written: the position of its node (not known when absent), and what it takes
// to map a byte of a decoded scalar back into the file (for errors inside PromQL, the series
// notation or a label set). Kept instead of the node so that the YAML tree can be freed.
struct Place {
  Position pos;
  std::size_t offset = 0, end = 0;
  int block_indent = 0, parent_indent = -1;
  yaml::NodeKind kind = yaml::NodeKind::Null;
  yaml::ScalarStyle style = yaml::ScalarStyle::Plain;
  bool in_flow = false, exact_offsets = true;

  Place() = default;
  explicit Place(const yaml::Node* node);
  bool known() const { return pos.known(); }
  // The position of byte `value_offset` of the scalar's decoded `value`.
  Position at(const SourceFile& source, std::string_view value, std::size_t value_offset) const;
};

// The first of the places that is known.
inline Position first_known(const Place& a, const Place& b) { return a.known() ? a.pos : b.pos; }

struct InputSeries {
  std::string series;
  std::string values;
  Place where, series_at, values_at;
};

struct ExpectedAlert {
  StringPairs labels;       // exp_labels, in file order (a map: duplicates are decode errors)
  StringPairs annotations;  // exp_annotations
  Place where;
};

struct AlertTest {
  int64_t eval_time_ms = 0;
  std::string alertname;
  std::vector<ExpectedAlert> exp_alerts;
  Place where, eval_time_at, alertname_at;
};

struct ExpectedSample {
  std::string labels;
  double value = 0;
  std::string histogram;  // non-empty: a native histogram is expected (value ignored)
  Place where, labels_at;
};

struct ExprTest {
  std::string expr;
  int64_t eval_time_ms = 0;
  std::vector<ExpectedSample> exp_samples;
  Place where, expr_at, eval_time_at;
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
  Place where, name_at;

  // promtool's name in its output: the name, or "unnamed#<index>".
  std::string display_name(std::size_t index) const;
  // The largest eval_time of the group's tests.
  int64_t max_eval_time_ms() const;
};

struct PathEntry {
  std::string value;
  Place where;
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
  SourceFilePtr source;
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
