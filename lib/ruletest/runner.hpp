// Running one promtool unit-test file (`mlmon test-rules`), as cmd/promtool/unittest.go does:
// decode it, glob its rule files, then per test group load the input series, evaluate every rule
// group at every evaluation_interval up to the last eval_time (alert tests checked on the way),
// and run the PromQL tests at the end. The result holds each failure as promtool prints it and as
// data (positions, expected and got), for the text, JSON and JUnit outputs and for `mlmon check`.
//
// Beyond promtool, unless `compat` is set, tests that would pass whatever the rules do fail:
// an alertname no loaded rule defines (with no alerts expected), a rule_files pattern that matches
// nothing, and an eval_time after every input series has ended (by more than the lookback) that
// expects nothing.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/position.hpp"
#include "engine/labels.hpp"
#include "promql/features.hpp"
#include "ruletest/test_file.hpp"

namespace re2 {
class RE2;
}

namespace mlmon::ruletest {

// What kind of problem a failure is; also its rule id in `mlmon check` ("test-rules/<kind>").
enum class FailureKind {
  Decode,      // the test file does not decode (promtool aborts the file)
  Config,      // group_eval_order repeats a name, an alert test has no alertname, a bad glob
  RuleFile,    // a rule file does not load
  Series,      // an input series does not parse or load
  RuleEval,    // a rule failed to evaluate (the test group stops)
  Alert,       // alerts differ from exp_alerts
  Expr,        // samples differ from exp_samples
  ExprError,   // the PromQL test's query or its expected labels failed
  SilentPass,  // mlmon only: a test that passes whatever the rules do
  Limit,       // mlmon only: more rule evaluations than mlmon runs
};
std::string_view to_string(FailureKind kind);

struct AlertValue {
  engine::Labels labels;
  engine::Labels annotations;
};

struct SampleValue {
  engine::Labels labels;
  double value = 0;
  std::string histogram;
};

struct Failure {
  FailureKind kind = FailureKind::Alert;
  std::string promtool_text;  // exactly what promtool prints for it (may span lines)
  std::string message;        // one line, mlmon's words
  std::string file;           // where it is (the test file, or a rule file)
  Position pos;
  // The assertion, for alert and PromQL tests.
  std::string alertname;
  std::string expr;
  int64_t eval_time_ms = 0;
  std::vector<AlertValue> expected_alerts, got_alerts;
  std::vector<SampleValue> expected_samples, got_samples;
  // A rule file that does not load: its problems, each where it is in the rule file.
  std::vector<Diagnostic> details;
  // promtool prints each of a refused rule file's errors as a failure of its own: all but the
  // first are only there for promtool's text (mlmon's reports show the first, with every detail).
  bool repeat = false;
};

struct GroupResult {
  std::string name;  // promtool's: the name or unnamed#<index>
  std::size_t index = 0;
  Position pos;
  std::vector<Failure> failures;
  bool passed() const { return failures.empty(); }
};

// A rule of the loaded rule files, and whether some test asserted it: an alerting rule some
// alert test expected to fire, a recording rule that returned samples in some test group.
struct RuleCoverage {
  std::string file;
  std::string group;
  std::string name;
  bool alerting = false;
  Position pos;
  bool covered = false;
};

struct FileResult {
  std::string path;
  std::vector<std::string> warnings;  // promtool's "  WARNING: ..." lines (stderr, before the verdict)
  // Set when promtool gives up on the whole file (decode errors): its one error.
  std::optional<Failure> abort;
  std::vector<Failure> abort_details;  // every decode problem of an aborted file, at its position
  // mlmon's file-level failures that do not stop the tests (rule_files matching nothing).
  std::vector<Failure> file_failures;
  std::vector<GroupResult> groups;  // the groups that ran (--run), in file order
  std::vector<RuleCoverage> coverage;
  std::string timestamp;  // when the file started, for JUnit ("2006-01-02T15:04:05", local time)
  bool passed() const;
  std::size_t failure_count() const;
};

struct RunOptions {
  std::shared_ptr<const re2::RE2> run;  // --run: only groups whose name matches (unanchored)
  bool ignore_unknown_fields = false;
  promql::Features features;          // --enable-feature: rule files and label sets
  bool delayed_name_removal = false;  // --enable-feature=promql-delayed-name-removal
  bool compat = false;                // promtool's leniency: no silent-pass failures
  bool diff = false;                  // --diff: alert failures as promtool's JSON diff
  // promqltest.LazyLoaderOpts: promtool always enables both; Prometheus's own tests turn them off
  // to show what old versions did.
  bool at_modifier = true;
  bool negative_offset = true;
  // Test groups of one file run at once on this many threads (they are independent).
  unsigned group_jobs = 1;
  // Rule evaluations (steps) mlmon runs for one test group; more are refused with an error.
  int64_t max_steps = 1'000'000;
};

// --run patterns, joined with `|` as promtool joins them; an error names the bad pattern.
std::expected<std::shared_ptr<const re2::RE2>, std::string> compile_run_filter(
    const std::vector<std::string>& patterns);

FileResult run_test_file(const std::string& path, const RunOptions& options);

}  // namespace mlmon::ruletest
