// Shared helpers for the PromQL tests.
#pragma once

#include <string>
#include <string_view>

#include "promql/parser.hpp"
#include "promql/printer.hpp"

namespace mlmon::promql::test {

// "OK" when the expression parses, otherwise Prometheus's rendered error ("1:6: parse error: ...").
inline std::string verdict(std::string_view expr, const Features& features = Features::all()) {
  ParseResult r = parse(expr, features);
  if (r.error) return format_error(expr, *r.error);
  return "OK";
}

// Canonical form, or the rendered error.
inline std::string canonical(std::string_view expr, const Features& features = Features::all()) {
  ParseResult r = parse(expr, features);
  if (r.error) return format_error(expr, *r.error);
  return print(r.ast->root());
}

/// True when printing `expr` gives an expression that parses to the same tree (false also when
/// either does not parse): the property the fuzzer checks.
inline bool round_trips(std::string_view expr, const Features& features = Features::all()) {
  ParseResult first = parse(expr, features);
  if (first.error) return false;
  const std::string printed = print(first.ast->root());
  ParseResult second = parse(printed, features);
  return !second.error && equal(first.ast->root(), second.ast->root());
}

}  // namespace mlmon::promql::test
