#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"

namespace mlmon::alertmanager {

namespace {

// Alertmanager stops at the first sibling route that matches (without `continue`): a route after
// one that matches all its alerts never gets any.
void shadowed_routes(const LintContext& ctx, const Route& route, int depth) {
  if (depth > kMaxRouteDepth) return;
  for (std::size_t j = 0; j < route.routes.size(); ++j) {
    const Route& later = route.routes[j];
    for (std::size_t i = 0; i < j; ++i) {
      const Route& earlier = route.routes[i];
      if (earlier.continue_matching || !matchers_cover(earlier.matchers, later.matchers)) continue;
      const std::string what =
          earlier.matchers.empty() ? "matches every alert" : "matches every alert this one matches";
      ctx.warn(later.node,
               "this route can never match: the route at line " + line_of(earlier.node) + " (" +
                   (earlier.matchers.empty() ? std::string("default-route") : to_string(earlier.matchers)) + ") " +
                   what + " and has no 'continue: true'",
               "move this route before it, or add 'continue: true' to the earlier route");
      break;
    }
    shadowed_routes(ctx, later, depth + 1);
  }
}

class ShadowedRouteCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kShadowedRoute; }
  void run(const LintContext& ctx) const override {
    if (ctx.loaded.config.has_route) shadowed_routes(ctx, ctx.loaded.config.route, 0);
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_shadowed_route() { return std::make_unique<ShadowedRouteCheck>(); }

}  // namespace mlmon::alertmanager
