#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"

namespace mlmon::alertmanager {

namespace {

void scan_scalars(const LintContext& ctx, const yaml::Node* n, int depth, std::set<const yaml::Node*>& seen) {
  if (n == nullptr || depth > 512 || !seen.insert(n).second) return;
  if (n->is_scalar()) {
    if (ctx.loaded.is_rendered_value(n)) return;  // not written in the config
    for (const EnvReference& ref : find_env_references(n->value)) {
      ctx.warn_at(n->source_position(ref.offset),
                  "Alertmanager does not expand environment variables: ${" + ref.name + "} is used literally",
                  "render the file first: mlmon render-alertmanager TEMPLATE -o alertmanager.yml");
    }
    return;
  }
  for (const yaml::Node* item : n->items) scan_scalars(ctx, item, depth + 1, seen);
  for (const yaml::Entry& e : n->entries) {
    scan_scalars(ctx, e.key, depth + 1, seen);
    scan_scalars(ctx, e.value, depth + 1, seen);
  }
}

// Alertmanager takes `${VAR}` literally: a config written as a template but not rendered.
class UnexpandedEnvCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kUnexpandedEnv; }
  void run(const LintContext& ctx) const override {
    // render-alertmanager's output is checked through its template instead; in a template, a `${`
    // left after rendering was written as `$${` on purpose.
    if (ctx.rendered_output || ctx.options.in_template) return;
    std::set<const yaml::Node*> seen;
    scan_scalars(ctx, ctx.loaded.document.root, 0, seen);
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_unexpanded_env() { return std::make_unique<UnexpandedEnvCheck>(); }

}  // namespace mlmon::alertmanager
