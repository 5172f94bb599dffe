#include <string>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "alertmanager/node_util.hpp"

namespace mlmon::alertmanager {

namespace {

// The `routes` list of the first route, in file order, whose children the model does not hold:
// the routing tree is built kMaxRouteDepth levels deep at most (config.hpp), a guard for the stack.
const yaml::Node* cut_children(const Route& route, int depth) {
  if (depth >= kMaxRouteDepth) {
    const yaml::Node* children = field_node(route.node, "routes");
    return children != nullptr && children->is_seq() ? children : nullptr;
  }
  for (const Route& child : route.routes) {
    if (const yaml::Node* cut = cut_children(child, depth + 1)) return cut;
  }
  return nullptr;
}

// Nobody follows a routing tree this deep, and mlmon's routing, tree and lints stop there: said
// once, where the tree is cut first.
class RouteDepthCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kRouteDepth; }
  void run(const LintContext& ctx) const override {
    if (!ctx.loaded.config.has_route) return;
    if (const yaml::Node* cut = cut_children(ctx.loaded.config.route, 0)) {
      ctx.warn(cut, "the routing tree is nested more than " + std::to_string(kMaxRouteDepth) +
                        " levels deep; mlmon does not follow it further");
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_route_depth() { return std::make_unique<RouteDepthCheck>(); }

}  // namespace mlmon::alertmanager
