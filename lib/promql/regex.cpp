#include "promql/regex.hpp"

#include <re2/re2.h>

#include <string>
#include <unordered_map>

namespace mlmon::promql {

namespace {

// Go's regexp/syntax ErrorCode texts for RE2's codes.
std::string_view go_error_text(RE2::ErrorCode code) {
    switch (code) {
        case RE2::ErrorBadEscape: return "invalid escape sequence";
        case RE2::ErrorBadCharClass: return "invalid character class";
        case RE2::ErrorBadCharRange: return "invalid character class range";
        case RE2::ErrorMissingBracket: return "missing closing ]";
        case RE2::ErrorMissingParen: return "missing closing )";
        case RE2::ErrorUnexpectedParen: return "unexpected )";
        case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
        case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
        case RE2::ErrorRepeatSize: return "invalid repeat count";
        case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
        case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
        case RE2::ErrorBadUTF8: return "invalid UTF-8";
        case RE2::ErrorBadNamedCapture: return "invalid named capture";
        case RE2::ErrorPatternTooLarge: return "expression too large";
        default: return "regexp/syntax: internal error";
    }
}

RegexCheck compile(std::string_view pattern) {
    // Prometheus parses the pattern with syntax.Perl|syntax.DotNL before anchoring it as
    // ^(?s:<pattern>)$, so errors quote the pattern as written and '.' matches newlines.
    RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(true);
    options.set_max_mem(64 << 20);
    const RE2 re(re2::StringPiece(pattern.data(), pattern.size()), options);
    RegexCheck result;
    if (!re.ok()) {
        result.ok = false;
        result.error = "error parsing regexp: ";
        result.error += go_error_text(re.error_code());
        result.error += ": `";
        result.error += re.error_arg();
        result.error += "`";
        return result;
    }
    result.matches_empty = RE2::FullMatch("", re);
    return result;
}

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

const RegexCheck& check_regex(std::string_view pattern) {
    // Dashboards and rule files repeat the same few patterns; compiling once per thread keeps
    // parsing fast. The cache is bounded by starting over when it gets large.
    thread_local std::unordered_map<std::string, RegexCheck, StringHash, std::equal_to<>> cache;
    if (auto it = cache.find(pattern); it != cache.end()) return it->second;
    if (cache.size() >= 4096) cache.clear();
    return cache.emplace(std::string(pattern), compile(pattern)).first->second;
}

}  // namespace mlmon::promql
