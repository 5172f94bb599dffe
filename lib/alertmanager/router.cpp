#include "alertmanager/router.hpp"

#include "alertmanager/tree_print.hpp"

namespace mlmon::alertmanager {

namespace {

void match_into(const Route& route, const LabelSet& labels, std::vector<const Route*>& out) {
  const std::size_t before = out.size();
  for (const Route& child : route.routes) {
    const std::size_t child_before = out.size();
    if (matches(child.matchers, labels)) match_into(child, labels, out);
    if (out.size() > child_before && !child.continue_matching) break;
  }
  if (out.size() == before) out.push_back(&route);
}

std::string slug(const Route& route) { return route.matchers.empty() ? "default-route" : to_string(route.matchers); }

TextTree show_node(const Route& route) {
  TextTree node;
  node.text = slug(route);
  if (route.continue_matching) node.text += "  continue: true";
  node.text += "  receiver: " + route.effective_receiver;
  for (const Route& child : route.routes) node.children.push_back(show_node(child));
  return node;
}

// amtool's getMatchingTree: a different walk from Route.Match, kept as amtool has it.
TextTree matching_node(const Route& route, const LabelSet& labels) {
  TextTree node;
  node.text = slug(route);
  bool final = true;
  for (const Route& child : route.routes) {
    if (!matches(child.matchers, labels)) continue;
    node.children.push_back(matching_node(child, labels));
    final = false;
    if (!child.continue_matching) break;
  }
  if (final) node.text += "  receiver: " + route.effective_receiver;
  return node;
}

}  // namespace

std::vector<const Route*> match_routes(const Route& root, const LabelSet& labels) {
  std::vector<const Route*> out;
  if (matches(root.matchers, labels)) match_into(root, labels, out);
  return out;
}

std::vector<std::string> route_receivers(const Route& root, const LabelSet& labels) {
  std::vector<std::string> out;
  for (const Route* r : match_routes(root, labels)) out.push_back(r->effective_receiver);
  return out;
}

std::string routes_show_text(const Route& root) { return "Routing tree:\n" + print_tree({show_node(root)}) + "\n"; }

std::string matching_tree_text(const Route& root, const LabelSet& labels) {
  return "Matching routes:\n" + print_tree({matching_node(root, labels)}) + "\n\n";
}

std::string join_receivers(const std::vector<std::string>& receivers) {
  std::string out;
  for (std::size_t i = 0; i < receivers.size(); ++i) {
    if (i > 0) out += ',';
    out += receivers[i];
  }
  return out;
}

}  // namespace mlmon::alertmanager
