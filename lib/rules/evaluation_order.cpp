#include "rules/evaluation_order.hpp"

#include <algorithm>

namespace mlmon::rules {

std::vector<std::string> metric_names_read(const promql::Node& root) {
  std::vector<std::string> names;
  promql::walk(root, [&](const promql::Node& node) {
    const auto* selector = promql::as<promql::VectorSelector>(node);
    if (selector == nullptr) return;
    if (!selector->name.empty()) names.emplace_back(selector->name);
    for (const promql::LabelMatcher& m : selector->matchers) {
      if (m.name == "__name__" && m.op == promql::MatchOp::equal) names.emplace_back(m.value);
    }
  });
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::map<std::string, bool> reads_after(const Group& group, std::size_t position,
                                        const std::vector<std::string>& reads) {
  std::map<std::string, bool> after;
  for (std::size_t i = 0; i < group.rules.size(); ++i) {
    const Rule& producer = group.rules[i];
    if (i == position || producer.kind != RuleKind::Recording) continue;
    if (!std::binary_search(reads.begin(), reads.end(), producer.name)) continue;
    after[producer.name] = after[producer.name] || i < position;
  }
  return after;
}

}  // namespace mlmon::rules
