#include "engine/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/go_math.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine::detail {

using promql::NodeKind;

void fail(std::string message) { throw Failure{EvalError{std::move(message), false}}; }
void fail_unsupported(std::string message) { throw Failure{EvalError{std::move(message), true}}; }

std::string format_g(double v) { return promql::go::format_float_v(v); }

std::string format_f(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{:.6f}", v);
}

const promql::Node* unparen(const promql::Node* n) {
  while (n && n->kind == NodeKind::paren) n = static_cast<const promql::ParenExpr*>(n)->expr;
  return n;
}

// ---- LabelPool ----

LabelPool::LabelPool() { empty_ = intern(Labels()); }

const Labels* LabelPool::intern(Labels labels) {
  if (auto it = set_.find(&labels); it != set_.end()) return *it;
  store_.push_back(std::move(labels));
  const Labels* p = &store_.back();
  set_.insert(p);
  return p;
}

// ---- Query ----

SharedState& SharedState::of(QueryCache& cache, const Storage& storage) {
  // Label sets made by evaluation are mostly the same at every step; should a query make new ones
  // each time (label_replace of a changing value), start afresh rather than grow without bound.
  constexpr size_t kMaxPooled = 1 << 16;
  auto& state = cache.state_;
  if (!state || state->epoch != storage.epoch() || state->pool.size() > kMaxPooled) {
    state = std::make_unique<SharedState>();
    state->epoch = storage.epoch();
  }
  return *state;
}

Query::Query(const Storage& storage, const EvalOptions& options, int64_t start, int64_t end, int64_t interval,
             QueryCache* cache)
    : storage(storage),
      options(options),
      start(start),
      end(end),
      interval(interval),
      own_(cache ? nullptr : std::make_unique<SharedState>()),
      shared_(cache ? SharedState::of(*cache, storage) : *own_),
      pool(shared_.pool) {}

void Query::add_samples(int64_t n) {
  samples += n;
  if (samples > options.max_samples) {
    fail("query processing would load too many samples into memory in query execution");
  }
}

void Query::charge(uint64_t steps) {
  work += steps;
  if (work > options.max_work || steps > options.max_work) fail("query timed out in expression evaluation");
}

namespace {

// The selector's matchers as a key: length-prefixed, so no two matcher lists share one.
void select_key(std::string& key, const promql::VectorSelector& vs) {
  auto put = [&](std::string_view s) {
    const auto n = static_cast<uint32_t>(s.size());
    key.append(reinterpret_cast<const char*>(&n), sizeof n);
    key.append(s);
  };
  put(vs.name);
  for (const promql::LabelMatcher& m : vs.matchers) {
    put(m.name);
    key.push_back(static_cast<char>(m.op));
    put(m.value);
  }
}

}  // namespace

const std::vector<const StoredSeries*>& Query::select(const promql::VectorSelector& vs) {
  if (auto it = selected_.find(&vs); it != selected_.end()) return *it->second;
  // Selectors are looked up once per query, and rule tests run many queries: the key's buffer is
  // reused rather than allocated each time.
  thread_local std::string key;
  key.clear();
  select_key(key, vs);
  auto cached = shared_.selections.find(key);
  const auto all = storage.all();
  if (cached == shared_.selections.end()) {
    SharedState::Selection sel;
    sel.matchers = matchers_of(vs);
    sel.series = storage.select_all(sel.matchers);
    sel.seen = all.size();
    cached = shared_.selections.emplace(key, std::move(sel)).first;
  }
  SharedState::Selection& sel = cached->second;
  for (; sel.seen < all.size(); ++sel.seen) {
    const StoredSeries* s = all[sel.seen].get();
    if (!Storage::matches(*s, sel.matchers)) continue;
    auto at = std::upper_bound(
        sel.series.begin(), sel.series.end(), s,
        [](const StoredSeries* a, const StoredSeries* b) { return compare(a->labels, b->labels) < 0; });
    sel.series.insert(at, s);
  }
  // A query reads the series that have samples. Usually that is all of them, and the cached list
  // itself is returned (the store does not change during a query, so it stays put); only when
  // some are still empty is a filtered copy made.
  const auto has_samples = [](const StoredSeries* s) { return !s->empty() || s->native_histograms; };
  size_t live = 0;
  for (const StoredSeries* s : sel.series) {
    if (!has_samples(s)) continue;
    ++live;
    if (s->native_histograms) fail_unsupported(kNativeHistogramsUnsupported);
    if (s->start_timestamps) fail_unsupported("start timestamps (@st) are not supported yet");
  }
  charge(live);
  if (live == sel.series.size()) return *selected_.emplace(&vs, &sel.series).first->second;
  std::vector<const StoredSeries*>& series = filtered_.emplace_back();
  series.reserve(live);
  for (const StoredSeries* s : sel.series) {
    if (has_samples(s)) series.push_back(s);
  }
  return *selected_.emplace(&vs, &series).first->second;
}

