// The query entry points: option checks, Prometheus's preprocessing (duration expressions, step
// invariance), evaluation, and the final clean-up of delayed __name__ removal.
#include "engine/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/empty_query.hpp"
#include "engine/evaluator.hpp"
#include "engine/go_math.hpp"
#include "engine/histogram_select.hpp"

namespace mlmon::engine {

namespace {

using detail::EMatrix;
using detail::ESeries;
using detail::Failure;
using detail::Query;
using promql::Node;
using promql::NodeKind;

// DurationExpr.PositionRange: an operation spans from its left operand to its right one (its
// parentheses and a function name are outside), a unary one from its operator.
std::pair<uint32_t, uint32_t> duration_position(const Node& n) {
  if (n.kind != NodeKind::duration_expr) return {n.begin, n.end};
  const auto& d = static_cast<const promql::DurationExpr&>(n);
  if (!d.lhs && !d.rhs) return {n.begin, n.end};
  if (!d.rhs) return {n.begin, duration_position(*d.lhs).second};
  if (!d.lhs) return {n.begin, duration_position(*d.rhs).second};
  return {duration_position(*d.lhs).first, duration_position(*d.rhs).second};
}

std::string position_prefix(const Node& n) {
  const auto [begin, end] = duration_position(n);
  return fmt::format("{}:{}: ", begin, end);
}

// durationVisitor.evaluateDurationExpr: the value in seconds.
double duration_value(const Node& n, const Query& q) {
  if (n.kind == NodeKind::number_literal) return static_cast<const promql::NumberLiteral&>(n).value;
  if (n.kind == NodeKind::paren) return duration_value(*static_cast<const promql::ParenExpr&>(n).expr, q);
  if (n.kind != NodeKind::duration_expr) detail::fail("unexpected duration expression type");
  const auto& d = static_cast<const promql::DurationExpr&>(n);
  const double lhs = d.lhs ? duration_value(*d.lhs, q) : 0;
  const double rhs = d.rhs ? duration_value(*d.rhs, q) : 0;
  switch (d.op) {
    case promql::DurationOp::step: return static_cast<double>(q.interval) / 1000;
    case promql::DurationOp::range: return static_cast<double>(detail::wsub(q.end, q.start)) / 1000;
    case promql::DurationOp::min_of: return go_min(lhs, rhs);
    case promql::DurationOp::max_of: return go_max(lhs, rhs);
    case promql::DurationOp::add: return lhs + rhs;
    case promql::DurationOp::plus: return rhs;
    case promql::DurationOp::sub: return lhs - rhs;
    case promql::DurationOp::negate: return -rhs;
    case promql::DurationOp::mul: return lhs * rhs;
    case promql::DurationOp::div:
      if (rhs == 0) detail::fail(position_prefix(n) + "division by zero");
      return lhs / rhs;
    case promql::DurationOp::mod:
      if (rhs == 0) detail::fail(position_prefix(n) + "modulo by zero");
      return std::fmod(lhs, rhs);
    case promql::DurationOp::pow: return go_pow(lhs, rhs);
  }
  detail::fail("unexpected duration expression operator");
}

// calculateDuration: seconds to whole milliseconds, with Prometheus's checks.
int64_t duration_ms(const Node& n, const Query& q, bool allow_negative) {
  const double d = duration_value(n, q);
  if (std::isnan(d) || std::isinf(d)) detail::fail(position_prefix(n) + "duration is NaN or infinite");
  if (d <= 0 && !allow_negative) detail::fail(position_prefix(n) + "duration must be greater than 0");
  if (d > 9223372036854775808.0 / 1e9 || d < -9223372036854775808.0 / 1e9) {
    detail::fail(position_prefix(n) + "duration is out of range");
  }
  return go_int64(d * 1000);
}

// Resolves every duration expression of the query (Prometheus does this before evaluating).
void resolve_durations(const Node& n, Query& q) {
  auto resolve = [&](const promql::DurationExpr* d, bool allow_negative) {
    if (d) q.durations_ms[d] = duration_ms(*d, q, allow_negative);
  };
  switch (n.kind) {
    case NodeKind::vector_selector:
      resolve(static_cast<const promql::VectorSelector&>(n).modifiers.offset_expr, true);
      return;
    case NodeKind::matrix_selector: {
      const auto& m = static_cast<const promql::MatrixSelector&>(n);
      resolve(m.range_expr, false);
      resolve_durations(*m.selector, q);
      return;
    }
    case NodeKind::subquery: {
      const auto& s = static_cast<const promql::Subquery&>(n);
      resolve(s.modifiers.offset_expr, true);
      resolve(s.step_expr, false);
      resolve(s.range_expr, false);
      resolve_durations(*s.expr, q);
      return;
    }
    case NodeKind::duration_expr: return;
    default:
      promql::for_each_child(n, [&](const Node& c) {
        if (c.kind != NodeKind::duration_expr) resolve_durations(c, q);
      });
  }
}

void validate_modifiers(const Node& root, const EvalOptions& o) {
  if (o.enable_at_modifier && o.enable_negative_offset) return;
  bool at = false;
  bool negative = false;
  promql::walk(root, [&](const Node& n) {
    const promql::TimeModifiers* mods = nullptr;
    if (n.kind == NodeKind::vector_selector) mods = &static_cast<const promql::VectorSelector&>(n).modifiers;
    if (n.kind == NodeKind::subquery) mods = &static_cast<const promql::Subquery&>(n).modifiers;
    if (mods) {
      at = at || mods->at != promql::AtModifier::none;
      negative = negative || mods->offset_ns < 0;
    }
  });
  if (at && !o.enable_at_modifier) detail::fail("@ modifier is disabled");
  if (negative && !o.enable_negative_offset) detail::fail("negative offset is disabled");
}

struct Invariance {
  bool invariant;
  bool wrap;
};

// preprocessExprHelper: marks the highest step-invariant subtrees, which Prometheus evaluates once
// and repeats over the steps.
class Preprocessor {
 public:
  Preprocessor(Query& q) : q_(q) {}

