// Binary operators: scalar/scalar, vector/scalar and vector/vector with on/ignoring, group_left/
// group_right and fill (VectorBinop, VectorscalarBinop, VectorAnd/Or/Unless in engine.go).
#include <cmath>
#include <map>
#include <optional>

#include "engine/evaluator.hpp"
#include "engine/go_math.hpp"

namespace mlmon::engine::detail {

using promql::BinaryOp;
using promql::Cardinality;

namespace {

bool changes_metric_schema(BinaryOp op) {
  switch (op) {
    case BinaryOp::add:
    case BinaryOp::sub:
    case BinaryOp::mul:
    case BinaryOp::div:
    case BinaryOp::pow:
    case BinaryOp::mod:
    case BinaryOp::atan2: return true;
    default: return false;
  }
}

struct ElemResult {
  double value;
  bool keep;
  bool incompatible;  // </ and >/ on floats
};

ElemResult elem_binop(BinaryOp op, double l, double r) {
  switch (op) {
    case BinaryOp::add: return {l + r, true, false};
    case BinaryOp::sub: return {l - r, true, false};
    case BinaryOp::mul: return {l * r, true, false};
    case BinaryOp::div: return {l / r, true, false};
    case BinaryOp::pow: return {go_pow(l, r), true, false};
    case BinaryOp::mod: return {std::fmod(l, r), true, false};
    case BinaryOp::atan2: return {std::atan2(l, r), true, false};
    case BinaryOp::eqlc: return {l, l == r, false};
    case BinaryOp::neq: return {l, l != r, false};
    case BinaryOp::gtr: return {l, l > r, false};
    case BinaryOp::lss: return {l, l < r, false};
    case BinaryOp::gte: return {l, l >= r, false};
    case BinaryOp::lte: return {l, l <= r, false};
    case BinaryOp::trim_upper:
    case BinaryOp::trim_lower: return {0, false, true};
    case BinaryOp::land:
    case BinaryOp::lor:
    case BinaryOp::lunless: break;
  }
  return {0, false, false};
}

double scalar_binop(BinaryOp op, double l, double r) {
  switch (op) {
    case BinaryOp::eqlc: return l == r ? 1 : 0;
    case BinaryOp::neq: return l != r ? 1 : 0;
    case BinaryOp::gtr: return l > r ? 1 : 0;
    case BinaryOp::lss: return l < r ? 1 : 0;
    case BinaryOp::gte: return l >= r ? 1 : 0;
    case BinaryOp::lte: return l <= r ? 1 : 0;
    default: return elem_binop(op, l, r).value;
  }
}

std::string incompatible_info(BinaryOp op) {
  const std::string o(promql::to_string(op));
  return "incompatible sample types encountered for binary operator \"" + o + "\": float " + o + " float";
}

// The labels a one-sided match uses as the other side's metric (Labels.MatchLabels).
Labels match_labels(const Labels& l, const promql::VectorMatching& m) {
  std::vector<Label> out;
  for (const Label& x : l.items()) {
    bool listed = false;
    for (std::string_view n : m.labels) listed = listed || n == x.name;
    if (m.on ? listed : (!listed && x.name != kMetricName)) out.push_back(x);
  }
  return Labels(std::move(out));
}

// Per-node state of a vector/vector operation, kept across steps.
class VectorBinop {
 public:
  VectorBinop(Evaluator& ev, const promql::BinaryExpr& b) : ev_(ev), q_(ev.query()), b_(b), m_(b.matching) {}

  void step(Evaluator::StepCall& call) {
    if (b_.op == BinaryOp::land || b_.op == BinaryOp::lor || b_.op == BinaryOp::lunless) {
      set_op(call);
    } else {
      arithmetic(call);
    }
  }

