#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/checks/check.hpp"
#include "rules/checks/check_list.hpp"

namespace mlmon::rules {

namespace {

// promtool's default lint: the same name with the same labels (group labels merged) twice in a
// file. mlmon also compares expr, so "same alert, different instance" patterns are not flagged.
class DuplicateRule final : public RuleCheck {
 public:
  const CheckInfo& info() const override {
    static const CheckInfo kInfo{"rules/duplicate", "no two rules in a file share name, labels and expression",
                                 Severity::Warning};
    return kInfo;
  }

  void run_rule(const CheckContext& ctx, const ParsedRule& parsed) const override {
    const Rule& rule = *parsed.rule;
    if (rule.name.empty()) return;
    // Views into the rule's YAML, which outlives this call: a 100 MB label value is not copied.
    std::map<std::string_view, std::string_view> labels;
    if (parsed.group->labels) {
      for (const auto& e : parsed.group->labels->entries) labels[e.key->value] = e.value->value;
    }
    if (rule.labels) {
      for (const auto& e : rule.labels->entries) labels[e.key->value] = e.value->value;
    }
    Digest key;
    key.add(rule.name);
    key.add(rule.expr ? std::string_view(rule.expr->value) : std::string_view());
    for (const auto& [k, v] : labels) {
      key.add(k);
      key.add(v);
    }

    auto& seen = *static_cast<Seen*>(ctx.state);
    if (seen.groups.empty() || seen.groups.back().offset != parsed.group->node->offset) {
      seen.groups.push_back({parsed.group->node->offset, parsed.group->name});
    }
    const First here{rule.index, static_cast<std::uint32_t>(seen.groups.size() - 1), rule.node->pos().line};
    auto [it, inserted] = seen.first.emplace(key, here);
    if (!inserted) {
      const First& first = it->second;
      ctx.report(rule.alert ? rule.alert : (rule.record ? rule.record : rule.node),
                 fmt::format("duplicate rule \"{}\": same labels and expression as rule {} of group \"{}\" at line {}",
                             rule.name, first.index, seen.groups[first.group].name, first.line),
                 {});
    }
  }

  std::unique_ptr<CheckState> new_state() const override { return std::make_unique<Seen>(); }

 private:
  // Rules are remembered by two 64-bit hashes of their name, expression and labels, not the text
  // itself: a 10,000-rule file would otherwise keep megabytes of expressions. A false match needs
  // both to collide at once. Each piece is hashed with its length, so ("ab", "c") is not ("a", "bc").
  struct Digest {
    std::uint64_t a = 14695981039346656037ull;  // FNV-1a
    std::uint64_t b = 0;                        // polynomial, a different multiplier
    void add(std::string_view piece) {
      for (const char c : piece) byte(static_cast<unsigned char>(c));
      for (std::size_t n = piece.size(), i = 0; i < sizeof n; ++i, n >>= 8) byte(static_cast<unsigned char>(n));
    }
    void byte(unsigned char c) {
      a = (a ^ c) * 1099511628211ull;
      b = (b + c + 1) * 0x9E3779B97F4A7C15ull;
    }
    bool operator==(const Digest&) const = default;
  };
  struct DigestHash {
    std::size_t operator()(const Digest& d) const { return static_cast<std::size_t>(d.a); }
  };
  struct First {
    int index;
    std::uint32_t group;  ///< into Seen::groups
    int line;
  };
  struct GroupName {
    std::size_t offset;  ///< tells groups apart: the same address may hold the next group
    std::string name;
  };
  struct Seen final : CheckState {
    std::unordered_map<Digest, First, DigestHash> first;
    std::vector<GroupName> groups;
  };
};

}  // namespace

std::unique_ptr<RuleCheck> make_rules_duplicate() { return std::make_unique<DuplicateRule>(); }

}  // namespace mlmon::rules
