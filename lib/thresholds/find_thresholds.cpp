#include "thresholds/find_thresholds.hpp"

namespace mlmon::thresholds {

namespace {

// The parser bounds nesting already; this keeps the walk safe on any tree.
constexpr int kMaxDepth = 1000;

const promql::Node* strip_parens(const promql::Node* node) {
  for (int depth = 0; depth < kMaxDepth && node != nullptr; ++depth) {
    const auto* paren = promql::as<promql::ParenExpr>(node);
    if (paren == nullptr) return node;
    node = paren->expr;
  }
  return node;
}

void collect(const promql::Node* node, int depth, std::vector<ThresholdSite>& out) {
  node = strip_parens(node);
  if (node == nullptr || depth > kMaxDepth) return;
  const auto* binary = promql::as<promql::BinaryExpr>(node);
  if (binary == nullptr) return;
  if (promql::is_set_operator(binary->op)) {
    collect(binary->lhs, depth + 1, out);
    collect(binary->rhs, depth + 1, out);
    return;
  }
  if (!promql::is_comparison(binary->op)) return;
  if (const auto* rhs = promql::as<promql::NumberLiteral>(strip_parens(binary->rhs))) {
    out.push_back({binary, rhs, false});
  } else if (const auto* lhs = promql::as<promql::NumberLiteral>(strip_parens(binary->lhs))) {
    out.push_back({binary, lhs, true});
  }
}

}  // namespace

std::string ThresholdSite::op_text() const {
  std::string text(promql::to_string(comparison->op));
  if (comparison->return_bool) text += " bool";
  return text;
}

std::vector<ThresholdSite> find_thresholds(const promql::Node& root) {
  std::vector<ThresholdSite> out;
  collect(&root, 0, out);
  return out;
}

}  // namespace mlmon::thresholds
