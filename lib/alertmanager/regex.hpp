#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace mlmon::alertmanager {

/// A regular expression anchored the way Alertmanager anchors every matcher and `match_re`
/// value: `^(?:pattern)$`, in Go's RE2 syntax, matched in linear time.
class AnchoredRegex {
 public:
  /// nullptr on a syntax error; `error` then holds Go's wording, e.g.
  /// "error parsing regexp: missing closing ): `^(?:(foo)$`".
  static std::shared_ptr<const AnchoredRegex> compile(std::string_view pattern, std::string& error);

  ~AnchoredRegex();
  AnchoredRegex(const AnchoredRegex&) = delete;
  AnchoredRegex& operator=(const AnchoredRegex&) = delete;

  bool matches(std::string_view text) const;
  /// True when the regex accepts every string (`.*`, `(?s).*`, ...), judged conservatively.
  bool matches_everything() const;
  const std::string& pattern() const { return pattern_; }
  /// `^(?:pattern)$`: how `match_re` values print in amtool's routing tree.
  std::string anchored() const { return "^(?:" + pattern_ + ")$"; }

 private:
  AnchoredRegex(std::string pattern, std::unique_ptr<re2::RE2> re);
  std::string pattern_;
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace mlmon::alertmanager