  Invariance visit(const Node& n, bool in_subquery) {
    switch (n.kind) {
      case NodeKind::vector_selector: {
        const bool at = has_at(static_cast<const promql::VectorSelector&>(n).modifiers, in_subquery);
        return {at, at};
      }
      case NodeKind::matrix_selector:
        return {has_at(static_cast<const promql::MatrixSelector&>(n).selector->modifiers, in_subquery), false};
      case NodeKind::subquery: {
        const auto& s = static_cast<const promql::Subquery&>(n);
        if (visit(*s.expr, true).invariant) q_.step_invariant.insert(s.expr);
        const bool at = has_at(s.modifiers, in_subquery);
        return {at, at};
      }
      case NodeKind::aggregate:
        return visit(*detail::unparen(static_cast<const promql::AggregateExpr&>(n).expr), in_subquery);
      case NodeKind::binary: {
        const auto& b = static_cast<const promql::BinaryExpr&>(n);
        const Invariance l = visit(*b.lhs, in_subquery);
        const Invariance r = visit(*b.rhs, in_subquery);
        if (l.invariant && r.invariant) return {true, true};
        if (l.wrap) q_.step_invariant.insert(b.lhs);
        if (r.wrap) q_.step_invariant.insert(b.rhs);
        return {false, false};
      }
      case NodeKind::call: {
        const auto& c = static_cast<const promql::Call&>(n);
        const std::string_view name = c.name();
        if (name == "start" || name == "end" || name == "range" || name == "step") return {true, false};
        bool invariant = !detail::is_at_modifier_unsafe_function(name);
        bool timestamp_ok = name == "timestamp";
        std::vector<const Node*> wraps;  // only arguments with @ land here: usually none, no allocation
        for (const Node* a : c.args) {
          const Node* arg = detail::unparen(a);
          const Invariance inv = visit(*arg, in_subquery);
          invariant = invariant && inv.invariant;
          if (!inv.invariant || arg->kind != NodeKind::vector_selector) timestamp_ok = false;
          if (inv.wrap) wraps.push_back(arg);
        }
        if (invariant || timestamp_ok) return {true, true};
        for (const Node* arg : wraps) q_.step_invariant.insert(arg);
        return {false, false};
      }
      case NodeKind::paren: return visit(*static_cast<const promql::ParenExpr&>(n).expr, in_subquery);
      case NodeKind::unary: return visit(*static_cast<const promql::UnaryExpr&>(n).expr, in_subquery);
      case NodeKind::string_literal:
      case NodeKind::number_literal:
      case NodeKind::duration_expr: return {true, false};
    }
    return {false, false};
  }

