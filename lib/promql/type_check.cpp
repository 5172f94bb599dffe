#include "promql/type_check.hpp"

#include <fmt/format.h>

#include "promql/go_format.hpp"

namespace mlmon::promql {

namespace {

struct Stop {};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Visits nodes in the order Prometheus's checkAST does, stopping at the first error.
class Checker {
 public:
  explicit Checker(std::string_view input) : input_(input) {}

  ValueType check(const Node& n);

  ParseError error;

 private:
  [[noreturn]] void fail(uint32_t begin, uint32_t end, std::string message) {
    error = ParseError{begin, end, std::move(message), true};
    throw Stop{};
  }
  [[noreturn]] void fail_at(const Node& n, std::string message) { fail(n.begin, n.end, std::move(message)); }

  void expect_type(const Node& n, ValueType want, std::string_view context) {
    const ValueType got = check(n);
    if (got != want) {
      fail_at(n, fmt::format("expected type {} in {}, got {}", documented_name(want), context, documented_name(got)));
    }
  }

  // The operator with surrounding whitespace trimmed: from the end of the left operand to the
  // start of the right one.
  [[noreturn]] void fail_at_operator(const BinaryExpr& b, std::string message) {
    uint32_t begin = b.lhs->end;
    while (begin < input_.size() && is_space(input_[begin])) ++begin;
    uint32_t end = b.rhs->begin > 0 ? b.rhs->begin - 1 : 0;
    while (end > begin && is_space(input_[end])) --end;
    fail(begin, end, std::move(message));
  }

  void check_aggregate(const AggregateExpr& a);
  void check_binary(const BinaryExpr& b);
  void check_call(const Call& c);
  void check_selector(const VectorSelector& vs);

