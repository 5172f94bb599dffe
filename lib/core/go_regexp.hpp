// Go's regexp syntax on RE2: Prometheus and Alertmanager compile every matcher regex with Go's
// regexp, which shares RE2's syntax and design; these close the two gaps a user can see.
#pragma once
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace mlmon::go_regexp {

/// The pattern in RE2's spelling. Go 1.22+ (so Prometheus 3 and current Alertmanager) also writes
/// a named group as `(?<name>re)`, which this RE2 knows only as `(?P<name>re)`.
std::string to_re2(std::string_view pattern);

/// Go's message for a pattern RE2 rejected: "error parsing regexp: missing closing ): `arg`",
/// `arg` being what Go quotes (the caller knows: the pattern as written, or RE2's error_arg()).
/// `written` is the pattern before to_re2(): a `(?P<` that to_re2() wrote is quoted as `(?<`.
std::string error_message(const re2::RE2& re, std::string_view arg, std::string_view written);

/// Go's error for a pattern RE2 accepts and Go does not (`\C`, RE2's any-byte escape), or "".
std::string go_only_error(std::string_view pattern);

}  // namespace mlmon::go_regexp
