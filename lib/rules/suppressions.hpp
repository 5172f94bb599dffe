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

 private:
  struct Span {
    int first_line;
    int last_line;
    std::vector<std::string> checks;
  };
  const SourceFile& source_;
  bool has_markers_;  ///< no comment anywhere: nothing to look for
  std::vector<Span> spans_;
};

}  // namespace mlmon::rules
