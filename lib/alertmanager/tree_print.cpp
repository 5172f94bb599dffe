#include "alertmanager/tree_print.hpp"

namespace mlmon::alertmanager {

namespace {

// `ended[i]`: the ancestor at depth i was the last of its siblings, so its column stays blank.
// Depth is bounded by the routing tree, which the loader caps.
void print_nodes(const std::vector<TextTree>& nodes, std::vector<bool>& ended, std::string& out) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const bool last = i + 1 == nodes.size();
    // A link and three spaces, as amtool 0.33 pads it (0.25's treeprint used two no-break spaces).
    for (const bool e : ended) out += e ? "    " : "\xE2\x94\x82   ";
    out += last ? "\xE2\x94\x94\xE2\x94\x80\xE2\x94\x80 " : "\xE2\x94\x9C\xE2\x94\x80\xE2\x94\x80 ";  // └── / ├──
    // One line per node: a value with a line break would break the tree (treeprint indents it).
    for (const char c : nodes[i].text) out += c == '\n' ? ' ' : c;
    out += '\n';
    if (!nodes[i].children.empty()) {
      ended.push_back(last);
      print_nodes(nodes[i].children, ended, out);
      ended.pop_back();
    }
  }
}

}  // namespace

std::string print_tree(const std::vector<TextTree>& top_level) {
  std::string out = ".\n";
  std::vector<bool> ended;
  print_nodes(top_level, ended, out);
  return out;
}

}  // namespace mlmon::alertmanager
