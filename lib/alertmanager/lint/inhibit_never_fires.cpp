#include <tuple>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

// Matchers no alert can satisfy together: an equality on a label that another matcher rejects.
std::string contradiction(const Matchers& ms) {
  for (const Matcher& eq : ms) {
    if (eq.type != MatchType::Equal) continue;
    for (const Matcher& other : ms) {
      if (&other != &eq && other.name == eq.name && !other.matches(eq.value)) {
        return eq.to_string() + " and " + other.to_string();
      }
    }
  }
  return {};
}

bool same_set(const Matchers& a, const Matchers& b) {
  return matchers_cover(a, b) && matchers_cover(b, a) && a.size() == b.size();
}

// An inhibit rule Alertmanager accepts but that can never inhibit anything: the alert it was
// written to silence keeps paging.
class InhibitNeverFiresCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kInhibitNeverFires; }
  void run(const LintContext& ctx) const override {
    for (const InhibitRule& rule : ctx.loaded.config.inhibit_rules) {
      if (rule.uses_sources) continue;
      if (std::string c = contradiction(rule.source); !c.empty()) {
        ctx.warn(rule.node, "inhibit rule can never fire: no alert matches both " + c + " in its source matchers");
        continue;
      }
      if (std::string c = contradiction(rule.target); !c.empty()) {
        ctx.warn(rule.node, "inhibit rule can never fire: no alert matches both " + c + " in its target matchers");
        continue;
      }
      if (same_set(rule.source, rule.target)) {
        ctx.warn(rule.node,
                 "inhibit rule can never fire: source and target matchers are the same, and Alertmanager never lets "
                 "an alert matching both sides inhibit another such alert");
        continue;
      }
      bool reported = false;
      for (const std::string& label : rule.equal) {
        for (const auto& [side, other, side_name, other_name] :
             {std::tuple{&rule.source, &rule.target, "source", "target"},
              std::tuple{&rule.target, &rule.source, "target", "source"}}) {
          for (const Matcher& eq : *side) {
            if (reported || eq.type != MatchType::Equal || eq.name != label) continue;
            for (const Matcher& m : *other) {
              if (m.name != label || m.matches(eq.value)) continue;
              ctx.warn(rule.node,
                       "inhibit rule can never fire: 'equal' requires the same " + label +
                           " on source and target, but the " + side_name + " needs " + eq.to_string() + " and the " +
                           other_name + " " + m.to_string(),
                       "remove " + go::quote(label) + " from 'equal'");
              reported = true;
              break;
            }
          }
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_inhibit_never_fires() { return std::make_unique<InhibitNeverFiresCheck>(); }

}  // namespace mlmon::alertmanager
