#include <string>
#include <vector>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "alertmanager/router.hpp"

namespace mlmon::alertmanager {

namespace {

// An alert whose every route ends at a receiver without integrations fires and nobody hears of it.
class UnroutedAlertCheck final : public RuleCrossCheck {
 public:
  std::string_view id() const override { return ids::kUnroutedAlert; }
  void run(const CrossCheckContext& ctx) const override {
    if (!reaches_only_blackholes(ctx.config, ctx.routes)) return;
    std::vector<std::string> receivers;
    receivers.reserve(ctx.routes.size());
    for (const Route* r : ctx.routes) receivers.push_back(r->effective_receiver);
    ctx.warn("alert " + ctx.alert.name + " reaches no receiver that notifies anyone: " + join_receivers(receivers) +
                 (receivers.size() == 1 ? " has" : " have") + " no integrations",
             "route it to a receiver with an integration, or drop the rule if nobody needs it");
  }
};

}  // namespace

std::unique_ptr<RuleCrossCheck> make_unrouted_alert() { return std::make_unique<UnroutedAlertCheck>(); }

}  // namespace mlmon::alertmanager