const Labels* Query::drop_name(const Labels* metric) {
  auto& dropped = shared_.dropped;
  if (auto it = dropped.find(metric); it != dropped.end()) return it->second;
  const Labels* out = metric->has("__name__") || metric->has("__type__") || metric->has("__unit__")
                          ? pool.intern(metric->without_name())
                          : metric;
  dropped.emplace(metric, out);
  return out;
}

std::unordered_map<const Labels*, const Labels*>& Query::groups_of(std::span<const std::string_view> names,
                                                                   bool without) {
  std::string key(1, without ? 'w' : 'b');
  for (std::string_view n : names) {
    const auto len = static_cast<uint32_t>(n.size());
    key.append(reinterpret_cast<const char*>(&len), sizeof len);
    key.append(n);
  }
  return shared_.groupings[key];
}

const SharedState::Bucket& Query::bucket_of(const Labels* metric) {
  auto [it, added] = shared_.buckets.emplace(metric, SharedState::Bucket{});
  if (added) {
    static constexpr std::string_view kLe[] = {kBucketLabel};
    if (const auto bound = promql::go::parse_float(metric->get(kBucketLabel))) {
      it->second = {pool.intern(metric->without(kLe)), *bound, true};
    }
  }
  return it->second;
}

int64_t Query::duration_ms(const promql::Node* expr, int64_t literal_ns) const {
  if (expr) {
    auto it = durations_ms.find(expr);
    return it == durations_ms.end() ? 0 : it->second;
  }
  return literal_ns / 1'000'000;
}

// ---- Evaluator: dispatch ----

TimeRef Evaluator::time_ref(const promql::TimeModifiers& mods) const {
  TimeRef r;
  if (mods.offset_expr) {
    r.offset = q_.duration_ms(mods.offset_expr, 0);
    r.offset_ns = wmul(r.offset, 1'000'000);
  } else {
    r.offset = mods.offset_ns / 1'000'000;
    r.offset_ns = mods.offset_ns;
  }
  switch (mods.at) {
    case promql::AtModifier::timestamp:
      r.fixed = true;
      r.at = mods.at_ms;
      break;
    case promql::AtModifier::start:
      r.fixed = true;
      r.at = q_.start;
      break;
    case promql::AtModifier::end:
      r.fixed = true;
      r.at = q_.end;
      break;
    case promql::AtModifier::none:
      if (pin_ && q_.options.force_at_ms) {
        r.fixed = true;
        r.at = *q_.options.force_at_ms;
      }
      break;
  }
  return r;
}

EMatrix Evaluator::eval(const promql::Node& node) {
  if (end_ < start_) return {};
  if (!instant() && q_.step_invariant.count(&node)) return eval_step_invariant(node);
  return eval_inner(node);
}

EMatrix Evaluator::eval_inner(const promql::Node& node) {
  q_.charge(1);
  switch (node.kind) {
    case NodeKind::paren: return eval(*static_cast<const promql::ParenExpr&>(node).expr);
    case NodeKind::number_literal: return eval_number(static_cast<const promql::NumberLiteral&>(node).value);
    case NodeKind::vector_selector: return eval_vector_selector(static_cast<const promql::VectorSelector&>(node));
    case NodeKind::matrix_selector:
      if (!instant()) fail("cannot do range evaluation of matrix selector");
      return eval_matrix_selector(static_cast<const promql::MatrixSelector&>(node));
    case NodeKind::subquery: return eval_subquery(static_cast<const promql::Subquery&>(node));
    case NodeKind::call: return eval_call(static_cast<const promql::Call&>(node));
    case NodeKind::aggregate: return eval_aggregate(static_cast<const promql::AggregateExpr&>(node));
    case NodeKind::binary: return eval_binary(static_cast<const promql::BinaryExpr&>(node));
    case NodeKind::unary: return eval_unary(static_cast<const promql::UnaryExpr&>(node));
    case NodeKind::string_literal:
    case NodeKind::duration_expr: break;
  }
  fail("unexpected expression in evaluation");
}

