#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "alertmanager/templates.hpp"

namespace mlmon::alertmanager {

namespace {

// Inline templates in receivers are parsed only when a notification is sent. The parsing itself
// is templates.cpp's, beside the template files' and with the same Alertmanager functions.
class TemplateSyntaxCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kTemplateSyntax; }
  void run(const LintContext& ctx) const override {
    for (Diagnostic& d : check_inline_templates(ctx.loaded)) ctx.out.push_back(std::move(d));
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_template_syntax() { return std::make_unique<TemplateSyntaxCheck>(); }

}  // namespace mlmon::alertmanager
