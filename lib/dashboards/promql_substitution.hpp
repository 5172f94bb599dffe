#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dashboards/model.hpp"

namespace mlmon::dashboards {

/// A PromQL expression with Grafana's variables replaced, and the way back to the original.
struct Substitution {
  /// One stretch of `text`: copied from the original, or the value that replaced a reference.
  struct Piece {
    std::size_t begin = 0;  ///< in `text`
    std::size_t length = 0;
    std::size_t original_begin = 0;
    std::size_t original_length = 0;
    bool replaced = false;
  };
  std::string text;
  std::vector<Piece> pieces;

  /// Byte offset in the original expression of byte `offset` of `text`. Inside a replaced value
  /// it is the start of the reference (`$` or `[[`); past the end, the original's end.
  std::size_t original_offset(std::size_t offset) const;
};

/// Replaces `$var`, `${var}`, `${var:fmt}`, `[[var]]` and Grafana's macros the way the
/// Prometheus datasource does before sending the query, choosing values that keep the parse
/// faithful: durations inside `[...]` and after `offset` (`$__rate_interval` → `5m`, an interval
/// variable → its current value), numbers for `$__range_s`, `$__interval_ms`, `@ ${__to:date:seconds}`,
/// the variable's name inside a string literal (any text is valid there, and a name is a valid
/// regex), and elsewhere the current value when it is a single token (else the name).
Substitution substitute_for_promql(std::string_view expr, const Dashboard& dashboard);

}  // namespace mlmon::dashboards