 private:
  bool has_at(const promql::TimeModifiers& m, bool in_subquery) const {
    return m.at != promql::AtModifier::none || (q_.options.force_at_ms && !in_subquery);
  }
  Query& q_;
};

// cleanupMetricLabels for matrices: drop flagged names, merge series that became equal.
EMatrix cleanup(detail::Evaluator& ev, Query& q, EMatrix m) {
  for (ESeries& s : m) {
    if (s.drop_name) s.metric = q.drop_name(s.metric);
  }
  return ev.merge_same_labelset(std::move(m));
}

Expected<QueryResult> run(const Storage& storage, const Node& root, int64_t start, int64_t end, int64_t interval,
                          const EvalOptions& options, QueryCache* cache = nullptr) {
  try {
    Query q(storage, options, start, end, interval, cache);
    validate_modifiers(root, options);
    resolve_durations(root, q);
    const Node* expr = detail::unparen(&root);
    if (expr->kind == NodeKind::string_literal) {
      return QueryResult{String{start, std::string(static_cast<const promql::StringLiteral*>(expr)->value)}, {}};
    }
    if (options.native_histograms && interval == 0 && expr->kind == NodeKind::vector_selector &&
        !static_cast<const promql::VectorSelector*>(expr)->smoothed) {
      const auto& vs = *static_cast<const promql::VectorSelector*>(expr);
      const detail::Evaluator at_ev(q, start, end, 1, options.force_at_ms.has_value());
      const int64_t ref = at_ev.time_ref(vs.modifiers).ref(start);
      if (auto v = detail::select_with_histograms(storage, vs, start, ref, options.lookback_delta_ms)) {
        return QueryResult{std::move(*v), std::move(q.annotations)};
      }
    }
    if (interval == 0 && root.type == promql::ValueType::vector && detail::provably_empty(q, root)) {
      return QueryResult{Vector{}, std::move(q.annotations)};
    }
    Preprocessor pre(q);
    if (pre.visit(root, false).wrap) q.step_invariant.insert(&root);

    detail::Evaluator ev(q, start, end, interval == 0 ? 1 : interval, options.force_at_ms.has_value());
    EMatrix m = ev.eval(root);
    if (options.delayed_name_removal) m = cleanup(ev, q, std::move(m));

    QueryResult result;
    result.annotations = std::move(q.annotations);
    auto to_matrix = [&]() {
      Matrix out;
      out.reserve(m.size());
      for (ESeries& s : m) out.push_back({*s.metric, std::move(s.points)});
      std::sort(out.begin(), out.end(),
                [](const Series& a, const Series& b) { return compare(a.metric, b.metric) < 0; });
      return out;
    };
    if (interval != 0) {
      result.value = to_matrix();
      return result;
    }
    switch (root.type) {
      case promql::ValueType::scalar:
        result.value = Scalar{start, m.empty() || m[0].points.empty() ? go_nan() : m[0].points[0].v};
        break;
      case promql::ValueType::matrix: result.value = to_matrix(); break;
      default: {
        Vector v;
        v.reserve(m.size());
        for (ESeries& s : m) v.push_back({*s.metric, start, s.points.empty() ? 0 : s.points[0].v});
        result.value = std::move(v);
      }
    }
    return result;
  } catch (const Failure& f) {
    return f.error;
  }
}

}  // namespace

bool is_at_modifier_unsafe(std::string_view function) { return detail::is_at_modifier_unsafe_function(function); }

QueryCache::QueryCache() = default;
QueryCache::~QueryCache() = default;

Expected<QueryResult> evaluate_instant(const Storage& storage, const Node& expr, int64_t t, const EvalOptions& options,
                                       QueryCache* cache) {
  return run(storage, expr, t, t, 0, options, cache);
}

Expected<QueryResult> evaluate_range(const Storage& storage, const Node& expr, int64_t start, int64_t end, int64_t step,
                                     const EvalOptions& options) {
  if (step <= 0)
    return EvalError{"zero or negative query resolution step widths are not accepted. Try a positive integer"};
  if (end < start) return EvalError{"end timestamp must not be before start time"};
  if (options.max_points_per_series > 0 &&
      (static_cast<__int128>(end) - start) / step > options.max_points_per_series) {
    std::string n = std::to_string(options.max_points_per_series);
    for (int i = static_cast<int>(n.size()) - 3; i > 0; i -= 3) n.insert(static_cast<size_t>(i), ",");
    return EvalError{"exceeded maximum resolution of " + n +
                     " points per timeseries. Try decreasing the query resolution (?step=XX)"};
  }
  if (expr.type != promql::ValueType::vector && expr.type != promql::ValueType::scalar) {
    return EvalError{"invalid expression type \"" + std::string(promql::documented_name(expr.type)) +
                     "\" for range query, must be Scalar or instant Vector"};
  }
  return run(storage, expr, start, end, step, options);
}

}  // namespace mlmon::engine
