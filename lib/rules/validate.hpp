#pragma once
#include <functional>
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

/// A rule and its parsed expression (nullptr when `expr` did not parse). The expression lives
/// only while the rule is visited (see validate_rule_file): a file's ASTs together cost more
/// memory than its YAML.
struct ParsedRule {
  const Group* group = nullptr;
  const Rule* rule = nullptr;
  std::shared_ptr<const promql::Ast> ast;
};

/// Every validation `promtool check rules` makes, in Prometheus's words, each located in the
/// file: group names, record/alert exclusivity, expr (PromQL, at the offending character),
/// recording-only fields, record names, label and annotation names and values, Go templates.
/// Calls `visit` for each rule right after validating it, with its parsed expression; returns
/// every rule, without the expressions.
using RuleVisitor = std::function<void(const ParsedRule&)>;
std::vector<ParsedRule> validate_rule_file(const RuleFile& file, const ValidateOptions& options,
                                           std::vector<Diagnostic>& out, const RuleVisitor& visit = {});

}  // namespace mlmon::rules
