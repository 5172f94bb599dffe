// Internal: the evaluator. Like Prometheus's, it evaluates every node over all steps of its time
// range at once: a node's value is a matrix holding one point per step at which a series has a
// value (a scalar is a single series with empty labels and a point at every step).
//
// Failures are thrown as Failure and caught at the API boundary (engine.cpp), as Prometheus
// panics and recovers.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/engine.hpp"
#include "engine/labels.hpp"
#include "engine/storage.hpp"
#include "promql/ast.hpp"

namespace mlmon::engine::detail {

struct Failure {
  EvalError error;
};
[[noreturn]] void fail(std::string message);
[[noreturn]] void fail_unsupported(std::string message);

// One element of an instant vector during evaluation; labels are shared, not copied.
struct ESample {
  const Labels* metric;
  double f;
  int64_t t;
  bool drop_name;
};
using EVector = std::vector<ESample>;

struct ESeries {
  const Labels* metric;
  std::vector<Point> points;
  bool drop_name = false;
};
using EMatrix = std::vector<ESeries>;

// Label sets made during evaluation, deduplicated so that each distinct set has one address
// (caches keyed by pointer then work across steps).
class LabelPool {
 public:
  LabelPool();
  const Labels* intern(Labels labels);
  const Labels* empty() const { return empty_; }
  size_t size() const { return store_.size(); }

 private:
  std::deque<Labels> store_;
  std::unordered_set<const Labels*, LabelsHash, LabelsEqual> set_;
  const Labels* empty_;
};

// What a query keeps that later queries against the same store may reuse (QueryCache).
struct SharedState {
  uint64_t epoch = 0;  // Storage::epoch() the addresses below belong to
  LabelPool pool;
  std::unordered_map<const Labels*, const Labels*> dropped;  // drop_name results
  // A selector's matching series, empty ones included, in label order, as of when the store held
  // `seen` series (series are only added, so later ones are checked when it holds more).
  struct Selection {
    std::vector<Matcher> matchers;
    std::vector<const StoredSeries*> series;
    size_t seen = 0;
  };
  std::unordered_map<std::string, Selection> selections;  // by matchers, as select_key writes them
  // Aggregation groups: grouping (by/without and the names) -> input label set -> the group's
  // label set (interned, so equal groups have one address).
  std::unordered_map<std::string, std::unordered_map<const Labels*, const Labels*>> groupings;
  // Classic histogram buckets: a bucket series' group (its labels without le, interned) and le.
  struct Bucket {
    const Labels* group = nullptr;
    double bound = 0;
    bool valid = false;  // le present and a float
  };
  std::unordered_map<const Labels*, Bucket> buckets;

  // The cache's state, made ready for `storage`: anything of another store or epoch is dropped.
  static SharedState& of(QueryCache& cache, const Storage& storage);
};

// State shared by all evaluators of one query.
class Query {
 public:
  Query(const Storage& storage, const EvalOptions& options, int64_t start, int64_t end, int64_t interval,
        QueryCache* cache = nullptr);

  const Storage& storage;
  const EvalOptions& options;
  const int64_t start;  // the query's start, end and step (start()/end()/range()/step(), @ start())
  const int64_t end;
  const int64_t interval;  // 0 for an instant query

 private:
  std::unique_ptr<SharedState> own_;  // without a cache
  SharedState& shared_;

 public:
  LabelPool& pool;
  Annotations annotations;
  int64_t samples = 0;  // points held in memory (the sample limit)
  uint64_t work = 0;

  // Preprocessing (engine.cpp): nodes Prometheus wraps in StepInvariantExpr, and the values of
  // duration expressions in milliseconds.
  std::unordered_set<const promql::Node*> step_invariant;
  std::unordered_map<const promql::Node*, int64_t> durations_ms;

  void warn(std::string message) { annotations.warnings.insert("PromQL warning: " + std::move(message)); }
  void info(std::string message) { annotations.infos.insert("PromQL info: " + std::move(message)); }
  void add_samples(int64_t n);  // counts points and enforces max_samples
  void charge(uint64_t steps);  // counts work and enforces max_work
  const std::vector<const StoredSeries*>& select(const promql::VectorSelector& vs);
  const Labels* drop_name(const Labels* metric);  // without __name__, __type__, __unit__ (cached)
  // The cached group label sets of one grouping (`names` sorted), for group_of.
  std::unordered_map<const Labels*, const Labels*>& groups_of(std::span<const std::string_view> names, bool without);
  const SharedState::Bucket& bucket_of(const Labels* metric);
  int64_t duration_ms(const promql::Node* expr, int64_t literal_ns) const;

 private:
  // A few selectors per query: a map without a bucket array. The lists are the shared cache's, or
  // filtered copies kept in a list so that references handed out stay valid.
  std::map<const promql::VectorSelector*, const std::vector<const StoredSeries*>*> selected_;
  std::list<std::vector<const StoredSeries*>> filtered_;  // (a deque would allocate even when empty)
};

// Where a selector or subquery reads, relative to the step being evaluated.
struct TimeRef {
  bool fixed = false;  // @ given: every step reads at `at - offset`
  int64_t at = 0;
  int64_t offset = 0;     // milliseconds
  int64_t offset_ns = 0;  // as written (Prometheus computes some bounds from the sum of durations)
  int64_t ref(int64_t ts) const { return (fixed ? at : ts) - offset; }
};

class Evaluator {
 public:
  Evaluator(Query& q, int64_t start, int64_t end, int64_t interval, bool pin)
      : q_(q), start_(start), end_(end), interval_(interval), pin_(pin) {}

