#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "rules/model.hpp"

namespace mlmon::rules {

/// Inline suppressions: `# mlmon: disable=<check-id>[,<check-id>...]` on any line of a rule, or
/// on the line just above its `- alert:`/`- record:`, silences those checks for that rule only.
/// Only lint checks can be silenced, never Prometheus's own errors. Rules are added one at a time
/// (their YAML may be gone by apply()).
class InlineSuppressions {
 public:
  explicit InlineSuppressions(const SourceFile& source);

  /// Remembers the suppression comments on the lines of this rule.
  void add_rule(const Rule& rule);
  /// Drops the findings the remembered comments silence.
  void apply(std::vector<Diagnostic>& findings, bool (*is_lint)(std::string_view rule_id)) const;
  /// Comments naming a check that is not a lint check of rule files (a typo, or a validation,
  /// which cannot be silenced): one error each, rule config/unknown-check.
  std::vector<Diagnostic> take_problems() { return std::move(problems_); }

 private:
  struct Span {
    int first_line;
    int last_line;
    std::vector<std::string> checks;
  };
  void check_id(std::string_view id, std::size_t offset);

  const SourceFile& source_;
  bool has_markers_;  ///< no comment anywhere: nothing to look for
  std::vector<Span> spans_;
  std::vector<Diagnostic> problems_;
  std::vector<std::size_t> checked_offsets_;  ///< a comment line can belong to two rules: report it once
};

}  // namespace mlmon::rules
