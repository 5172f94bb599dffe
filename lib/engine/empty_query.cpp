#include "engine/empty_query.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace mlmon::engine::detail {

namespace {

using promql::Node;
using promql::NodeKind;

class EmptinessProof {
 public:
  explicit EmptinessProof(Query& q) : q_(q) {}

  bool empty(const Node& n) {
    switch (n.kind) {
      case NodeKind::vector_selector: return q_.select(static_cast<const promql::VectorSelector&>(n)).empty();
      case NodeKind::paren: return empty(*static_cast<const promql::ParenExpr&>(n).expr);
      case NodeKind::unary: return empty(*static_cast<const promql::UnaryExpr&>(n).expr);
      case NodeKind::aggregate: {
        const auto& a = static_cast<const promql::AggregateExpr&>(n);
        return a.param == nullptr && empty(*a.expr);
      }
      case NodeKind::binary: return empty_binary(static_cast<const promql::BinaryExpr&>(n));
      case NodeKind::call: return empty_call(static_cast<const promql::Call&>(n));
      default: return false;
    }
  }

 private:
  bool empty_binary(const promql::BinaryExpr& b) {
    if (b.op == promql::BinaryOp::trim_upper || b.op == promql::BinaryOp::trim_lower) return false;
    if (b.matching.has_fill_lhs || b.matching.has_fill_rhs) return false;
    const bool lhs_vector = b.lhs->type == promql::ValueType::vector;
    const bool rhs_vector = b.rhs->type == promql::ValueType::vector;
    if (lhs_vector && rhs_vector) {
      // Each side is looked at once: asking again per clause made a chain of n operators cost 2^n.
      const bool lhs_empty = empty(*b.lhs);
      const bool rhs_empty = empty(*b.rhs);
      // A side that cannot fail or annotate however the other turns out: a selector (empty() has
      // selected it, failing as evaluating would on data it cannot read), or a provably empty one.
      const bool lhs_simple = lhs_empty || unparen(b.lhs)->kind == NodeKind::vector_selector;
      const bool rhs_simple = rhs_empty || unparen(b.rhs)->kind == NodeKind::vector_selector;
      switch (b.op) {
        case promql::BinaryOp::lor: return lhs_empty && rhs_empty;
        case promql::BinaryOp::lunless: return lhs_empty && rhs_simple;
        default: return (lhs_empty && rhs_simple) || (rhs_empty && lhs_simple);
      }
    }
    if (lhs_vector) return constant_scalar(*b.rhs) && empty(*b.lhs);
    if (rhs_vector) return constant_scalar(*b.lhs) && empty(*b.rhs);
    return false;
  }

  // Functions that return nothing for an empty vector or range, whose other arguments are literals.
  bool empty_call(const promql::Call& c) {
    static constexpr std::string_view kVectorFunctions[] = {
        "abs",   "ceil",      "floor",     "exp",       "ln",
        "log2",  "log10",     "sqrt",      "round",     "sgn",
        "clamp", "clamp_min", "clamp_max", "timestamp", "histogram_quantile",
        "sort",  "sort_desc"};
    static constexpr std::string_view kRangeFunctions[] = {"rate",
                                                           "irate",
                                                           "increase",
                                                           "delta",
                                                           "idelta",
                                                           "deriv",
                                                           "resets",
                                                           "changes",
                                                           "avg_over_time",
                                                           "min_over_time",
                                                           "max_over_time",
                                                           "sum_over_time",
                                                           "count_over_time",
                                                           "last_over_time",
                                                           "stddev_over_time",
                                                           "stdvar_over_time",
                                                           "quantile_over_time",
                                                           "present_over_time"};
    const std::string_view name = c.name();
    const bool vector_fn =
        std::find(std::begin(kVectorFunctions), std::end(kVectorFunctions), name) != std::end(kVectorFunctions);
    const bool range_fn =
        std::find(std::begin(kRangeFunctions), std::end(kRangeFunctions), name) != std::end(kRangeFunctions);
    if (!vector_fn && !range_fn) return false;
    // A quantile outside [0, 1] is warned about whatever the input: only a literal inside is taken.
    if (name == "histogram_quantile" || name == "quantile_over_time") {
      const Node* phi = c.args.empty() ? nullptr : unparen(c.args.front());
      if (phi == nullptr || phi->kind != NodeKind::number_literal) return false;
      const double v = static_cast<const promql::NumberLiteral*>(phi)->value;
      if (!(v >= 0 && v <= 1)) return false;
    }
    bool saw_input = false;
    bool input_empty = false;
    for (const Node* a : c.args) {
      const Node* arg = unparen(a);
      if (arg->type == promql::ValueType::vector || arg->type == promql::ValueType::matrix) {
        if (saw_input) return false;
        saw_input = true;
        if (arg->kind == NodeKind::matrix_selector) {
          const promql::VectorSelector& vs = *static_cast<const promql::MatrixSelector&>(*arg).selector;
          // Which functions take these modifiers is checked while evaluating: leave that to it.
          if (vs.anchored || vs.smoothed) return false;
          input_empty = q_.select(vs).empty();
        } else if (arg->type == promql::ValueType::vector) {
          input_empty = empty(*arg);
        } else {
          return false;  // a subquery
        }
      } else if (!constant_scalar(*arg)) {
        return false;
      }
    }
    return saw_input && input_empty;
  }

  static bool constant_scalar(const Node& n) {
    const Node* e = unparen(&n);
    if (e->kind == NodeKind::unary) return constant_scalar(*static_cast<const promql::UnaryExpr*>(e)->expr);
    return e->kind == NodeKind::number_literal ||
           (e->kind == NodeKind::call && static_cast<const promql::Call*>(e)->name() == "time");
  }

  Query& q_;
};

}  // namespace

bool provably_empty(Query& q, const promql::Node& root) { return EmptinessProof(q).empty(root); }

}  // namespace mlmon::engine::detail
