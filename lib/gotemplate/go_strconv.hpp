#pragma once
// Go's literal rules as text/template applies them to a template's constants (strconv and
// fmt behaviour), plus the fmt verbs its error messages use (%q, %.10q, %#U).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/go_quote.hpp"
#include "gotemplate/tree.hpp"

namespace mlmon::gotemplate::go {

// fmt's %q, %.Nq and %#U, shared with the other Go-worded messages.
using mlmon::go::quote;
using mlmon::go::unicode_verb;

// strconv.Unquote of a "..." or `...` literal; nullopt means "invalid syntax".
std::optional<std::string> unquote(std::string_view literal);

enum class NumberKind { number, char_constant, complex };
// The error text/template's newNumber reports for a lexed constant, or nullopt if Go accepts it.
std::optional<std::string> number_error(std::string_view text, NumberKind kind);
// The values of a constant number_error accepts, as parse.NumberNode holds them.
NumberConstant number_value(std::string_view text, NumberKind kind);

// strconv.ParseFloat(text, 64): the value, or Go's error text
// (`strconv.ParseFloat: parsing "one": invalid syntax`, `...: value out of range`).
std::variant<double, std::string> parse_float64(std::string_view text);

}  // namespace mlmon::gotemplate::go
