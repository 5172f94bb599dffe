#pragma once
// Post-decoding checks and model building used by load_config. Internal.
#include "alertmanager/config.hpp"
#include "yaml/document.hpp"

namespace mlmon::alertmanager {

class Checker;

/// Config.UnmarshalYAML's checks (Phase::Config), every problem rather than the first.
void check_config(Checker& ck, const yaml::Node& root);
/// Builds the routing tree, receivers, inhibit rules and interval names from a decoded document.
/// Parts that do not decode are skipped (their problems are already findings).
void build_model(Checker& ck, const yaml::Node& root, Config& out);

}  // namespace mlmon::alertmanager