  std::string_view input_;
};

ValueType Checker::check(const Node& n) {
  switch (n.kind) {
    case NodeKind::aggregate: check_aggregate(static_cast<const AggregateExpr&>(n)); break;
    case NodeKind::binary: check_binary(static_cast<const BinaryExpr&>(n)); break;
    case NodeKind::call: check_call(static_cast<const Call&>(n)); break;
    case NodeKind::paren: check(*static_cast<const ParenExpr&>(n).expr); break;
    case NodeKind::unary: {
      const ValueType t = check(*static_cast<const UnaryExpr&>(n).expr);
      if (t != ValueType::scalar && t != ValueType::vector) {
        fail_at(n, "unary expression only allowed on expressions of type scalar or instant vector, got " +
                       go::quote(documented_name(t)));
      }
      break;
    }
    case NodeKind::subquery: {
      const ValueType t = check(*static_cast<const Subquery&>(n).expr);
      if (t != ValueType::vector) {
        fail_at(n, fmt::format("subquery is only allowed on instant vector, got {} instead", short_name(t)));
      }
      break;
    }
    case NodeKind::matrix_selector: check(*static_cast<const MatrixSelector&>(n).selector); break;
    case NodeKind::vector_selector: check_selector(static_cast<const VectorSelector&>(n)); break;
    case NodeKind::number_literal:
    case NodeKind::string_literal:
    case NodeKind::duration_expr: break;
  }
  return n.type;
}

void Checker::check_aggregate(const AggregateExpr& a) {
  expect_type(*a.expr, ValueType::vector, "aggregation expression");
  switch (a.op) {
    case AggregateOp::topk:
    case AggregateOp::bottomk:
    case AggregateOp::quantile:
    case AggregateOp::limitk:
    case AggregateOp::limit_ratio: expect_type(*a.param, ValueType::scalar, "aggregation parameter"); break;
    case AggregateOp::count_values: expect_type(*a.param, ValueType::string, "aggregation parameter"); break;
    default: break;
  }
}

void Checker::check_binary(const BinaryExpr& b) {
  const ValueType lt = check(*b.lhs);
  const ValueType rt = check(*b.rhs);
  auto& matching = const_cast<VectorMatching&>(b.matching);
  const bool comparison = is_comparison(b.op);
  const bool set_op = is_set_operator(b.op);

  if (b.return_bool && !comparison) fail_at_operator(b, "bool modifier can only be used on comparison operators");
  if (comparison && !b.return_bool && rt == ValueType::scalar && lt == ValueType::scalar) {
    fail_at_operator(b, "comparisons between scalars must use BOOL modifier");
  }
  if (set_op && matching.card == Cardinality::one_to_one) matching.card = Cardinality::many_to_many;
  if (matching.on) {
    for (std::string_view l1 : matching.labels) {
      for (std::string_view l2 : matching.include) {
        if (l1 == l2) fail_at_operator(b, "label " + go::quote(l1) + " must not occur in ON and GROUP clause at once");
      }
    }
  }
  if (lt != ValueType::scalar && lt != ValueType::vector) {
    fail_at(*b.lhs, "binary expression must contain only scalar and instant vector types");
  }
  if (rt != ValueType::scalar && rt != ValueType::vector) {
    fail_at(*b.rhs, "binary expression must contain only scalar and instant vector types");
  }
  const bool fill = matching.has_fill_lhs || matching.has_fill_rhs;
  if (lt != ValueType::vector || rt != ValueType::vector) {
    if (!matching.labels.empty()) fail_at(b, "vector matching only allowed between instant vectors");
    if (fill) fail_at(b, "filling in missing series only allowed between instant vectors");
    // Prometheus drops the (empty) matching of a scalar operation: `n + on() 8` is `n + 8`.
    matching = VectorMatching{};
  } else if (set_op) {
    if (matching.card == Cardinality::one_to_many || matching.card == Cardinality::many_to_one) {
      fail_at(b, "no grouping allowed for " + go::quote(to_string(b.op)) + " operation");
    }
    if (matching.card != Cardinality::many_to_many) fail_at(b, "set operations must always be many-to-many");
    if (fill) fail_at(b, "filling in missing series not allowed for set operators");
  }
  if ((lt == ValueType::scalar || rt == ValueType::scalar) && set_op) {
    fail_at(b, "set operator " + go::quote(to_string(b.op)) + " not allowed in binary scalar expression");
  }
}

void Checker::check_call(const Call& c) {
  const Function& f = *c.function;
  const size_t nargs = f.arg_count;
  const size_t got = c.args.size();
  auto name = [&] { return go::quote(f.name); };
  if (f.variadic == 0) {
    if (nargs != got) fail_at(c, fmt::format("expected {} argument(s) in call to {}, got {}", nargs, name(), got));
  } else {
    const size_t at_least = nargs - 1;
    if (at_least > got) {
      fail_at(c, fmt::format("expected at least {} argument(s) in call to {}, got {}", at_least, name(), got));
    }
    if (f.variadic > 0 && at_least + static_cast<size_t>(f.variadic) < got) {
      fail_at(c, fmt::format("expected at most {} argument(s) in call to {}, got {}",
                             at_least + static_cast<size_t>(f.variadic), name(), got));
    }
  }
  if (f.name == "info" && got > 1) {
    const Node& labels = *c.args[1];
    if (labels.type != ValueType::vector) {
      fail_at(c, fmt::format("expected type {} in call to function {}, got {}", documented_name(ValueType::vector),
                             name(), documented_name(labels.type)));
    }
    if (const auto* vs = as<VectorSelector>(labels)) {
      if (!vs->name.empty()) fail_at(labels, "expected label selectors only, got vector selector instead");
      const_cast<VectorSelector*>(vs)->bypass_empty_matcher_check = true;
    } else {
      fail_at(labels, "expected label selectors only");
    }
  }
  const auto types = f.arg_types();
  for (size_t i = 0; i < got; ++i) {
    size_t k = i;
    if (k >= types.size()) {
      if (f.variadic == 0) break;  // extra arguments of a fixed-arity function are not typed
      k = types.size() - 1;
    }
    const ValueType t = check(*c.args[i]);
    if (t != types[k]) {
      fail_at(*c.args[i], fmt::format("expected type {} in call to function {}, got {}", documented_name(types[k]),
                                      name(), documented_name(t)));
    }
  }
}

void Checker::check_selector(const VectorSelector& vs) {
  if (!vs.name.empty()) {
    for (const LabelMatcher& m : vs.matchers) {
      if (m.name == "__name__") {
        fail_at(vs, "metric name must not be set twice: " + go::quote(vs.name) + " or " + go::quote(m.value));
      }
    }
    return;  // the metric name is a non-empty matcher
  }
  if (vs.bypass_empty_matcher_check) return;
  for (const LabelMatcher& m : vs.matchers) {
    if (!m.matches_empty) return;
  }
  fail_at(vs, "vector selector must contain at least one non-empty matcher");
}

}  // namespace

std::optional<ParseError> type_check(const Node& root, std::string_view input) {
  Checker checker(input);
  try {
    checker.check(root);
  } catch (const Stop&) {
    return std::move(checker.error);
  }
  return std::nullopt;
}

}  // namespace mlmon::promql
