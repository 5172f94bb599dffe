#include <fmt/format.h>

#include "promql/ast.hpp"
#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

using namespace promql;

const Node* unwrap(const Node* n) {
  while (const auto* p = as<ParenExpr>(n)) n = p->expr;
  return n;
}

std::string_view metric_name(const VectorSelector& vs) {
  if (!vs.name.empty()) return vs.name;
  for (const LabelMatcher& m : vs.matchers) {
    if (m.name == "__name__" && m.op == MatchOp::equal) return m.value;
  }
  return {};
}

// `_bucket` and `_count` series are cumulative counters: compared raw against a threshold they
// stay above it forever once crossed. The comparison wants rate() or increase() first.
class CounterComparison final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"promql/counter-comparison",
                                 "no threshold comparison on a raw _bucket or _count counter without rate()",
                                 Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    if (parsed.ast == nullptr || parsed.rule->expr == nullptr) return;
    walk(parsed.ast->root(), [&](const Node& n) {
      const auto* b = as<BinaryExpr>(n);
      if (b == nullptr || !is_comparison(b->op)) return;
      for (const Node* side : {b->lhs, b->rhs}) {
        const auto* vs = as<VectorSelector>(unwrap(side));
        if (vs == nullptr) continue;
        const std::string_view name = metric_name(*vs);
        if (!name.ends_with("_bucket") && !name.ends_with("_count")) continue;
        ctx.report(parsed.rule->expr, vs->begin,
                   fmt::format("\"{}\" is a counter compared without rate(); once it passes the threshold it "
                               "never goes back",
                               name),
                   fmt::format("compare rate({}[5m]) or increase({}[1h]) instead", name, name));
      }
    });
  }
};

}  // namespace

std::unique_ptr<RuleCheck> make_promql_counter_comparison() { return std::make_unique<CounterComparison>(); }

}  // namespace mlmon::rules
