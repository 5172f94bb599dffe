#pragma once
// Go's regexp for Prometheus's match and reReplaceAll, on RE2 (the same syntax and leftmost-first
// semantics): compiling with Go's error texts, MatchString, and ReplaceAllString with Go's
// expansion of $1, ${1}, $name and ${name} in the replacement.
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace re2 {
class RE2;
}

namespace mlmon::gotemplate::go {

// regexp.Compile: the compiled pattern, or Go's error ("error parsing regexp: ...: `...`").
std::variant<std::shared_ptr<const re2::RE2>, std::string> compile_regexp(std::string_view pattern);

bool match_string(const re2::RE2& re, std::string_view s);
std::string replace_all_string(const re2::RE2& re, std::string_view src, std::string_view replacement);

}  // namespace mlmon::gotemplate::go
