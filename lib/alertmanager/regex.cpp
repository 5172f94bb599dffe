#include "alertmanager/regex.hpp"

#include <re2/re2.h>

namespace mlmon::alertmanager {

namespace {

// Go's regexp/syntax error texts for each RE2 error code (the two parsers share their design).
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

// Go (1.22+) accepts `(?<name>re)`; this RE2 only knows `(?P<name>re)`.
std::string to_re2_syntax(const std::string& anchored) {
  std::string out;
  out.reserve(anchored.size());
  bool escaped = false;
  for (std::size_t i = 0; i < anchored.size(); ++i) {
    const char c = anchored[i];
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '(' && anchored.compare(i, 3, "(?<") == 0 && i + 3 < anchored.size() &&
               anchored[i + 3] != '=' && anchored[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

AnchoredRegex::AnchoredRegex(std::string pattern, std::unique_ptr<re2::RE2> re)
    : pattern_(std::move(pattern)), re_(std::move(re)) {}

AnchoredRegex::~AnchoredRegex() = default;

std::shared_ptr<const AnchoredRegex> AnchoredRegex::compile(std::string_view pattern, std::string& error) {
  const std::string anchored = "^(?:" + std::string(pattern) + ")$";
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_unique<re2::RE2>(to_re2_syntax(anchored), options);
  if (!re->ok()) {
    std::string arg = re->error_arg();
    if (re->error_code() == RE2::ErrorMissingParen || re->error_code() == RE2::ErrorUnexpectedParen) arg = anchored;
    error = "error parsing regexp: " + std::string(go_error_text(re->error_code())) + ": `" + arg + "`";
    return nullptr;
  }
  return std::shared_ptr<const AnchoredRegex>(new AnchoredRegex(std::string(pattern), std::move(re)));
}

bool AnchoredRegex::matches(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

bool AnchoredRegex::matches_everything() const {
  return pattern_ == ".*" || pattern_ == "(?s).*" || pattern_ == "(?s:.*)" || pattern_ == "(.*)" ||
         pattern_ == "^.*$" || pattern_ == "(?:.*)";
}

}  // namespace mlmon::alertmanager
