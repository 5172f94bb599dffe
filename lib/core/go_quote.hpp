// Go's quoting, for messages in the words of Prometheus, Alertmanager and text/template, which
// print names and values with fmt's %q, %.Nq and %#U.
#pragma once
#include <cstddef>
#include <cstdint>
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

/// Which string literals unquote takes.
enum class LiteralRules : std::uint8_t {
  go,      ///< strconv.Unquote's strings: "..." and `...` (carriage returns dropped from `...`);
           ///< not its one-character '...' rune literals
  promql,  ///< Prometheus's strutil.Unquote: also '...' strings; `...` kept byte for byte
};

/// The value of a quoted string literal, into `out`; false means Go's "invalid syntax". In a
/// quoted (not raw) literal, bytes that are not UTF-8 become U+FFFD, as strconv.Unquote makes
/// them; PromQL never gets there (its lexer rejects such bytes).
bool unquote(std::string_view literal, std::string& out, LiteralRules rules = LiteralRules::go);

/// strconv.UnquoteChar: reads one character (or escape) of a literal's body at `i`, moves `i` past
/// it and appends its value to `out` unless that is null. `quote` is the literal's quote character:
/// it must be escaped inside, and only it may be. False means invalid syntax.
bool unquote_char(std::string_view body, std::size_t& i, char quote, std::string* out);

}  // namespace mlmon::go
