#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace re2 {
class RE2;
}

namespace mlmon::alertmanager {

/// A regular expression anchored the way Alertmanager anchors every matcher and `match_re`
/// value: `^(?:pattern)$`, in Go's RE2 syntax, matched in linear time.
class AnchoredRegex {
 public:
  /// On a syntax error, the error in Go's wording, e.g.
  /// "error parsing regexp: missing closing ): `^(?:(foo)$`". The same pattern gives the same
  /// regex again (cached per thread).
  static Result<std::shared_ptr<const AnchoredRegex>> compile(std::string_view pattern);

  ~AnchoredRegex();
  AnchoredRegex(const AnchoredRegex&) = delete;
  AnchoredRegex& operator=(const AnchoredRegex&) = delete;

  /// Compiles the regex on first use (patterns any regexp engine accepts are only checked when
  /// loaded: a config's thousands of matchers load without compiling a program for each).
  bool matches(std::string_view text) const;
  /// True when the regex accepts every string (`.*`, `(?s).*`, ...), judged conservatively.
  bool matches_everything() const;
  const std::string& pattern() const { return pattern_; }
  /// `^(?:pattern)$`: how `match_re` values print in amtool's routing tree.
  std::string anchored() const { return "^(?:" + pattern_ + ")$"; }

 private:
  AnchoredRegex(std::string pattern, std::unique_ptr<re2::RE2> re);
  static Result<std::shared_ptr<const AnchoredRegex>> compile_uncached(std::string_view pattern);
  const re2::RE2& re() const;
  std::string pattern_;
  mutable std::once_flag compiled_;  ///< re_ is set once, by the loader or by the first match
  mutable std::unique_ptr<re2::RE2> re_;
};

}  // namespace mlmon::alertmanager