EMatrix Evaluator::eval_number(double v) {
  const int64_t n = steps();
  q_.charge(static_cast<uint64_t>(n));
  ESeries s{q_.pool.empty(), {}, false};
  s.points.reserve(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) s.points.push_back({start_ + k * interval_, v});
  q_.add_samples(n);
  EMatrix m;
  m.push_back(std::move(s));
  return m;
}

// ---- Selectors ----

EMatrix Evaluator::eval_vector_selector(const promql::VectorSelector& vs) {
  const auto& series = q_.select(vs);
  const TimeRef ref = time_ref(vs.modifiers);
  const int64_t lookback = q_.options.lookback_delta_ms;
  const int64_t n = steps();
  EMatrix out;
  out.reserve(series.size());
  if (vs.smoothed) {
    // Smoothed instant selectors interpolate between the samples around each step.
    for (const StoredSeries* s : series) {
      q_.charge(static_cast<uint64_t>(n));
      ESeries es{&s->labels, {}, false};
      for (int64_t k = 0; k < n; ++k) {
        const int64_t ts = start_ + k * interval_;
        const int64_t data_ts = ref.ref(ts);
        const auto w = s->window(wsub(data_ts, lookback), wadd(data_ts, lookback));
        if (w.empty()) continue;
        auto it = std::lower_bound(w.begin(), w.end(), data_ts, [](const Point& p, int64_t t) { return p.t < t; });
        if (it != w.end() && it->t == data_ts) {
          es.points.push_back({ts, it->v});
        } else if (it != w.begin() && it != w.end()) {
          const Point& a = *(it - 1);
          const Point& b = *it;
          es.points.push_back(
              {ts, a.v + (b.v - a.v) * static_cast<double>(data_ts - a.t) / static_cast<double>(b.t - a.t)});
        } else if (it != w.begin()) {
          es.points.push_back({ts, (it - 1)->v});
        }
      }
      if (!es.points.empty()) {
        q_.add_samples(static_cast<int64_t>(es.points.size()));
        out.push_back(std::move(es));
      }
    }
    return out;
  }
  for (const StoredSeries* s : series) {
    q_.charge(static_cast<uint64_t>(n));
    ESeries es{&s->labels, {}, false};
    if (ref.fixed) {
      if (const Point* p = s->at(ref.ref(0), lookback)) {
        es.points.reserve(static_cast<size_t>(n));
        for (int64_t k = 0; k < n; ++k) es.points.push_back({start_ + k * interval_, p->v});
      }
    } else {
      LookbackCursor cursor(*s);
      for (int64_t k = 0; k < n; ++k) {
        const int64_t ts = start_ + k * interval_;
        if (const Point* p = cursor.at(wsub(ts, ref.offset), lookback)) es.points.push_back({ts, p->v});
      }
    }
    if (!es.points.empty()) {
      q_.add_samples(static_cast<int64_t>(es.points.size()));
      out.push_back(std::move(es));
    }
  }
  return out;
}

EMatrix Evaluator::eval_matrix_selector(const promql::MatrixSelector& ms) {
  const promql::VectorSelector& vs = *ms.selector;
  const auto& series = q_.select(vs);
  const TimeRef ref = time_ref(vs.modifiers);
  const int64_t range = q_.duration_ms(ms.range_expr, ms.range_ns);
  const int64_t maxt = ref.ref(start_);
  const int64_t mint = wsub(maxt, range);
  const int64_t lookback = q_.options.lookback_delta_ms;
  EMatrix out;
  for (const StoredSeries* s : series) {
    q_.charge(1);
    ESeries es{&s->labels, {}, false};
    if (vs.anchored || vs.smoothed) {
      const auto w = s->window(wsub(mint, lookback), vs.smoothed ? wadd(maxt, lookback) : maxt);
      if (w.empty()) continue;
      es.points = extend_window(w, mint, maxt, vs.smoothed);
    } else {
      const auto w = s->window(mint, maxt);
      es.points.assign(w.begin(), w.end());
    }
    if (es.points.empty()) continue;
    q_.add_samples(static_cast<int64_t>(es.points.size()));
    out.push_back(std::move(es));
  }
  return out;
}

