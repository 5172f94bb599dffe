#include "alertmanager/regex.hpp"

#include <re2/re2.h>

#include "core/go_regexp.hpp"

namespace mlmon::alertmanager {

AnchoredRegex::AnchoredRegex(std::string pattern, std::unique_ptr<re2::RE2> re)
    : pattern_(std::move(pattern)), re_(std::move(re)) {}

AnchoredRegex::~AnchoredRegex() = default;

std::shared_ptr<const AnchoredRegex> AnchoredRegex::compile(std::string_view pattern, std::string& error) {
  const std::string anchored = "^(?:" + std::string(pattern) + ")$";
  if (std::string go_error = go_regexp::go_only_error(pattern); !go_error.empty()) {
    error = std::move(go_error);
    return nullptr;
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_unique<re2::RE2>(go_regexp::to_re2(anchored), options);
  if (!re->ok()) {
    // Go quotes the whole (anchored) expression for unbalanced parentheses.
    const bool whole = re->error_code() == RE2::ErrorMissingParen || re->error_code() == RE2::ErrorUnexpectedParen;
    error = go_regexp::error_message(*re, whole ? anchored : re->error_arg(), pattern);
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
