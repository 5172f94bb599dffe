#pragma once
// Go's fmt package (Sprint, Sprintln, Sprintf with every verb, flag, width, precision and argument
// index, and fmt's error notes like %!d(string=x)) over template values, and strconv.FormatFloat.
// Pointers inside collections print as made-up addresses: Go prints memory addresses there.
#include <span>
#include <string>
#include <string_view>

#include "gotemplate/value.hpp"

namespace mlmon::gotemplate::go {

// strconv.FormatFloat(v, format, precision, 64); precision -1 means the shortest exact digits.
std::string format_float(double v, char format, int precision);

// fmt.Sprint, fmt.Sprintln and fmt.Sprintf. The arguments are interface {} values: a boxed value
// stands for what it holds, an invalid one for nil.
std::string sprint(std::span<const Value> args);
std::string sprintln(std::span<const Value> args);
std::string sprintf(std::string_view format, std::span<const Value> args);

// fmt.Sprint(v): how an action prints its value.
std::string sprint_value(const Value& v);

// strconv.QuoteToASCII: like %q, with every non-ASCII character escaped.
std::string quote_to_ascii(std::string_view s);
// strconv.CanBackquote: s fits in a raw string literal.
bool can_backquote(std::string_view s);

}  // namespace mlmon::gotemplate::go
