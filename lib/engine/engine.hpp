// PromQL evaluation over a Storage, with Prometheus 3.x semantics for float samples and classic
// histograms (promql/engine.go, functions.go, quantile.go at v3.14):
//
//   auto parsed = promql::parse("sum by (job) (rate(http_requests_total[5m]))");
//   auto result = engine::evaluate_instant(storage, parsed.ast->root(), t_ms);
//   if (!result) report(result.error().message);   // Prometheus's words
//   else use(std::get<engine::Vector>(result->value));
//
// Native histograms are only returned by a top-level instant vector selector when the caller asks
// (EvalOptions::native_histograms); any other query that reads series holding them fails with
// EvalError{kNativeHistogramsUnsupported, unsupported=true}.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/error.hpp"
#include "engine/storage.hpp"
#include "engine/value.hpp"
#include "promql/ast.hpp"

namespace mlmon::engine {

struct EvalOptions {
  int64_t lookback_delta_ms = 5 * 60 * 1000;
  // Prometheus's --query.max-samples: points held in memory at once.
  int64_t max_samples = 50'000'000;
  // Step of a subquery written without one (Prometheus: the global evaluation interval).
  int64_t default_subquery_step_ms = 60'000;
  // promql-delayed-name-removal: __name__ is dropped at the end of evaluation instead of by each
  // operation (the promqltest engine enables it).
  bool delayed_name_removal = false;
  // Start timestamps are read (the promqltest engine): start_timestamp(x) is then 0 for samples
  // without one, which is every sample of this store.
  bool use_start_timestamps = false;
  bool enable_at_modifier = true;
  bool enable_negative_offset = true;
  // The HTTP API's limit on range queries: (end-start)/step may not exceed it (0: no limit).
  int64_t max_points_per_series = 11'000;
  // Bound on evaluation work (steps visited per series and node). Prometheus bounds runaway queries
  // with a timeout; exceeding this reports its timeout message.
  uint64_t max_work = 2'000'000'000;
  // Used by the promqltest runner's extra checks: behave as if every selector and subquery without
  // @ (and not inside a subquery) were written with @ <force_at_ms/1000>.
  std::optional<int64_t> force_at_ms;
  // An instant query that is a plain vector selector (in parentheses, with offset or @ at most)
  // returns native histogram samples as Sample::h. Everything else that meets a histogram still
  // fails with kNativeHistogramsUnsupported. Off by default: callers that set it read Sample::h.
  bool native_histograms = false;
};

// Warnings and infos, each the full message ("PromQL warning: ...").
struct Annotations {
  std::set<std::string> warnings;
  std::set<std::string> infos;
  bool empty() const { return warnings.empty() && infos.empty(); }
};

struct QueryResult {
  Value value;
  Annotations annotations;
};

namespace detail {
struct SharedState;
}

// What successive queries against one store may share: series selections (until a series is
// created), label sets made by evaluation and their name-less versions. A rule group evaluates the
// same few queries at every step; without it each query would select, copy and hash them anew.
// Bound to one store (another store or a cleared one starts it afresh); not thread-safe.
class QueryCache {
 public:
  QueryCache();
  ~QueryCache();
  QueryCache(const QueryCache&) = delete;
  QueryCache& operator=(const QueryCache&) = delete;

 private:
  friend struct detail::SharedState;
  std::unique_ptr<detail::SharedState> state_;
};

// An instant query at t (ms). Vector results are in evaluation order, matrix results sorted.
// With a cache, what earlier queries against the same store computed is reused.
Expected<QueryResult> evaluate_instant(const Storage& storage, const promql::Node& expr, int64_t t,
                                       const EvalOptions& options = {}, QueryCache* cache = nullptr);

// A range query: steps start, start+step, ... <= end; the result is always a Matrix sorted by labels.
Expected<QueryResult> evaluate_range(const Storage& storage, const promql::Node& expr, int64_t start, int64_t end,
                                     int64_t step, const EvalOptions& options = {});

// Functions whose result changes with the evaluation time even with fixed arguments
// (AtModifierUnsafeFunctions): the promqltest runner skips its @ variants for them.
bool is_at_modifier_unsafe(std::string_view function);

}  // namespace mlmon::engine
