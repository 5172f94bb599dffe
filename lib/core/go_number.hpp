#pragma once
// Go's strconv number parsing (ParseFloat, ParseUint, ParseInt) and its error texts, which
// PromQL, the series notation and text/template all report in Go's words.
#include <cstdint>
#include <string>
#include <string_view>

namespace mlmon::go {

/// strconv's underscoreOK: underscores only between digits, or between a base prefix (0b, 0o, 0x)
/// and a digit; a leading sign is allowed. Whether the rest is a number is the caller's business.
bool underscores_ok(std::string_view s);

/// What a strconv parse reports besides its value (Go's ErrSyntax and ErrRange).
enum class NumError : std::uint8_t { none, syntax, range };

template <class T>
struct Parsed {
  T value{};
  NumError error = NumError::none;
  explicit operator bool() const { return error == NumError::none; }
};

/// strconv.ParseFloat(s, 64): decimal and hexadecimal (`0x1.8p3`, needing the `p` exponent)
/// literals, underscores as underscoreOK allows them, and Go's spellings of infinity and NaN
/// ("inf", "+Infinity", "nan"; a sign on NaN is a syntax error), case-insensitively. Overflow is a
/// range error with ±Inf as the value; underflow rounds to ±0 without error, as Go does.
Parsed<double> parse_float(std::string_view s);

/// strconv.ParseUint(s, base, 64), base 0 (prefixes 0b, 0o, 0x and a bare leading 0 for octal,
/// underscores allowed) or 2 to 36. Out of range is a range error with the largest value.
Parsed<std::uint64_t> parse_uint(std::string_view s, int base);

/// strconv.ParseInt(s, base, 64): an optional sign, then as parse_uint; clamped on a range error.
Parsed<std::int64_t> parse_int(std::string_view s, int base);

/// strconv.NumError's text: `strconv.ParseFloat: parsing "1e999": value out of range`, where
/// `function` is "ParseFloat", "ParseUint" or "ParseInt" and `error` is not NumError::none.
std::string number_error_text(std::string_view function, std::string_view s, NumError error);

}  // namespace mlmon::go
