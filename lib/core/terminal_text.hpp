#pragma once
// Text from users' files is shown on terminals and in CI logs, which act on escape sequences: a
// rule file holding `ESC ]0;...BEL` would retitle the window, `ESC [2J` clear it, and a bidi
// override make a line read differently from what it is. Renderers show such characters as
// visible escapes instead.
#include <string>
#include <string_view>

namespace mlmon {

/// True for the characters escaped: C0 controls but tab, DEL, C1 controls, and the bidi
/// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
bool needs_escape(char32_t rune);

/// `text` with each character needs_escape() names written as `\xNN` (C0, DEL) or `\uNNNN`
/// (C1, bidi). Everything else, invalid UTF-8 included, is kept as it is.
std::string escape_controls(std::string_view text);

/// How many columns the escape of the character at `text[pos]` adds beyond the one character it
/// replaces (0 when it is not escaped), and its length in bytes through `bytes`.
std::size_t escape_extra_width(std::string_view text, std::size_t pos, std::size_t& bytes);

/// Text a server sent (an error, a version, a URL), made safe for one line of a message: control
/// characters (newlines, terminal escapes) become spaces, trailing spaces go, and past `limit`
/// bytes it is cut and ends in "...".
std::string printable(std::string_view text, std::size_t limit = 300);

}  // namespace mlmon
