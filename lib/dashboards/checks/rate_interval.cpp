#include <fmt/format.h>

#include "dashboards/checks/check_list.hpp"
#include "promql/parser.hpp"

namespace mlmon::dashboards {

namespace {

constexpr CheckInfo kInfo{
    "dashboards/rate-interval",
    "rate() and irate() in range queries use [$__rate_interval], not a fixed range or $__interval", Severity::Warning};

/// How the original expression writes the range of `matrix`: "" for a variable other than
/// $__interval (the user's own choice), else the text to name in the message.
std::string fixed_range(const Query& q, const promql::MatrixSelector& matrix, std::size_t& range_offset) {
  const std::string& text = q.substitution.text;
  const std::size_t open = text.rfind('[', matrix.end - 1);
  if (open == std::string::npos || open < matrix.selector->end) return "";
  range_offset = open + 1;
  const std::size_t close = text.find(']', open);
  const std::string& original = *q.target->expr;
  const std::size_t begin = q.substitution.original_offset(open + 1);
  const std::size_t end = q.substitution.original_offset(close);
  const std::string written = original.substr(begin, end > begin ? end - begin : 0);
  for (const Substitution::Piece& piece : q.substitution.pieces) {
    if (!piece.replaced || piece.begin < open + 1 || piece.begin >= close) continue;
    const std::string_view ref = std::string_view(original).substr(piece.original_begin, piece.original_length);
    if (ref == "$__interval" || ref == "${__interval}" || ref == "[[__interval]]") return std::string(ref);
    return "";  // $__rate_interval, $__range, or the dashboard's own interval variable
  }
  return written;
}

class RateIntervalCheck final : public DashboardCheck {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const CheckContext& ctx) const override {
    for (const Query& q : ctx.queries) {
      // An instant query (a stat's current value) has no step for $__rate_interval to follow.
      if (!q.parsed || q.parsed->error || q.target->instant_only) continue;
      promql::walk(q.parsed->ast->root(), [&](const promql::Node& node) {
        const auto* call = promql::as<promql::Call>(node);
        if (!call || call->args.empty() || (call->name() != "rate" && call->name() != "irate")) return;
        const auto* matrix = promql::as<promql::MatrixSelector>(call->args[0]);
        if (!matrix) return;
        std::size_t offset = 0;
        const std::string range = fixed_range(q, *matrix, offset);
        if (range.empty()) return;
        const bool interval = range.find("__interval") != std::string::npos;
        ctx.report_query(kInfo, q, offset, fmt::format("{}() over [{}]; use [$__rate_interval]", call->name(), range),
                         interval ? "$__interval can be shorter than two scrapes, and the graph then shows gaps; "
                                    "$__rate_interval is never shorter than four scrape intervals"
                                  : "a fixed range is too short when zoomed out and blurs when zoomed in; "
                                    "$__rate_interval follows the graph's resolution and the scrape interval");
      });
    }
  }
};

}  // namespace

std::unique_ptr<DashboardCheck> make_rate_interval() { return std::make_unique<RateIntervalCheck>(); }

}  // namespace mlmon::dashboards
