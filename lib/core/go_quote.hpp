// Go's quoting, for messages in the words of Prometheus, Alertmanager and text/template, which
// print names and values with fmt's %q, %.Nq and %#U.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace mlmon::go {

/// strconv.Quote (fmt's %q): double quotes, `\"` and `\\`, `\n`-style escapes for controls,
/// `\x..` for bytes that are not UTF-8, `\u....` for other unprintable characters. With
/// `max_runes`, fmt's %.Nq: only the first max_runes characters.
std::string quote(std::string_view s, std::size_t max_runes = std::string_view::npos);

/// strconv.QuoteRune (fmt's %q of a rune): single quotes; an invalid rune prints as U+FFFD.
std::string quote_rune(char32_t r);

/// fmt's %#U: "U+0041 'A'", or "U+0007" when the character is not printable.
std::string unicode_verb(char32_t r);

}  // namespace mlmon::go
