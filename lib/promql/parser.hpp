// Parsing PromQL: the entry point of the module.
//
//   auto result = mlmon::promql::parse("rate(http_requests_total[5m])");
//   if (result.error) std::cerr << format_error(input, *result.error);
//   else use(result.ast->root());
//
// Syntax errors, the semantic checks Prometheus makes while parsing, and its type checker all
// report the first error exactly as Prometheus does (message and byte position).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "promql/ast.hpp"
#include "promql/error.hpp"
#include "promql/features.hpp"

namespace mlmon::promql {

struct ParseOptions {
  Features features;
  // Compile matcher regexes with RE2 (cached per thread) to report bad patterns and decide
  // whether a selector only matches empty strings. When false, regexes are not checked and
  // a regex matcher counts as non-empty unless its pattern is "" or ".*".
  bool validate_regex = true;
  // Maximum nesting of expressions; deeper input is rejected with a parse error instead of
  // exhausting the stack. Prometheus has no limit; real queries nest a few dozen levels.
  unsigned max_depth = 1000;
};

struct ParseResult {
  std::unique_ptr<Ast> ast;         // valid iff !error
  std::optional<ParseError> error;  // the first error, as Prometheus would report it
};

ParseResult parse(std::string_view input, const Features& features = {});
ParseResult parse(std::string_view input, const ParseOptions& options);

}  // namespace mlmon::promql
