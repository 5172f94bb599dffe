#include "promql/ast.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

namespace mlmon::promql {

std::string_view to_string(MatchOp op) {
  switch (op) {
    case MatchOp::equal: return "=";
    case MatchOp::not_equal: return "!=";
    case MatchOp::regex: return "=~";
    case MatchOp::not_regex: return "!~";
  }
  return "=";
}

std::string_view to_string(AggregateOp op) {
  switch (op) {
    case AggregateOp::sum: return "sum";
    case AggregateOp::avg: return "avg";
    case AggregateOp::count: return "count";
    case AggregateOp::min: return "min";
    case AggregateOp::max: return "max";
    case AggregateOp::group: return "group";
    case AggregateOp::stddev: return "stddev";
    case AggregateOp::stdvar: return "stdvar";
    case AggregateOp::topk: return "topk";
    case AggregateOp::bottomk: return "bottomk";
    case AggregateOp::count_values: return "count_values";
    case AggregateOp::quantile: return "quantile";
    case AggregateOp::limitk: return "limitk";
    case AggregateOp::limit_ratio: return "limit_ratio";
  }
  return "sum";
}

bool has_parameter(AggregateOp op) {
  switch (op) {
    case AggregateOp::topk:
    case AggregateOp::bottomk:
    case AggregateOp::quantile:
    case AggregateOp::count_values:
    case AggregateOp::limitk:
    case AggregateOp::limit_ratio: return true;
    default: return false;
  }
}

std::string_view to_string(BinaryOp op) {
  switch (op) {
    case BinaryOp::add: return "+";
    case BinaryOp::sub: return "-";
    case BinaryOp::mul: return "*";
    case BinaryOp::div: return "/";
    case BinaryOp::mod: return "%";
    case BinaryOp::pow: return "^";
    case BinaryOp::atan2: return "atan2";
    case BinaryOp::eqlc: return "==";
    case BinaryOp::neq: return "!=";
    case BinaryOp::gtr: return ">";
    case BinaryOp::lss: return "<";
    case BinaryOp::gte: return ">=";
    case BinaryOp::lte: return "<=";
    case BinaryOp::trim_upper: return "</";
    case BinaryOp::trim_lower: return ">/";
    case BinaryOp::land: return "and";
    case BinaryOp::lor: return "or";
    case BinaryOp::lunless: return "unless";
  }
  return "+";
}

bool is_comparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::eqlc:
    case BinaryOp::neq:
    case BinaryOp::gtr:
    case BinaryOp::lss:
    case BinaryOp::gte:
    case BinaryOp::lte: return true;
    default: return false;
  }
}

bool is_set_operator(BinaryOp op) { return op == BinaryOp::land || op == BinaryOp::lor || op == BinaryOp::lunless; }

std::vector<const Node*> children(const Node& n) {
  std::vector<const Node*> out;
  for_each_child(n, [&](const Node& c) { out.push_back(&c); });
  return out;
}

namespace {

bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b;
}

bool equal_nodes(const Node& a, const Node& b, bool ignore_parens);

bool equal_ptr(const Node* a, const Node* b, bool ignore_parens) {
  if (!a || !b) return a == b;
  return equal_nodes(*a, *b, ignore_parens);
}

