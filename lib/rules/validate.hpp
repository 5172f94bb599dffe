#pragma once
#include <memory>
#include <vector>

#include "core/diagnostic.hpp"
#include "promql/parser.hpp"
#include "rules/model.hpp"
#include "rules/names.hpp"

namespace mlmon::rules {

struct ValidateOptions {
  NameValidation names = NameValidation::Utf8;
  promql::Features features;
};

/// A rule's parsed expression, kept for the lint checks (nullptr when `expr` did not parse).
struct ParsedRule {
  const Group* group = nullptr;
  const Rule* rule = nullptr;
  std::shared_ptr<const promql::Ast> ast;
};

/// Every validation `promtool check rules` makes, in Prometheus's words, each located in the
/// file: group names, record/alert exclusivity, expr (PromQL, at the offending character),
/// recording-only fields, record names, label and annotation names and values, Go templates.
/// Returns every rule with its parsed expression, for the lint checks.
std::vector<ParsedRule> validate_rule_file(const RuleFile& file, const ValidateOptions& options,
                                           std::vector<Diagnostic>& out);

}  // namespace mlmon::rules