// extendFloats: the window of an anchored or smoothed selector, with points placed on its bounds.
std::vector<Point> extend_window(std::span<const Point> w, int64_t mint, int64_t maxt, bool smoothed) {
  const size_t n = w.size();
  size_t last = n - 1;
  // First sample index: the last one at or before mint (or 0).
  size_t first_after = 0;
  while (first_after < last && w[first_after].t <= mint) ++first_after;
  size_t first = first_after == 0 ? 0 : first_after - 1;
  if (smoothed) {
    size_t i = 0;
    while (i < last && w[i].t < maxt) ++i;
    last = i;
  }
  if (w[last].t <= mint) return {};
  auto interpolate = [](const Point& a, const Point& b, int64_t t) {
    return a.v + (b.v - a.v) * static_cast<double>(t - a.t) / static_cast<double>(b.t - a.t);
  };
  const double left = smoothed && w[first].t < mint ? interpolate(w[first], w[first + 1], mint) : w[first].v;
  const double right = smoothed && last > 0 && w[last].t > maxt ? interpolate(w[last - 1], w[last], maxt) : w[last].v;
  size_t lo = first;
  if (w[lo].t <= mint) ++lo;
  ptrdiff_t hi = static_cast<ptrdiff_t>(last);
  if (w[last].t >= maxt) --hi;
  std::vector<Point> out;
  out.reserve(n + 2);
  out.push_back({mint, left});
  for (ptrdiff_t i = static_cast<ptrdiff_t>(lo); i <= hi; ++i) out.push_back(w[static_cast<size_t>(i)]);
  out.push_back({maxt, right});
  return out;
}

// ---- Subqueries ----

EMatrix Evaluator::eval_subquery(const promql::Subquery& sq, TimeRef* ref_out, int64_t* range_out) {
  const TimeRef ref = time_ref(sq.modifiers);
  // Prometheus turns @ into an offset relative to the evaluator's start.
  const int64_t offset = ref.fixed ? wadd(ref.offset, wsub(start_, ref.at)) : ref.offset;
  const int64_t range = q_.duration_ms(sq.range_expr, sq.range_ns);
  const int64_t step =
      sq.step_expr || sq.step_ns ? q_.duration_ms(sq.step_expr, sq.step_ns) : q_.options.default_subquery_step_ms;
  // A step below a millisecond truncates to 0, and Prometheus's evaluator then divides by it.
  if (step <= 0) fail("unexpected error: runtime error: integer divide by zero");
  const int64_t parent_end = start_ + ((end_ - start_) / interval_) * interval_;
  const int64_t sub_end = wsub(parent_end, offset);
  const int64_t bound = wsub(wsub(start_, offset), range);
  int64_t sub_start = wmul(step, bound / step);
  if (sub_start <= bound) sub_start = wadd(sub_start, step);
  if (ref_out) *ref_out = ref;
  if (range_out) *range_out = range;
  if (sub_end >= sub_start) {
    // Work grows with the inner steps; stop runaway subqueries before evaluating them.
    const __int128 inner = (static_cast<__int128>(sub_end) - sub_start) / step + 1;
    q_.charge(inner > static_cast<__int128>(q_.options.max_work) ? q_.options.max_work + 1
                                                                 : static_cast<uint64_t>(inner));
  }
  Evaluator child(q_, sub_start, sub_end, step, false);
  return child.eval(*sq.expr);
}

EMatrix Evaluator::eval_step_invariant(const promql::Node& node) {
  Evaluator child(q_, start_, start_, interval_, pin_);
  EMatrix m = child.eval_inner(node);
  if (node.kind == NodeKind::matrix_selector || node.kind == NodeKind::subquery) return m;
  const int64_t n = steps();
  for (ESeries& s : m) {
    if (s.points.size() != 1) continue;
    q_.charge(static_cast<uint64_t>(n));
    const double v = s.points[0].v;
    s.points.reserve(static_cast<size_t>(n));
    for (int64_t k = 1; k < n; ++k) s.points.push_back({start_ + k * interval_, v});
    q_.add_samples(n - 1);
  }
  return m;
}

// ---- Unary ----

EMatrix Evaluator::eval_unary(const promql::UnaryExpr& u) {
  EMatrix m = eval(*u.expr);
  if (u.op != promql::UnaryOp::minus) return m;
  for (ESeries& s : m) {
    if (!delayed()) s.metric = q_.drop_name(s.metric);
    s.drop_name = true;
    for (Point& p : s.points) p.v = -p.v;
  }
  if (!delayed()) m = merge_same_labelset(std::move(m));
  return m;
}

// ---- Helpers ----

