#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

void collect_receivers(const Route& r, std::set<std::string, std::less<>>& used, int depth) {
  if (!r.receiver.empty()) used.insert(r.receiver);
  if (depth > kMaxRouteDepth) return;
  for (const Route& c : r.routes) collect_receivers(c, used, depth + 1);
}

// A receiver no route names never gets an alert: a leftover, or a route that lost its receiver.
class UnusedReceiverCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kUnusedReceiver; }
  void run(const LintContext& ctx) const override {
    const Config& config = ctx.loaded.config;
    if (!config.has_route) return;
    std::set<std::string, std::less<>> used;
    collect_receivers(config.route, used, 0);
    for (const Receiver& r : config.receivers) {
      if (r.name.empty() || used.contains(r.name)) continue;
      ctx.warn(r.name_node != nullptr ? r.name_node : r.node,
               "receiver " + go::quote(r.name) + " is not used by any route");
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_unused_receiver() { return std::make_unique<UnusedReceiverCheck>(); }

}  // namespace mlmon::alertmanager
