#include "promql/error.hpp"

#include <fmt/format.h>

namespace mlmon::promql {

LineCol line_col(std::string_view input, uint32_t offset) {
  if (offset > input.size()) offset = static_cast<uint32_t>(input.size());
  uint32_t line = 1;
  int64_t last_break = -1;
  for (uint32_t i = 0; i < offset; ++i) {
    if (input[i] == '\n') {
      ++line;
      last_break = i;
    }
  }
  return {line, static_cast<uint32_t>(static_cast<int64_t>(offset) - last_break)};
}

std::string format_error(std::string_view input, const ParseError& error) {
  if (input.empty()) return fmt::format("unknown position: parse error: {}", error.message);
  if (error.begin > input.size()) return fmt::format("invalid position: parse error: {}", error.message);
  const LineCol lc = line_col(input, error.begin);
  return fmt::format("{}:{}: parse error: {}", lc.line, lc.col, error.message);
}

}  // namespace mlmon::promql
