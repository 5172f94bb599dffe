#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "dashboards/checks/check_list.hpp"
#include "dashboards/checks/promql_util.hpp"
#include "promql/parser.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{
    "dashboards/counter-without-rate",
    "a _total counter is wrapped in rate(), irate() or increase() (or counted, or tested for presence)",
    Severity::Warning};

/// Functions for which a raw counter is the right input: rates, resets, and presence or timing
/// of series, where the value does not matter.
constexpr std::array<std::string_view, 15> kCounterFunctions{"rate",
                                                             "irate",
                                                             "increase",
                                                             "resets",
                                                             "changes",
                                                             "xrate",
                                                             "xincrease",
                                                             "absent",
                                                             "absent_over_time",
                                                             "present_over_time",
                                                             "count_over_time",
                                                             "timestamp",
                                                             "last_over_time",
                                                             "delta",
                                                             "idelta"};

bool counter_function(const promql::Call& call) {
  return std::find(kCounterFunctions.begin(), kCounterFunctions.end(), call.name()) != kCounterFunctions.end();
}

class CounterWithoutRateCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Query& q : ctx.queries) {
      if (q.parsed && !q.parsed->error) scan(ctx, q, q.parsed->ast->root());
    }
  }

 private:
  void scan(const CheckContext& ctx, const Query& q, const promql::Node& root) const {
    promql::walk(root, [&](const promql::Node& node) -> bool {
      if (const auto* call = promql::as<promql::Call>(node)) return !counter_function(*call);
      if (const auto* agg = promql::as<promql::AggregateExpr>(node)) {
        // count(x_total) and group(x_total) count series; the values do not matter.
        return agg->op != promql::AggregateOp::count && agg->op != promql::AggregateOp::group;
      }
      if (const auto* binary = promql::as<promql::BinaryExpr>(node)) {
        // `a and b_total`, `a unless b_total`: the right side only filters.
        if (binary->op == promql::BinaryOp::land || binary->op == promql::BinaryOp::lunless) {
          scan(ctx, q, *binary->lhs);
          return false;
        }
        return true;
      }
      const auto* selector = promql::as<promql::VectorSelector>(node);
      if (!selector) return true;
      const std::string_view name = metric_name(*selector);
      // An uptime counter's value is the point of showing it.
      if (!name.ends_with("_total") || name.find("uptime") != std::string_view::npos ||
          name.find("time_up") != std::string_view::npos) {
        return true;
      }
      ctx.report_query(kInfo, q, selector->begin,
                       fmt::format("counter \"{}\" is used without rate(), irate() or increase()", name),
                       fmt::format("a counter only grows and restarts from 0; rate({}[$__rate_interval]) shows how "
                                   "fast it grows, increase() how much",
                                   name));
      return true;
    });
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_counter_without_rate() { return std::make_unique<CounterWithoutRateCheck>(); }

}  // namespace mlmon::dashboards