namespace {

// Whether two of the label sets are equal: their hashes (kept in each set) sorted side by side,
// and only equal hashes compared by value. Cheaper than a hash set for the few dozen series of a
// typical step, and allocation-free below 64.
template <class Range, class Get>
bool has_equal_labels(const Range& items, Get metric) {
  const size_t n = items.size();
  if (n < 2) return false;
  std::pair<uint64_t, const Labels*> local[64];
  std::vector<std::pair<uint64_t, const Labels*>> heap;
  std::pair<uint64_t, const Labels*>* keys = local;
  if (n > std::size(local)) {
    heap.resize(n);
    keys = heap.data();
  }
  for (size_t i = 0; i < n; ++i) {
    const Labels* l = metric(items[i]);
    keys[i] = {l->hash(), l};
  }
  std::sort(keys, keys + n, [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i + 1 < n; ++i) {
    for (size_t j = i + 1; j < n && keys[j].first == keys[i].first; ++j) {
      if (keys[i].second == keys[j].second || *keys[i].second == *keys[j].second) return true;
    }
  }
  return false;
}

}  // namespace

bool Evaluator::contains_same_labelset(std::span<const ESample> v) {
  return has_equal_labels(v, [](const ESample& s) { return s.metric; });
}

bool Evaluator::contains_same_labelset(const EMatrix& m) {
  return has_equal_labels(m, [](const ESeries& s) { return s.metric; });
}

EMatrix Evaluator::merge_same_labelset(EMatrix m) {
  if (!contains_same_labelset(m)) return m;
  std::unordered_map<const Labels*, size_t, LabelsHash, LabelsEqual> index;
  EMatrix merged;
  for (ESeries& s : m) {
    auto [it, fresh] = index.emplace(s.metric, merged.size());
    if (fresh) {
      merged.push_back(std::move(s));
      continue;
    }
    ESeries& base = merged[it->second];
    base.points.insert(base.points.end(), s.points.begin(), s.points.end());
  }
  for (ESeries& s : merged) {
    std::stable_sort(s.points.begin(), s.points.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
    for (size_t i = 1; i < s.points.size(); ++i) {
      if (s.points[i].t == s.points[i - 1].t) fail("vector cannot contain metrics with the same labelset");
    }
  }
  return merged;
}

// ---- rangeEval ----

namespace {

// range_eval_impl's working vectors. A rule test runs tens of thousands of tiny instant queries, and
// allocating these afresh was a third of its time: they are kept per thread and nesting depth (an
// argument's evaluation runs range_eval_impl again), so later calls reuse their capacity.
struct RangeScratch {
  std::vector<EMatrix> inputs;
  std::vector<std::vector<int>> series_ordinals;
  std::vector<std::vector<int>> step_ordinals;
  std::vector<EVector> vectors;
  std::vector<std::vector<size_t>> cursors;
  std::unordered_map<const Labels*, int> ordinal_of;
  EVector out;

  void prepare(size_t args) {
    inputs.resize(args);
    series_ordinals.resize(args);
    step_ordinals.resize(args);
    vectors.resize(args);
    cursors.resize(args);
    for (size_t i = 0; i < args; ++i) {
      series_ordinals[i].clear();
      step_ordinals[i].clear();
      vectors[i].clear();
      cursors[i].clear();
    }
    ordinal_of.clear();
    out.clear();
  }
  // The inputs' points are the children's results: freed now, not held until the next query.
  // Large working vectors are let go too, so one big query does not pin its memory.
  void release() {
    constexpr size_t kKeep = 1024;
    for (EMatrix& m : inputs) EMatrix().swap(m);
    for (EVector& v : vectors) {
      if (v.capacity() > kKeep) EVector().swap(v);
    }
    if (out.capacity() > kKeep) EVector().swap(out);
    if (ordinal_of.size() > kKeep) std::unordered_map<const Labels*, int>().swap(ordinal_of);
  }
};

class ScratchLease {
 public:
  explicit ScratchLease(size_t args) {
    if (depth_ == stack_.size()) stack_.push_back(std::make_unique<RangeScratch>());
    scratch_ = stack_[depth_++].get();
    scratch_->prepare(args);
  }
  ~ScratchLease() {
    scratch_->release();
    --depth_;
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  RangeScratch* operator->() const { return scratch_; }

 private:
  static thread_local std::vector<std::unique_ptr<RangeScratch>> stack_;
  static thread_local size_t depth_;
  RangeScratch* scratch_;
};
thread_local std::vector<std::unique_ptr<RangeScratch>> ScratchLease::stack_;
thread_local size_t ScratchLease::depth_ = 0;

}  // namespace

EMatrix Evaluator::range_eval_impl(std::span<const promql::Node* const> args, const promql::VectorMatching* matching,
                                   void (*fn)(void*, StepCall&), void* ctx) {
  const int64_t n = steps();
  const int64_t original_samples = q_.samples;
  const ScratchLease scratch(args.size());
  std::vector<EMatrix>& inputs = scratch->inputs;
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i] || args[i]->type == promql::ValueType::string) continue;
    inputs[i] = eval(*args[i]);
  }

