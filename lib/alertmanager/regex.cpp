#include "alertmanager/regex.hpp"

#include <re2/re2.h>

#include <functional>
#include <unordered_map>

#include "core/go_regexp.hpp"
#include "core/string_map.hpp"

namespace mlmon::alertmanager {

AnchoredRegex::AnchoredRegex(std::string pattern, std::unique_ptr<re2::RE2> re)
    : pattern_(std::move(pattern)), re_(std::move(re)) {}

namespace {

RE2::Options regex_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

std::string anchor(std::string_view pattern) { return "^(?:" + std::string(pattern) + ")$"; }

/// Whether Go's regexp and RE2 both accept `pattern` for sure, judged on a small grammar: ASCII
/// literals, `.`, plain groups, `|`, and `*`, `+`, `?` after an atom (lazy forms included).
/// Anything else (classes, escapes, flags, counted repetition, anchors, non-ASCII) is compiled
/// when the config loads, for its error message.
bool surely_valid(std::string_view pattern) {
  if (pattern.size() > 256) return false;  // long patterns: let RE2 judge their size
  int depth = 0;
  enum class Last { Start, Atom, Quantifier, Lazy } last = Last::Start;
  for (const char c : pattern) {
    switch (c) {
      case '*':
      case '+':
      case '?':
        if (last == Last::Atom) {
          last = Last::Quantifier;
        } else if (c == '?' && last == Last::Quantifier) {
          last = Last::Lazy;
        } else {
          return false;
        }
        break;
      case '(':
        ++depth;
        last = Last::Start;
        break;
      case ')':
        if (--depth < 0) return false;
        last = Last::Atom;
        break;
      case '|': last = Last::Start; break;
      case '\\':
      case '[':
      case ']':
      case '{':
      case '}':
      case '^':
      case '$': return false;
      default:
        if (c < 0x20 || c > 0x7E) return false;
        last = Last::Atom;
        break;
    }
  }
  return depth == 0;
}

}  // namespace

AnchoredRegex::~AnchoredRegex() = default;

namespace {

/// A compiled regex, or the error compiling it gave.
using Compiled = Result<std::shared_ptr<const AnchoredRegex>>;

}  // namespace

Result<std::shared_ptr<const AnchoredRegex>> AnchoredRegex::compile(std::string_view pattern) {
  // Configs repeat the same few patterns (and the fallback matcher parser reads each matcher
  // twice): compiling once per thread is most of what loading a large config costs otherwise.
  // The cache is bounded by starting over when it gets large; regexes are immutable and shared.
  thread_local StringMap<Compiled> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    if (cache.size() >= 4096) cache.clear();
    it = cache.emplace(std::string(pattern), compile_uncached(pattern)).first;
  }
  return it->second;
}

Result<std::shared_ptr<const AnchoredRegex>> AnchoredRegex::compile_uncached(std::string_view pattern) {
  if (surely_valid(pattern)) {
    return std::shared_ptr<const AnchoredRegex>(new AnchoredRegex(std::string(pattern), nullptr));
  }
  const std::string anchored = anchor(pattern);
  if (std::string go_error = go_regexp::go_only_error(pattern); !go_error.empty()) {
    return fail(std::move(go_error));
  }
  auto re = std::make_unique<re2::RE2>(go_regexp::to_re2(anchored), regex_options());
  if (!re->ok()) {
    // Go quotes the whole (anchored) expression for unbalanced parentheses.
    const bool whole = re->error_code() == RE2::ErrorMissingParen || re->error_code() == RE2::ErrorUnexpectedParen;
    return fail(go_regexp::error_message(*re, whole ? anchored : re->error_arg(), pattern));
  }
  return std::shared_ptr<const AnchoredRegex>(new AnchoredRegex(std::string(pattern), std::move(re)));
}

const re2::RE2& AnchoredRegex::re() const {
  std::call_once(compiled_, [this] {
    if (!re_) re_ = std::make_unique<re2::RE2>(go_regexp::to_re2(anchor(pattern_)), regex_options());
  });
  return *re_;
}

bool AnchoredRegex::matches(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re());
}

bool AnchoredRegex::matches_everything() const {
  return pattern_ == ".*" || pattern_ == "(?s).*" || pattern_ == "(?s:.*)" || pattern_ == "(.*)" ||
         pattern_ == "^.*$" || pattern_ == "(?:.*)";
}

}  // namespace mlmon::alertmanager