 private:
  void set_op(Evaluator::StepCall& call) {
    const EVector& lhs = call.vectors[0];
    const EVector& rhs = call.vectors[1];
    const auto& lo = call.ordinals[0];
    const auto& ro = call.ordinals[1];
    present_.assign(static_cast<size_t>(call.num_ordinals), false);
    switch (b_.op) {
      case BinaryOp::land:
        if (lhs.empty() || rhs.empty()) return;
        for (int o : ro) present_[static_cast<size_t>(o)] = true;
        for (size_t i = 0; i < lhs.size(); ++i) {
          if (present_[static_cast<size_t>(lo[i])]) call.out.push_back(lhs[i]);
        }
        return;
      case BinaryOp::lor:
        if (lhs.empty() || rhs.empty()) {
          call.out.insert(call.out.end(), lhs.begin(), lhs.end());
          call.out.insert(call.out.end(), rhs.begin(), rhs.end());
          return;
        }
        for (size_t i = 0; i < lhs.size(); ++i) {
          present_[static_cast<size_t>(lo[i])] = true;
          call.out.push_back(lhs[i]);
        }
        for (size_t j = 0; j < rhs.size(); ++j) {
          if (!present_[static_cast<size_t>(ro[j])]) call.out.push_back(rhs[j]);
        }
        return;
      default:  // unless
        if (lhs.empty() || rhs.empty()) {
          call.out.insert(call.out.end(), lhs.begin(), lhs.end());
          return;
        }
        for (int o : ro) present_[static_cast<size_t>(o)] = true;
        for (size_t i = 0; i < lhs.size(); ++i) {
          if (!present_[static_cast<size_t>(lo[i])]) call.out.push_back(lhs[i]);
        }
        return;
    }
  }

