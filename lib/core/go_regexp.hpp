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
std::string error_message(const re2::RE2& re, std::string_view arg);

}  // namespace mlmon::go_regexp
