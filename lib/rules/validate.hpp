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

/// A rule and its parsed expression (nullptr when `expr` did not parse), while it is visited: a
/// file's ASTs together cost more memory than its YAML, so none is kept.
struct ParsedRule {
  const Group* group = nullptr;
  const Rule* rule = nullptr;
  std::shared_ptr<const promql::Ast> ast;
};

using RuleVisitor = std::function<void(const ParsedRule&)>;

/// Every validation `promtool check rules` makes, in Prometheus's words, each located in the
/// file: group names (empty, repeated in the file), record/alert exclusivity, expr (PromQL, at the
/// offending character), recording-only fields, record names, label and annotation names and
/// values, Go templates. Groups come one at a time, in file order; the validator remembers what
/// spans groups (their names).
class RuleValidator {
 public:
  RuleValidator(const SourceFile& source, const ValidateOptions& options, std::vector<Diagnostic>& out);
  // The validator keeps `options` by reference: a temporary would dangle.
  RuleValidator(const SourceFile& source, ValidateOptions&& options, std::vector<Diagnostic>& out) = delete;
  ~RuleValidator();
  RuleValidator(const RuleValidator&) = delete;
  RuleValidator& operator=(const RuleValidator&) = delete;

  /// Validates a group and its rules, calling `visit` for each rule right after validating it.
  void validate_group(const Group& group, const RuleVisitor& visit = {});

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mlmon::rules