  // Signature ordinals for vector matching, over the series of all inputs.
  std::vector<std::vector<int>>& series_ordinals = scratch->series_ordinals;
  int num_ordinals = 0;
  if (matching) {
    // Equal signatures are equal projections onto the matching labels (on: only those; ignoring:
    // all but those and __name__), which are the label sets an aggregation by/without the same
    // names groups by: their interned addresses give the ordinals, cached across queries.
    std::vector<std::string_view> names(matching->labels.begin(), matching->labels.end());
    std::sort(names.begin(), names.end());
    auto& projection = q_.groups_of(names, !matching->on);
    std::unordered_map<const Labels*, int>& ordinal_of = scratch->ordinal_of;
    for (size_t i = 0; i < inputs.size(); ++i) {
      series_ordinals[i].reserve(inputs[i].size());
      for (const ESeries& s : inputs[i]) {
        auto known = projection.find(s.metric);
        if (known == projection.end()) {
          known = projection.emplace(s.metric, q_.pool.intern(grouping_labels(*s.metric, names, !matching->on))).first;
        }
        auto [it, fresh] = ordinal_of.emplace(known->second, num_ordinals);
        if (fresh) ++num_ordinals;
        series_ordinals[i].push_back(it->second);
      }
    }
  }

  std::vector<EVector>& vectors = scratch->vectors;
  std::vector<std::vector<int>>& step_ordinals = scratch->step_ordinals;
  std::vector<std::vector<size_t>>& cursors = scratch->cursors;
  for (size_t i = 0; i < inputs.size(); ++i) cursors[i].assign(inputs[i].size(), 0);
  EVector& out = scratch->out;
  int64_t temp_samples = q_.samples;

  EMatrix result;
  std::unordered_map<const Labels*, size_t, LabelsHash, LabelsEqual> index;
  std::vector<int64_t> last_ts;

  for (int64_t k = 0; k < n; ++k) {
    const int64_t ts = start_ + k * interval_;
    q_.samples = temp_samples;
    size_t work = 1;
    for (size_t i = 0; i < inputs.size(); ++i) {
      EVector& v = vectors[i];
      v.clear();
      step_ordinals[i].clear();
      const EMatrix& in = inputs[i];
      work += in.size();
      for (size_t si = 0; si < in.size(); ++si) {
        size_t& c = cursors[i][si];
        const auto& pts = in[si].points;
        if (c < pts.size() && pts[c].t == ts) {
          v.push_back({in[si].metric, pts[c].v, ts, in[si].drop_name});
          if (matching) step_ordinals[i].push_back(series_ordinals[i][si]);
          ++c;
          q_.add_samples(1);
        }
      }
    }
    q_.charge(work);
    out.clear();
    StepCall call{ts, vectors, step_ordinals, num_ordinals, out};
    fn(ctx, call);
    const auto produced = static_cast<int64_t>(out.size());
    temp_samples += produced;
    q_.add_samples(produced);

    if (instant()) {
      if (!delayed() && contains_same_labelset(out)) fail("vector cannot contain metrics with the same labelset");
      EMatrix m;
      m.reserve(out.size());
      for (const ESample& s : out) m.push_back({s.metric, {{ts, s.f}}, s.drop_name});
      q_.samples = original_samples + static_cast<int64_t>(m.size());
      return m;
    }
    for (const ESample& s : out) {
      auto [it, fresh] = index.emplace(s.metric, result.size());
      if (fresh) {
        result.push_back({s.metric, {}, s.drop_name});
        last_ts.push_back(ts);
      } else {
        if (last_ts[it->second] == ts) fail("vector cannot contain metrics with the same labelset");
        last_ts[it->second] = ts;
      }
      result[it->second].points.push_back({ts, s.f});
    }
  }
  int64_t total = 0;
  for (const ESeries& s : result) total += static_cast<int64_t>(s.points.size());
  q_.samples = original_samples + total;
  return result;
}

}  // namespace mlmon::engine::detail
