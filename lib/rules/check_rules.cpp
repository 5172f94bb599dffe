#include "rules/check_rules.hpp"

#include <algorithm>

#include "rules/checks/check.hpp"
#include "rules/suppressions.hpp"

namespace mlmon::rules {

bool is_lint_check(std::string_view rule_id) {
  const auto& checks = rule_checks();
  return std::any_of(checks.begin(), checks.end(), [&](const auto& c) { return c->info().id == rule_id; });
}

RulesPolicy policy_from(const project::Config& config) {
  RulesPolicy policy;
  if (config.required_labels) policy.required_labels = *config.required_labels;
  if (config.required_annotations) policy.required_annotations = *config.required_annotations;
  return policy;
}

std::size_t check_rule_source(const SourceFilePtr& source, const CheckRulesOptions& options,
                              const project::Config& config, std::vector<Diagnostic>& out) {
  yaml::Document document = yaml::load(source);
  const bool yaml_ok = document.ok();
  out.insert(out.end(), document.problems.begin(), document.problems.end());
  if (!yaml_ok) return 0;

  const std::size_t before = out.size();
  RuleFile file = decode_rule_file(std::move(document), options.load, out);

  // The lint checks look at each rule while its expression is parsed, so the ASTs need not all
  // be kept; their findings count only if the file turns out valid.
  const RulesPolicy policy = policy_from(config);
  std::vector<ParsedRule> parsed;
  std::vector<Diagnostic> findings;
  std::vector<std::pair<const RuleCheck*, CheckContext>> active;
  if (options.lint) {
    for (const auto& check : rule_checks()) {
      const CheckInfo& info = check->info();
      if (!config.enabled(info.id)) continue;
      auto emit = [&findings, &info, &source](const yaml::Node* at, std::optional<std::size_t> value_offset,
                                               std::string message, std::string hint) {
        Diagnostic d;
        d.severity = info.default_severity;
        d.rule_id = std::string(info.id);
        d.file = source->path();
        if (at != nullptr) {
          d.pos = value_offset ? source->position_of(at->source_offset(*value_offset)) : at->pos;
        }
        d.message = std::move(message);
        d.hint = std::move(hint);
        findings.push_back(std::move(d));
      };
      active.emplace_back(check.get(), CheckContext{file, parsed, policy, std::move(emit)});
    }
  }
  static const std::vector<ParsedRule> kNoRules;
  std::vector<CheckContext> rule_contexts;
  rule_contexts.reserve(active.size());
  for (const auto& [check, ctx] : active) rule_contexts.push_back(CheckContext{file, kNoRules, policy, ctx.emit});
  parsed = validate_rule_file(file, options.validate, out, [&](const ParsedRule& rule) {
    for (std::size_t i = 0; i < active.size(); ++i) active[i].first->run_rule(rule_contexts[i], rule);
  });
  const bool valid = std::none_of(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                                  [](const Diagnostic& d) { return d.severity == Severity::Error; });
  // Like promtool, lint runs only on files Prometheus would load.
  if (valid && options.lint) {
    for (const auto& [check, ctx] : active) check->run(ctx);
    project::apply_config(config, findings, &is_lint_check);
    apply_inline_suppressions(file, findings, &is_lint_check);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
  }
  return file.rule_count();
}

}  // namespace mlmon::rules