  EMatrix eval(const promql::Node& node);
  EMatrix eval_inner(const promql::Node& node);  // without the step-invariant shortcut
  int64_t start() const { return start_; }
  int64_t end() const { return end_; }
  int64_t interval() const { return interval_; }
  int64_t steps() const {
    if (start_ == end_) return 1;  // instant queries, most of them: no 128-bit division
    const __int128 n = (static_cast<__int128>(end_) - start_) / interval_ + 1;
    return n > std::numeric_limits<int64_t>::max() ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(n);
  }
  bool instant() const { return start_ == end_; }
  bool delayed() const { return q_.options.delayed_name_removal; }
  Query& query() { return q_; }

  // Evaluates `args` (skipping null and string-typed ones), then calls fn once per step with the
  // instant vectors of that step; returns the combined series (Prometheus's rangeEval). With a
  // `matching`, signature ordinals for vector matching are passed too.
  struct StepCall {
    int64_t ts;
    std::span<EVector> vectors;
    std::span<const std::vector<int>> ordinals;  // per argument, per element of its vector
    int num_ordinals;
    EVector& out;
  };
  template <class Fn>
  EMatrix range_eval(std::span<const promql::Node* const> args, const promql::VectorMatching* matching, Fn&& fn);
  EMatrix range_eval_impl(std::span<const promql::Node* const> args, const promql::VectorMatching* matching,
                          void (*fn)(void*, StepCall&), void* ctx);

  TimeRef time_ref(const promql::TimeModifiers& mods) const;
  bool pinned() const { return pin_; }

  // Node kinds (defined across evaluator.cpp, binary.cpp, aggregate.cpp, functions.cpp).
  EMatrix eval_vector_selector(const promql::VectorSelector& vs);
  EMatrix eval_matrix_selector(const promql::MatrixSelector& ms);
  EMatrix eval_subquery(const promql::Subquery& sq, TimeRef* ref_out = nullptr, int64_t* range_out = nullptr);
  EMatrix eval_step_invariant(const promql::Node& node);
  EMatrix eval_binary(const promql::BinaryExpr& b);
  EMatrix eval_aggregate(const promql::AggregateExpr& a);
  EMatrix eval_call(const promql::Call& c);
  EMatrix eval_unary(const promql::UnaryExpr& u);
  EMatrix eval_range_function(const promql::Call& c, const std::vector<const promql::Node*>& args, size_t mi);
  EMatrix eval_vector_function(const promql::Call& c, const std::vector<const promql::Node*>& args);
  EMatrix eval_label_replace(const std::vector<const promql::Node*>& args);
  EMatrix eval_label_join(const std::vector<const promql::Node*>& args);
  EMatrix eval_info(const std::vector<const promql::Node*>& args);
  EMatrix eval_histogram_function(const promql::Call& c, const std::vector<const promql::Node*>& args,
                                  const std::vector<const promql::Node*>& eval_args);
  EMatrix eval_number(double v);

  // Helpers shared by the node kinds.
  EMatrix merge_same_labelset(EMatrix m);  // mergeSeriesWithSameLabelset
  static bool contains_same_labelset(std::span<const ESample> v);
  static bool contains_same_labelset(const EMatrix& m);

 private:
  Query& q_;
  int64_t start_;
  int64_t end_;
  int64_t interval_;
  bool pin_;  // force_at applies to selectors evaluated here (never inside subqueries)
};

template <class Fn>
EMatrix Evaluator::range_eval(std::span<const promql::Node* const> args, const promql::VectorMatching* matching,
                              Fn&& fn) {
  return range_eval_impl(
      args, matching, [](void* ctx, StepCall& call) { (*static_cast<std::remove_reference_t<Fn>*>(ctx))(call); }, &fn);
}

// Go's wrapping int64 arithmetic (C++ overflow is undefined).
inline int64_t wadd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t wsub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t wmul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

// extendFloats: the window of an anchored or smoothed range selector, bounded by points on mint and maxt.
std::vector<Point> extend_window(std::span<const Point> w, int64_t mint, int64_t maxt, bool smoothed);

// The labels an aggregation groups by: `grouping` only, or (without) all but those and __name__.
Labels grouping_labels(const Labels& metric, std::span<const std::string_view> grouping, bool without);

// AtModifierUnsafeFunctions.
bool is_at_modifier_unsafe_function(std::string_view name);

// Removes any parentheses around an expression (Prometheus's unwrapParenExpr on arguments).
const promql::Node* unparen(const promql::Node* n);
// Go's %g / %v of a float64, and %f.
std::string format_g(double v);
std::string format_f(double v);

}  // namespace mlmon::engine::detail
