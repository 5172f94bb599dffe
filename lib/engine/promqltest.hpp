// Prometheus's engine-test scripts (promql/promqltest, FORMAT.md): load, clear, eval instant at,
// eval range from..to..step, the deprecated eval_fail/eval_warn/eval_info/eval_ordered forms and
// expect lines. Runs them as promqltest/test.go does, including its extra checks of every instant
// eval (the same query with @ pinned, evaluated at other times, and as a range query), with its
// engine settings (NewTestEngine) and its float tolerance.
//
// An eval is `unsupported` when it needs what mlmon does not evaluate (native histogram data or
// results, start timestamps, info()) or a parser feature that was not enabled; it never counts
// as passed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "promql/features.hpp"

namespace mlmon::engine::promqltest {

struct Options {
  promql::Features features;  // parser features (Prometheus's test parser enables all of them)
};

// The engine settings of Prometheus's test engine (test.go NewTestEngine).
EvalOptions test_engine_options();

enum class Status { passed, failed, unsupported };
std::string_view to_string(Status s);

struct EvalResult {
  int line = 0;         // 1-based line of the eval command
  std::string command;  // the eval line as written
  std::string expr;
  Status status = Status::passed;
  std::string message;                // why it failed or is unsupported
  std::vector<std::string> expected;  // the expected result as written in the file
  std::vector<std::string> got;       // the result, in the same notation (when there was one)
};

struct FileResult {
  std::vector<EvalResult> evals;
  // Set when the script is malformed or a load fails: Prometheus's runner then fails the file.
  // Evals that did not run are reported as failed with this message.
  std::optional<std::string> error;
  int error_line = 0;

  size_t count(Status s) const;
};

FileResult run_script(std::string_view script, const Options& options);

}  // namespace mlmon::engine::promqltest
