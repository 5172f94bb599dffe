#pragma once
#include <string>
#include <vector>

namespace mlmon::alertmanager {

/// A node of a text tree printed as Go's treeprint prints it (amtool uses it for routes).
struct TextTree {
  std::string text;
  std::vector<TextTree> children;
};

/// ".\n" then the children with "├── ", "└── ", "│   " and four-space indents, one line each.
std::string print_tree(const std::vector<TextTree>& top_level);

}  // namespace mlmon::alertmanager
