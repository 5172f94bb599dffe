#include <string>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"

namespace mlmon::alertmanager {

namespace {

// A route below the root whose matchers select on `label` and accept `value`.
const Route* route_for_value(const Route& r, const std::string& label, const std::string& value, int depth) {
  if (depth > 0) {
    for (const Matcher& m : r.matchers) {
      if (m.name == label && m.matches(value)) return &r;
    }
  }
  if (depth > kMaxRouteDepth) return nullptr;
  for (const Route& c : r.routes) {
    if (const Route* found = route_for_value(c, label, value, depth + 1)) return found;
  }
  return nullptr;
}

// An alert that only reaches the root route's default receiver, although the config has a route
// for its severity: the route meant for it asks for a label the alert does not have (a team, a
// service), so it falls through.
class DefaultRouteOnlyCheck final : public RuleCrossCheck {
 public:
  std::string_view id() const override { return ids::kDefaultRouteOnly; }
  void run(const CrossCheckContext& ctx) const override {
    if (reaches_only_blackholes(ctx.config, ctx.routes)) return;  // alertmanager/unrouted-alert
    const Route& root = ctx.config.route;
    const auto severity = ctx.labels.find("severity");
    if (ctx.routes.size() != 1 || ctx.routes.front() != &root || severity == ctx.labels.end()) return;
    const Route* r = route_for_value(root, "severity", severity->second, 0);
    if (r == nullptr) return;
    ctx.warn("alert " + ctx.alert.name + " (severity=" + severity->second + ") only reaches the root receiver " +
                 root.effective_receiver + ", although routes exist for this severity",
             "the route " + to_string(r->matchers) +
                 (r->node ? " (Alertmanager config line " + std::to_string(r->node->pos().line) + ")" : "") +
                 " (or its parent) does not match the alert's other labels");
  }
};

}  // namespace

std::unique_ptr<RuleCrossCheck> make_default_route_only() { return std::make_unique<DefaultRouteOnlyCheck>(); }

}  // namespace mlmon::alertmanager