  void arithmetic(Evaluator::StepCall& call) {
    const EVector* lhs = &call.vectors[0];
    const EVector* rhs = &call.vectors[1];
    const std::vector<int>* lo = &call.ordinals[0];
    const std::vector<int>* ro = &call.ordinals[1];
    const bool fill = m_.has_fill_lhs || m_.has_fill_rhs;
    if ((lhs->empty() && rhs->empty()) || ((lhs->empty() || rhs->empty()) && !fill)) return;
    const bool swapped = m_.card == Cardinality::one_to_many;
    if (swapped) {
      std::swap(lhs, rhs);
      std::swap(lo, ro);
    }
    const auto n = static_cast<size_t>(call.num_ordinals);
    right_.assign(n, nullptr);
    for (size_t i = 0; i < rhs->size(); ++i) {
      const ESample& rs = (*rhs)[i];
      const auto o = static_cast<size_t>((*ro)[i]);
      if (right_[o]) {
        const Labels matched = match_labels(*rs.metric, m_);
        fail("found duplicate series for the match group " + matched.to_string() + " on the " +
             (swapped ? "left" : "right") + " hand-side of the operation: [" + rs.metric->to_string() + ", " +
             right_[o]->metric->to_string() +
             "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
      right_[o] = &rs;
    }
    if (m_.card == Cardinality::one_to_one) {
      matched_one_.assign(n, false);
    } else {
      matched_many_.assign(n, {});
    }
    for (size_t i = 0; i < lhs->size(); ++i) {
      const ESample& ls = (*lhs)[i];
      const auto o = static_cast<size_t>((*lo)[i]);
      if (right_[o]) {
        apply(ls, *right_[o], o, swapped, call.out);
      } else if (m_.has_fill_rhs) {
        const ESample filler{q_.pool.intern(match_labels(*ls.metric, m_)), m_.fill_rhs, ls.t, false};
        apply(ls, filler, o, swapped, call.out);
      }
    }
    if (m_.has_fill_lhs) {
      for (size_t i = 0; i < rhs->size(); ++i) {
        const ESample& rs = (*rhs)[i];
        const auto o = static_cast<size_t>((*ro)[i]);
        const bool matched = m_.card == Cardinality::one_to_one ? matched_one_[o] : !matched_many_[o].empty();
        if (matched) continue;
        const ESample filler{q_.pool.intern(match_labels(*rs.metric, m_)), m_.fill_lhs, rs.t, false};
        apply(filler, rs, o, swapped, call.out);
      }
    }
  }

  void apply(const ESample& ls, const ESample& rs, size_t o, bool swapped, EVector& out) {
    double fl = ls.f;
    double fr = rs.f;
    if (swapped) std::swap(fl, fr);
    ElemResult r = elem_binop(b_.op, fl, fr);
    if (r.incompatible) q_.info(incompatible_info(b_.op));
    if (b_.return_bool) r.value = r.keep ? 1.0 : 0.0;
    const Labels* metric = result_metric(ls.metric, rs.metric);
    if (m_.card == Cardinality::one_to_one) {
      if (matched_one_[o]) {
        fail("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
      }
      matched_one_[o] = true;
    } else {
      auto& inserted = matched_many_[o];
      for (const Labels* x : inserted) {
        if (x == metric || *x == *metric)
          fail("multiple matches for labels: grouping labels must ensure unique matches");
      }
      inserted.push_back(metric);
    }
    if (!r.keep && !b_.return_bool) return;
    out.push_back({metric, r.value, ls.t, b_.return_bool});
  }

  const Labels* result_metric(const Labels* lhs, const Labels* rhs) {
    auto key = std::make_pair(lhs, rhs);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    Labels l = *lhs;
    const bool drop = !ev_.delayed() && b_.return_bool;
    if (drop || changes_metric_schema(b_.op)) l = l.without_name();
    if (m_.card == Cardinality::one_to_one) {
      l = m_.on ? l.keep_only(m_.labels) : l.without(m_.labels);
    }
    for (std::string_view name : m_.include) {
      l = l.with(name, rhs->get(name));
    }
    const Labels* out = q_.pool.intern(std::move(l));
    cache_.emplace(key, out);
    return out;
  }

  Evaluator& ev_;
  Query& q_;
  const promql::BinaryExpr& b_;
  const promql::VectorMatching& m_;
  std::vector<bool> present_;
  std::vector<const ESample*> right_;
  std::vector<bool> matched_one_;
  std::vector<std::vector<const Labels*>> matched_many_;
  std::map<std::pair<const Labels*, const Labels*>, const Labels*> cache_;
};

}  // namespace

EMatrix Evaluator::eval_binary(const promql::BinaryExpr& b) {
  const promql::Node* args[2] = {b.lhs, b.rhs};
  const bool ls = b.lhs->type == promql::ValueType::scalar;
  const bool rs = b.rhs->type == promql::ValueType::scalar;
  if (ls && rs) {
    return range_eval(args, nullptr, [&](StepCall& c) {
      c.out.push_back({q_.pool.empty(), scalar_binop(b.op, c.vectors[0][0].f, c.vectors[1][0].f), c.ts, false});
    });
  }
  if (!ls && !rs) {
    VectorBinop op(*this, b);
    return range_eval(args, &b.matching, [&](StepCall& c) { op.step(c); });
  }
  // Vector and scalar, either side. Comparisons keep the vector's value even when the scalar is
  // on the left.
  const bool swap = ls;
  std::unordered_map<const Labels*, const Labels*> dropped;
  return range_eval(args, nullptr, [&](StepCall& c) {
    const EVector& vec = c.vectors[swap ? 1 : 0];
    const double scalar = c.vectors[swap ? 0 : 1][0].f;
    bool incompatible = false;
    for (const ESample& s : vec) {
      double lf = s.f;
      double rf = scalar;
      if (swap) std::swap(lf, rf);
      ElemResult r = elem_binop(b.op, lf, rf);
      if (r.incompatible) {
        incompatible = true;
        continue;
      }
      if (promql::is_comparison(b.op) && swap) r.value = rf;
      if (b.return_bool) {
        r.value = r.keep ? 1.0 : 0.0;
        r.keep = true;
      }
      if (!r.keep) continue;
      ESample out = s;
      out.f = r.value;
      if (changes_metric_schema(b.op) || b.return_bool) {
        if (!delayed()) out.metric = q_.drop_name(out.metric);
        out.drop_name = true;
      }
      c.out.push_back(out);
    }
    if (incompatible) q_.info(incompatible_info(b.op));
  });
}

}  // namespace mlmon::engine::detail
