// Parse errors as Prometheus reports them: a byte range in the expression plus a message, rendered
// as "<line>:<col>: parse error: <message>" with a 1-based line and a 1-based byte column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mlmon::promql {

struct ParseError {
  uint32_t begin = 0;  // byte range in the input (Prometheus's PositionRange)
  uint32_t end = 0;
  std::string message;         // without position prefix, e.g. "unexpected end of input"
  bool is_type_error = false;  // found by the type checker rather than while parsing
};

// 1-based line and column of a byte offset, counted the way Prometheus does (column in bytes).
struct LineCol {
  uint32_t line;
  uint32_t col;
};
LineCol line_col(std::string_view input, uint32_t offset);

// "1:6: parse error: <message>" exactly like Prometheus's ParseErr.Error(). An empty input gives
// "unknown position: parse error: ..." as in Prometheus.
std::string format_error(std::string_view input, const ParseError& error);

}  // namespace mlmon::promql
