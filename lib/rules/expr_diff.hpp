#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.hpp"
#include "promql/ast.hpp"

namespace mlmon::rules {

/// A rule's `expr` prepared for comparison: parsed once (every feature enabled, since a diff
/// validates nothing) and printed in Prometheus's canonical form.
struct ComparableExpr {
  std::string text;                        ///< as decoded from YAML, surrounding whitespace trimmed
  std::shared_ptr<const promql::Ast> ast;  ///< nullptr when it does not parse
  std::string canonical;                   ///< the printer's form; `text` when it does not parse

  static ComparableExpr of(std::string_view expr);
  /// Same meaning: equal trees, parentheses aside (promql::same_meaning); for unparsable text,
  /// equal text.
  bool same_as(const ComparableExpr& other) const;
};

/// What differs between two expressions, as fields of a rule change (empty when they are the same):
/// - with `thresholds` (alerting rules), when the only difference is the numbers of the alert's
///   thresholds (thresholds::find_thresholds), one `threshold` field per changed number (named
///   `threshold[i]`, 0-based as `mlmon thresholds` counts, when the expression has several),
///   values as written: `threshold: 0.5 → 0.3`;
/// - otherwise one `expr` field with both canonical forms (the text, when one does not parse).
std::vector<FieldChange> diff_exprs(const ComparableExpr& old_expr, const ComparableExpr& new_expr, bool thresholds);

}  // namespace mlmon::rules
