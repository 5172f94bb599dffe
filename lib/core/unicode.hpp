#pragma once
// The few Unicode facts Go's lexers, strconv and fmt rely on (and so the messages of Prometheus,
// Alertmanager and text/template), without an ICU dependency.
// ASCII is exact; beyond it the letter/printable classes are a table of the common
// non-letter and non-printable ranges (good enough for identifiers and error text).
#include <cstddef>
#include <string>
#include <string_view>

namespace mlmon::unicode {

inline constexpr char32_t replacement_char = 0xFFFD;

struct DecodedRune {
  char32_t rune;
  std::size_t width;  // 0 only at the end of input; 1 for an invalid byte (rune is U+FFFD)
};

// Like Go's utf8.DecodeRuneInString(s[pos:]).
DecodedRune decode(std::string_view s, std::size_t pos);
// Like Go's utf8.ValidString: no byte decodes as an invalid rune (overlong forms, surrogates and
// values past U+10FFFF included).
bool valid_utf8(std::string_view s);
// Like Go's utf8.DecodeLastRuneInString(s[:end]).
DecodedRune decode_last(std::string_view s, std::size_t end);
// Appends r in UTF-8; a surrogate or a value beyond U+10FFFF as U+FFFD, as Go does.
void append_utf8(std::string& out, char32_t r);

// unicode.IsLetter(r) || unicode.IsDigit(r) (Go's isAlphaNumeric without '_').
bool is_letter_or_digit(char32_t r);
// strconv.IsPrint.
bool is_print(char32_t r);
// unicode.IsSpace.
bool is_space(char32_t r);

}  // namespace mlmon::unicode
