#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"
#include "promql/parser.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{"dashboards/promql-parse",
                          "every Prometheus query parses once Grafana's variables and macros are substituted",
                          Severity::Error};

class PromqlParseCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Query& q : ctx.queries) {
      if (!q.parsed || !q.parsed->error) continue;
      const promql::ParseError& e = *q.parsed->error;
      std::string hint;
      if (q.substitution.text != *q.target->expr) hint = "with variables substituted: " + q.substitution.text;
      ctx.report_query(kInfo, q, e.begin, "could not parse expression: parse error: " + e.message, std::move(hint));
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_promql_parse() { return std::make_unique<PromqlParseCheck>(); }

}  // namespace mlmon::dashboards
