#include <fmt/format.h>

#include <array>

#include "dashboards/checks/check_list.hpp"
#include "dashboards/checks/promql_util.hpp"
#include "promql/parser.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/rate-non-counter",
                          "rate(), irate() and increase() are given counters, not metrics named like gauges",
                          Severity::Warning};

/// Suffixes the Prometheus naming conventions give gauges. Counters end in _total (or are the
/// _count/_sum/_bucket of a histogram); many old exporters' counters have no suffix at all, so
/// only names that positively look like gauges are reported.
constexpr std::array<std::string_view, 10> kGaugeSuffixes{
    "_bytes", "_seconds", "_ratio", "_percent", "_celsius", "_info", "_timestamp", "_temperature", "_volts", "_up"};

bool named_like_gauge(std::string_view name) {
  if (named_like_counter(name)) return false;
  if (name == "up") return true;
  for (std::string_view suffix : kGaugeSuffixes) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

class RateNonCounterCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Query& q : ctx.queries) {
      if (!q.parsed || q.parsed->error) continue;
      promql::walk(q.parsed->ast->root(), [&](const promql::Node& node) {
        const auto* call = promql::as<promql::Call>(node);
        if (!call || call->args.empty()) return;
        const std::string_view fn = call->name();
        if (fn != "rate" && fn != "irate" && fn != "increase") return;
        const auto* matrix = promql::as<promql::MatrixSelector>(call->args[0]);
        if (!matrix) return;
        const std::string_view name = metric_name(*matrix->selector);
        if (!named_like_gauge(name)) return;
        ctx.report_query(kInfo, q, matrix->selector->begin,
                         fmt::format("{}() over \"{}\", which is named like a gauge", fn, name),
                         "rate() and increase() treat every drop as a counter reset; use deriv() or delta() for a "
                         "gauge (counters end in _total)");
      });
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_rate_non_counter() { return std::make_unique<RateNonCounterCheck>(); }

}  // namespace mlmon::dashboards
