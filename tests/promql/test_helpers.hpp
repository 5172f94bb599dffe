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

}  // namespace mlmon::promql::test