bool equal_labels(std::span<const std::string_view> a, std::span<const std::string_view> b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool equal_modifiers(const TimeModifiers& a, const TimeModifiers& b, bool ignore_parens) {
  return a.offset_ns == b.offset_ns && equal_ptr(a.offset_expr, b.offset_expr, ignore_parens) && a.at == b.at &&
         a.at_ms == b.at_ms;
}

const Node& without_parens(const Node& node) {
  const Node* n = &node;
  while (n->kind == NodeKind::paren) n = static_cast<const ParenExpr*>(n)->expr;
  return *n;
}

bool equal_nodes(const Node& a_in, const Node& b_in, bool ignore_parens) {
  const Node& a = ignore_parens ? without_parens(a_in) : a_in;
  const Node& b = ignore_parens ? without_parens(b_in) : b_in;
  if (a.kind != b.kind || a.type != b.type) return false;
  switch (a.kind) {
    case NodeKind::number_literal: {
      const auto& x = static_cast<const NumberLiteral&>(a);
      const auto& y = static_cast<const NumberLiteral&>(b);
      return same_double(x.value, y.value);
    }
    case NodeKind::string_literal:
      return static_cast<const StringLiteral&>(a).value == static_cast<const StringLiteral&>(b).value;
    case NodeKind::vector_selector: {
      const auto& x = static_cast<const VectorSelector&>(a);
      const auto& y = static_cast<const VectorSelector&>(b);
      if (x.name != y.name || x.anchored != y.anchored || x.smoothed != y.smoothed) return false;
      if (!equal_modifiers(x.modifiers, y.modifiers, ignore_parens)) return false;
      // The printer sorts matchers, so compare them as multisets.
      if (x.matchers.size() != y.matchers.size()) return false;
      std::vector<bool> used(y.matchers.size(), false);
      for (const LabelMatcher& m : x.matchers) {
        bool found = false;
        for (size_t i = 0; i < y.matchers.size() && !found; ++i) {
          const LabelMatcher& o = y.matchers[i];
          if (!used[i] && o.name == m.name && o.op == m.op && o.value == m.value) {
            used[i] = true;
            found = true;
          }
        }
        if (!found) return false;
      }
      return true;
    }
    case NodeKind::matrix_selector: {
      const auto& x = static_cast<const MatrixSelector&>(a);
      const auto& y = static_cast<const MatrixSelector&>(b);
      return x.range_ns == y.range_ns && equal_ptr(x.range_expr, y.range_expr, ignore_parens) &&
             equal_ptr(x.selector, y.selector, ignore_parens);
    }
    case NodeKind::subquery: {
      const auto& x = static_cast<const Subquery&>(a);
      const auto& y = static_cast<const Subquery&>(b);
      return x.range_ns == y.range_ns && equal_ptr(x.range_expr, y.range_expr, ignore_parens) &&
             x.step_ns == y.step_ns && equal_ptr(x.step_expr, y.step_expr, ignore_parens) &&
             equal_modifiers(x.modifiers, y.modifiers, ignore_parens) && equal_ptr(x.expr, y.expr, ignore_parens);
    }
    case NodeKind::call: {
      const auto& x = static_cast<const Call&>(a);
      const auto& y = static_cast<const Call&>(b);
      if (x.function != y.function || x.args.size() != y.args.size()) return false;
      for (size_t i = 0; i < x.args.size(); ++i) {
        if (!equal_ptr(x.args[i], y.args[i], ignore_parens)) return false;
      }
      return true;
    }
    case NodeKind::aggregate: {
      const auto& x = static_cast<const AggregateExpr&>(a);
      const auto& y = static_cast<const AggregateExpr&>(b);
      return x.op == y.op && x.without == y.without && equal_labels(x.grouping, y.grouping) &&
             equal_ptr(x.param, y.param, ignore_parens) && equal_ptr(x.expr, y.expr, ignore_parens);
    }
    case NodeKind::binary: {
      const auto& x = static_cast<const BinaryExpr&>(a);
      const auto& y = static_cast<const BinaryExpr&>(b);
      const VectorMatching& m = x.matching;
      const VectorMatching& n = y.matching;
      return x.op == y.op && x.return_bool == y.return_bool && m.card == n.card && m.on == n.on &&
             equal_labels(m.labels, n.labels) && equal_labels(m.include, n.include) &&
             m.has_fill_lhs == n.has_fill_lhs && m.has_fill_rhs == n.has_fill_rhs &&
             (!m.has_fill_lhs || same_double(m.fill_lhs, n.fill_lhs)) &&
             (!m.has_fill_rhs || same_double(m.fill_rhs, n.fill_rhs)) && equal_ptr(x.lhs, y.lhs, ignore_parens) &&
             equal_ptr(x.rhs, y.rhs, ignore_parens);
    }
    case NodeKind::unary: {
      const auto& x = static_cast<const UnaryExpr&>(a);
      const auto& y = static_cast<const UnaryExpr&>(b);
      return x.op == y.op && equal_ptr(x.expr, y.expr, ignore_parens);
    }
    case NodeKind::paren:  // reached only when parentheses count
      return equal_ptr(static_cast<const ParenExpr&>(a).expr, static_cast<const ParenExpr&>(b).expr, false);
    case NodeKind::duration_expr: {
      const auto& x = static_cast<const DurationExpr&>(a);
      const auto& y = static_cast<const DurationExpr&>(b);
      // `wrapped` records parentheses around a duration expression.
      return x.op == y.op && (ignore_parens || x.wrapped == y.wrapped) && equal_ptr(x.lhs, y.lhs, ignore_parens) &&
             equal_ptr(x.rhs, y.rhs, ignore_parens);
    }
  }
  return false;
}

}  // namespace

bool equal(const Node& a, const Node& b) { return equal_nodes(a, b, false); }

bool same_meaning(const Node& a, const Node& b) { return equal_nodes(a, b, true); }

void* Arena::allocate(size_t size, size_t align) {
  auto aligned = [&](std::byte* p) {
    const auto v = reinterpret_cast<uintptr_t>(p);
    return reinterpret_cast<std::byte*>((v + align - 1) & ~(static_cast<uintptr_t>(align) - 1));
  };
  std::byte* p = cur_ == nullptr ? nullptr : aligned(cur_);
  if (p == nullptr || p > end_ || static_cast<size_t>(end_ - p) < size) {
    const size_t block = std::max({size + align, next_block_, kMinBlock});
    next_block_ = kGrowthBlock;
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block));
    cur_ = blocks_.back().get();
    end_ = cur_ + block;
    p = aligned(cur_);
  }
  used_ += static_cast<size_t>(p + size - cur_);
  cur_ = p + size;
  return p;
}

std::string_view Arena::copy(std::string_view s) {
  if (s.empty()) return {};
  char* out = static_cast<char*>(allocate(s.size(), 1));
  std::memcpy(out, s.data(), s.size());
  return {out, s.size()};
}

}  // namespace mlmon::promql
