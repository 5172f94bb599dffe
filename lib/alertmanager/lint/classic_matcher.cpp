#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"

namespace mlmon::alertmanager {

namespace {

// Alertmanager parses `matchers` with its UTF-8 parser and, where that fails and the classic one
// succeeds, falls back to the classic parser and logs a warning: a later version may not. The
// decoder parses every matcher once and records those (LoadedConfig::classic_matchers), with the
// UTF-8 form to write instead.
class ClassicMatcherCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kClassicMatcher; }
  void run(const LintContext& ctx) const override {
    for (const ClassicMatcherUse& use : ctx.loaded.classic_matchers) {
      ctx.warn(use.item,
               "matcher is only valid in the classic syntax; Alertmanager falls back to the classic parser and logs "
               "a warning",
               use.hint);
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_classic_matcher() { return std::make_unique<ClassicMatcherCheck>(); }

}  // namespace mlmon::alertmanager
