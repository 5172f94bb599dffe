#include "ruletest/findings.hpp"

#include "ruletest/failure_diff.hpp"

namespace mlmon::ruletest {

namespace {

using checks::CheckInfo;
using checks::CheckKind;

constexpr CheckInfo kChecks[] = {
    {ids::kDecode, "a promtool test file decodes as promtool decodes it (no unknown field, no bad duration)",
     Severity::Error, CheckKind::Validation},
    {ids::kConfig,
     "a test file's settings hold (group_eval_order names each group once, every alert test has "
     "an alertname, rule_files patterns are well-formed)",
     Severity::Error, CheckKind::Validation},
    {ids::kRuleFile, "the rule files a test file loads load", Severity::Error, CheckKind::Validation},
    {ids::kSeries, "every input series parses and loads", Severity::Error, CheckKind::Validation},
    {ids::kRuleEval, "every rule evaluates without error during the test", Severity::Error, CheckKind::Validation},
    {ids::kAlert, "alert tests: the firing alerts are the expected ones", Severity::Error, CheckKind::Validation},
    {ids::kExpr, "PromQL tests: the query returns the expected samples", Severity::Error, CheckKind::Validation},
    {ids::kExprError, "PromQL tests: the query and the expected labels parse and evaluate", Severity::Error,
     CheckKind::Validation},
    {ids::kSilentPass,
     "no test passes whatever the rules do (unknown alertname, rule_files matching nothing, "
     "nothing expected after all input ended)",
     Severity::Error, CheckKind::Validation},
    {ids::kLimit, "a test group needs at most 1,000,000 rule evaluations", Severity::Error, CheckKind::Validation},
};

Diagnostic to_diagnostic(const Failure& f, const std::string& context) {
  std::string message = context + f.message;
  const std::vector<std::string> diff = readable_diff(f);
  for (std::size_t i = 0; i < diff.size(); ++i) message += (i == 0 ? ": " : "; ") + diff[i];
  std::string hint;
  if (f.kind == FailureKind::SilentPass) hint = "make the test assert something, or run promtool's way with --compat";
  return make_diagnostic(Severity::Error, rule_id(f.kind), f.file, f.pos, std::move(message), std::move(hint));
}

}  // namespace

std::string_view rule_id(FailureKind kind) {
  switch (kind) {
    case FailureKind::Decode: return ids::kDecode;
    case FailureKind::Config: return ids::kConfig;
    case FailureKind::RuleFile: return ids::kRuleFile;
    case FailureKind::Series: return ids::kSeries;
    case FailureKind::RuleEval: return ids::kRuleEval;
    case FailureKind::Alert: return ids::kAlert;
    case FailureKind::Expr: return ids::kExpr;
    case FailureKind::ExprError: return ids::kExprError;
    case FailureKind::SilentPass: return ids::kSilentPass;
    case FailureKind::Limit: return ids::kLimit;
  }
  return "test-rules/failure";
}

std::vector<Diagnostic> findings(const FileResult& result) {
  std::vector<Diagnostic> out;
  if (result.abort) {
    if (result.abort_details.empty()) out.push_back(to_diagnostic(*result.abort, ""));
    for (const Failure& f : result.abort_details) out.push_back(to_diagnostic(f, ""));
    return out;
  }
  for (const Failure& f : result.file_failures) out.push_back(to_diagnostic(f, ""));
  bool rule_file_reported = false;
  for (const GroupResult& g : result.groups) {
    for (const Failure& f : g.failures) {
      if (f.kind == FailureKind::RuleFile) {
        // Every test group repeats it (as promtool does): once is enough here.
        if (!rule_file_reported) out.push_back(to_diagnostic(f, ""));
        rule_file_reported = true;
        continue;
      }
      out.push_back(to_diagnostic(f, "test group \"" + g.name + "\": "));
    }
  }
  return out;
}

std::span<const checks::CheckInfo> check_list() { return kChecks; }

}  // namespace mlmon::ruletest
