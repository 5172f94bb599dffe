#include "rules/checks/output_labels.hpp"

namespace mlmon::rules {

namespace {

using namespace promql;

OutputLabels exact(std::set<std::string> labels) { return OutputLabels{true, std::move(labels), {}}; }

OutputLabels without(OutputLabels in, const std::set<std::string>& drop) {
  for (const auto& l : drop) {
    if (in.exact) in.labels.erase(l);
    else in.removed.insert(l);
  }
  return in;
}

OutputLabels with(OutputLabels in, const std::set<std::string>& add) {
  for (const auto& l : add) {
    if (in.exact) in.labels.insert(l);
    else in.removed.erase(l);
  }
  return in;
}

std::set<std::string> names(std::span<const std::string_view> list) {
  return std::set<std::string>(list.begin(), list.end());
}

const Node* first_series_arg(const Call& call) {
  for (const Node* arg : call.args) {
    if (arg->type == ValueType::vector || arg->type == ValueType::matrix) return arg;
  }
  return nullptr;
}

std::string string_arg(const Call& call, std::size_t i) {
  if (i >= call.args.size()) return {};
  const auto* s = as<StringLiteral>(call.args[i]);
  return s ? std::string(s->value) : std::string();
}

OutputLabels of_call(const Call& call) {
  const std::string_view fn = call.name();
  if (fn == "absent" || fn == "absent_over_time") {
    // absent() returns one series labelled by the equality matchers of its selector.
    const Node* arg = call.args.empty() ? nullptr : call.args[0];
    if (const auto* m = as<MatrixSelector>(arg)) arg = m->selector;
    std::set<std::string> labels;
    if (const auto* vs = as<VectorSelector>(arg)) {
      for (const LabelMatcher& lm : vs->matchers) {
        if (lm.op == MatchOp::equal && lm.name != "__name__") labels.emplace(lm.name);
      }
    }
    return exact(std::move(labels));
  }
  const Node* series = first_series_arg(call);
  if (series == nullptr) return exact({});  // vector(1), time(), scalar-only functions
  OutputLabels in = output_labels(*series);
  if (fn == "label_replace" || fn == "label_join") {
    const std::string dst = string_arg(call, 1);
    return dst.empty() ? in : with(std::move(in), {dst});
  }
  if (fn == "histogram_quantile" || fn == "histogram_fraction") return without(std::move(in), {"le"});
  if (fn == "info") return OutputLabels{};
  return in;
}

OutputLabels of_binary(const BinaryExpr& b) {
  const bool lhs_scalar = b.lhs->type == ValueType::scalar;
  const bool rhs_scalar = b.rhs->type == ValueType::scalar;
  if (lhs_scalar && rhs_scalar) return exact({});
  if (lhs_scalar) return output_labels(*b.rhs);
  if (rhs_scalar) return output_labels(*b.lhs);
  if (b.op == BinaryOp::lor) {
    OutputLabels l = output_labels(*b.lhs), r = output_labels(*b.rhs);
    if (l.exact && r.exact) {
      l.labels.insert(r.labels.begin(), r.labels.end());
      return l;
    }
    OutputLabels out;
    for (const auto& name : l.exact ? std::set<std::string>{} : l.removed) {
      if (!r.may_have(name)) out.removed.insert(name);
    }
    return out;
  }
  if (is_set_operator(b.op)) return output_labels(*b.lhs);
  const VectorMatching& m = b.matching;
  switch (m.card) {
    case Cardinality::many_to_one: return with(output_labels(*b.lhs), names(m.include));
    case Cardinality::one_to_many: return with(output_labels(*b.rhs), names(m.include));
    default: break;
  }
  OutputLabels l = output_labels(*b.lhs);
  if (m.on) {
    // One-to-one matching with on(...) keeps only the listed labels.
    std::set<std::string> kept;
    for (const auto& name : names(m.labels)) {
      if (l.may_have(name)) kept.insert(name);
    }
    return exact(std::move(kept));
  }
  return without(std::move(l), names(m.labels));
}

OutputLabels of_aggregate(const AggregateExpr& a) {
  OutputLabels in = output_labels(*a.expr);
  switch (a.op) {
    case AggregateOp::topk:
    case AggregateOp::bottomk:
    case AggregateOp::limitk:
    case AggregateOp::limit_ratio: return in;  // these keep the input series whole
    default: break;
  }
  OutputLabels out = a.without ? without(std::move(in), names(a.grouping)) : exact(names(a.grouping));
  if (a.op == AggregateOp::count_values && a.param != nullptr) {
    if (const auto* label = as<StringLiteral>(a.param)) out = with(std::move(out), {std::string(label->value)});
  }
  return out;
}

}  // namespace

OutputLabels output_labels(const promql::Node& node) {
  switch (node.kind) {
    case NodeKind::number_literal:
    case NodeKind::string_literal:
    case NodeKind::duration_expr: return exact({});
    case NodeKind::vector_selector: return OutputLabels{};
    case NodeKind::matrix_selector: return output_labels(*static_cast<const MatrixSelector&>(node).selector);
    case NodeKind::subquery: return output_labels(*static_cast<const Subquery&>(node).expr);
    case NodeKind::paren: return output_labels(*static_cast<const ParenExpr&>(node).expr);
    case NodeKind::unary: return output_labels(*static_cast<const UnaryExpr&>(node).expr);
    case NodeKind::call: return of_call(static_cast<const Call&>(node));
    case NodeKind::aggregate: return of_aggregate(static_cast<const AggregateExpr&>(node));
    case NodeKind::binary: return of_binary(static_cast<const BinaryExpr&>(node));
  }
  return OutputLabels{};
}

}  // namespace mlmon::rules
