// Go formatting and literal rules that Prometheus's messages and values depend on:
// strconv.Quote / QuoteRune, fmt's %#U and %.10q, strconv.FormatFloat, strconv.ParseInt(s, 0, 64)
// followed by ParseFloat (how the PromQL parser reads numbers) and strutil.Unquote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/go_quote.hpp"
#include "core/result.hpp"
#include "core/unicode.hpp"

namespace mlmon::promql::go {

// Decodes one UTF-8 sequence at s[pos] like utf8.DecodeRuneInString: invalid input yields
// U+FFFD with width 1; end of input yields -1 with width 0.
struct Rune {
  char32_t value;  // kEof at the end of input
  uint32_t width;
};
inline constexpr char32_t kEof = static_cast<char32_t>(-1);
inline constexpr char32_t kRuneError = 0xFFFD;
Rune decode_rune(std::string_view s, size_t pos);

// UTF-8 and Go's quoting (%q, %.Nq, %#U), shared with the other Go-worded messages. kEof
// quotes as U+FFFD.
using mlmon::go::quote;
using mlmon::go::quote_rune;
using mlmon::go::unicode_verb;
using mlmon::unicode::append_utf8;
using mlmon::unicode::is_print;

// strconv.FormatFloat(v, 'f', -1, 64): shortest exact digits, never an exponent; "+Inf", "-Inf", "NaN".
std::string format_float(double v);
// fmt %v of a float64 (strconv 'g' shortest with Go's exponent rules).
std::string format_float_v(double v);

// How the PromQL parser turns a NUMBER token into a double: strconv.ParseInt(s, 0, 64), and when
// that fails strconv.ParseFloat(s, 64). On failure the error is Go's text,
// e.g. `strconv.ParseFloat: parsing "1e999": value out of range`.
Result<double> parse_number(std::string_view s);

// strconv.ParseFloat(s, 64) (mlmon::go::parse_float); nullopt on a syntax or range error.
std::optional<double> parse_float(std::string_view s);

// strutil.Unquote: a single-, double- or back-quoted PromQL string literal. Returns false on
// syntax errors (Go's ErrSyntax "invalid syntax").
inline bool unquote(std::string_view quoted, std::string& out) {
  return mlmon::go::unquote(quoted, out, mlmon::go::LiteralRules::promql);
}
// True when unquoting would return the text between the quotes unchanged (no escapes).
bool unquote_is_identity(std::string_view quoted);

}  // namespace mlmon::promql::go
