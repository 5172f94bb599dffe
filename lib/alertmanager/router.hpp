#pragma once
#include <string>
#include <vector>

#include "alertmanager/config.hpp"
#include "alertmanager/labels.hpp"

namespace mlmon::alertmanager {

/// Alertmanager's Route.Match: the routes that deliver an alert with these labels. A route
/// matches when all its matchers do; its children are tried in order, each match appended, up to
/// the first matching child without `continue`; a route none of whose children matched delivers
/// itself. Time intervals, inhibition and silences play no part (as in amtool).
std::vector<const Route*> match_routes(const Route& root, const LabelSet& labels);

/// The receivers of those routes, in order, duplicates kept (amtool's output).
std::vector<std::string> route_receivers(const Route& root, const LabelSet& labels);

/// `amtool config routes show`: "Routing tree:\n.\n└── default-route  receiver: x\n..." and a blank line.
std::string routes_show_text(const Route& root);

/// `amtool config routes test --tree`: "Matching routes:\n.\n└── ..." with only the matched routes,
/// receivers on the final ones, then the two blank lines amtool prints before the receivers.
std::string matching_tree_text(const Route& root, const LabelSet& labels);

/// Joins with ",": amtool's receivers line (without the newline).
std::string join_receivers(const std::vector<std::string>& receivers);

}  // namespace mlmon::alertmanager
