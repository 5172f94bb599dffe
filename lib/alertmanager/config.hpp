#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/matcher.hpp"
#include "core/position.hpp"

namespace mlmon::yaml {
struct Node;
}

namespace mlmon::alertmanager {

/// Routing trees are followed this deep at most (Alertmanager has no limit; mlmon must not
/// overflow its stack on a hostile file). Deeper levels are not followed: the model stops there,
/// and the lint alertmanager/route-depth reports where.
inline constexpr int kMaxRouteDepth = 128;

/// One node of the routing tree, as Alertmanager builds it (dispatch.NewRoute): `match`,
/// `match_re` and `matchers` merged and sorted; receiver and `continue` as written, plus the
/// receiver inherited from the parent when unset.
struct Route {
  const yaml::Node* node = nullptr;           ///< the route's mapping (for positions)
  std::string receiver;                       ///< as written; "" when inherited
  const yaml::Node* receiver_node = nullptr;  ///< the value of `receiver:`, if written
  std::string effective_receiver;             ///< the receiver notifications go to
  Matchers matchers;
  bool continue_matching = false;
  std::vector<std::string> mute_time_intervals;
  std::vector<std::string> active_time_intervals;
  std::vector<Route> routes;
};

struct Integration {
  std::string kind;                  ///< "slack_configs", "webhook_configs", ...
  const yaml::Node* node = nullptr;  ///< the list item
};

struct Receiver {
  std::string name;
  const yaml::Node* node = nullptr;
  const yaml::Node* name_node = nullptr;
  std::vector<Integration> integrations;
  /// No integrations at all: alerts routed here are dropped (a "blackhole" receiver).
  bool is_blackhole() const { return integrations.empty(); }
};

struct InhibitRule {
  const yaml::Node* node = nullptr;
  Matchers source;  ///< source_match, source_match_re and source_matchers merged
  Matchers target;
  std::vector<std::string> equal;
  bool uses_sources = false;  ///< the newer `sources:` list (not analysed further)
};

struct NamedTimeInterval {
  std::string name;
  const yaml::Node* node = nullptr;
  bool from_mute_time_intervals = false;  ///< the deprecated top-level section
};

/// The parts of an Alertmanager configuration that routing and the lints work with.
struct Config {
  bool has_route = false;
  Route route;
  std::vector<Receiver> receivers;
  std::vector<InhibitRule> inhibit_rules;
  std::vector<NamedTimeInterval> time_intervals;
  std::vector<std::string> templates;

  const Receiver* find_receiver(std::string_view name) const;
};

}  // namespace mlmon::alertmanager
