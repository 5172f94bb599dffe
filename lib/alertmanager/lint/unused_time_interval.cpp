#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "alertmanager/node_util.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

void collect_intervals(const Route& r, std::set<std::string, std::less<>>& used, int depth) {
  used.insert(r.mute_time_intervals.begin(), r.mute_time_intervals.end());
  used.insert(r.active_time_intervals.begin(), r.active_time_intervals.end());
  if (depth > kMaxRouteDepth) return;
  for (const Route& c : r.routes) collect_intervals(c, used, depth + 1);
}

// A time interval no route mutes or activates on does nothing: usually a route that lost it.
class UnusedTimeIntervalCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kUnusedTimeInterval; }
  void run(const LintContext& ctx) const override {
    const Config& config = ctx.loaded.config;
    if (!config.has_route) return;
    std::set<std::string, std::less<>> used;
    collect_intervals(config.route, used, 0);
    for (const NamedTimeInterval& t : config.time_intervals) {
      if (t.name.empty() || used.contains(t.name)) continue;
      ctx.warn(field_node(t.node, "name") ? field_node(t.node, "name") : t.node,
               "time interval " + go::quote(t.name) + " is not used by any route");
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_unused_time_interval() { return std::make_unique<UnusedTimeIntervalCheck>(); }

}  // namespace mlmon::alertmanager
