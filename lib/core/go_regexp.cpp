#include "core/go_regexp.hpp"

#include <re2/re2.h>

namespace mlmon::go_regexp {

namespace {

// Go's regexp/syntax ErrorCode texts for RE2's codes.
std::string_view error_text(RE2::ErrorCode code) {
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

}  // namespace

std::string to_re2(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 4);
  bool escaped = false;
  bool in_class = false;  // `[(?<]` is a character class, not a group
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      out += c;
      // A `]` right after `[` or `[^` is a member of the class, not its end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    } else if (c == '(' && pattern.substr(i, 3) == "(?<" && i + 3 < pattern.size() && pattern[i + 3] != '=' &&
               pattern[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

std::string error_message(const re2::RE2& re, std::string_view arg, std::string_view written) {
  std::string quoted(arg);
  if (written.find("(?P<") == std::string_view::npos) {
    for (std::size_t at = quoted.find("(?P<"); at != std::string::npos; at = quoted.find("(?P<", at)) {
      quoted.erase(at + 2, 1);
    }
  }
  std::string message = "error parsing regexp: ";
  message += error_text(re.error_code());
  message += ": `";
  message += quoted;
  message += '`';
  return message;
}

std::string go_only_error(std::string_view pattern) {
  // Inside a class too: Go refuses `[\C]` as well.
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\') continue;
    if (pattern[i + 1] == 'C') return "error parsing regexp: invalid escape sequence: `\\C`";
    ++i;  // the escaped character
  }
  return {};
}

}  // namespace mlmon::go_regexp
