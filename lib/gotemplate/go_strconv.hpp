#pragma once
// Go's literal rules as text/template applies them to a template's constants (strconv and
// fmt behaviour), plus the fmt verbs its error messages use (%q, %.10q, %#U).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/go_quote.hpp"

namespace mlmon::gotemplate::go {

// fmt's %q, %.Nq and %#U, shared with the other Go-worded messages.
using mlmon::go::quote;
using mlmon::go::unicode_verb;

// strconv.Unquote of a "..." or `...` literal; nullopt means "invalid syntax".
std::optional<std::string> unquote(std::string_view literal);

enum class NumberKind { number, char_constant, complex };
// The error text/template's newNumber reports for a lexed constant, or nullopt if Go accepts it.
std::optional<std::string> number_error(std::string_view text, NumberKind kind);

}  // namespace mlmon::gotemplate::go
