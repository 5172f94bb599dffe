#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alertmanager/labels.hpp"
#include "alertmanager/regex.hpp"

namespace mlmon::alertmanager {

enum class MatchType { Equal, NotEqual, Regexp, NotRegexp };
std::string_view to_string(MatchType);

/// One label matcher (`severity="critical"`, `env=~"prod|staging"`). Regexes are anchored.
struct Matcher {
  MatchType type = MatchType::Equal;
  std::string name;
  std::string value;
  std::shared_ptr<const AnchoredRegex> regex;  ///< set for =~ and !~

  /// Alertmanager's NewMatcher: fails only when a regex does not compile (the error in Go's words).
  static Result<Matcher> make(MatchType type, std::string name, std::string value);

  bool matches(std::string_view label_value) const;
  /// Alertmanager's String(): `name="value"`, name and value quoted as Go quotes when the name
  /// holds a character the UTF-8 parser reserves.
  std::string to_string() const;
  bool same_as(const Matcher& other) const { return type == other.type && name == other.name && value == other.value; }
};

using Matchers = std::vector<Matcher>;

/// All matchers match (an absent label matches as "").
bool matches(const Matchers& matchers, const LabelSet& labels);
/// `{a="b",c=~"d"}` as amtool prints a route's matchers.
std::string to_string(const Matchers& matchers);
/// By name, value, then type, as Alertmanager sorts a route's matchers.
void sort_matchers(Matchers& matchers);

/// What the UTF-8 matchers parser reserves: white space and {}!=~,\"'` (a name holding one is
/// printed quoted).
bool is_reserved_in_matchers(char32_t r);

/// The outcome of parsing one `matchers:` item (or a command-line label).
struct MatchersParse {
  Matchers matchers;
  std::string error;          ///< empty on success
  bool classic_only = false;  ///< accepted only by the classic parser (Alertmanager warns)
  std::string suggestion;     ///< the UTF-8-compatible form Alertmanager suggests then
  bool ok() const { return error.empty(); }
};

/// The UTF-8 matchers parser (matcher/parse): `{a="b", c!~"d.*"}`, braces optional, values quoted
/// or unquoted without reserved characters. Errors carry rune offsets: "6:11: unexpected ...".
MatchersParse parse_matchers_utf8(std::string_view input);
/// The classic parser (pkg/labels): `a=b, c!~"d.*"`, tolerant of unquoted values.
MatchersParse parse_matchers_classic(std::string_view input);
/// The classic parser's single matcher: the whole input is one matcher (`a=b,c=d` is a="b,c=d").
MatchersParse parse_matcher_classic(std::string_view input);
/// Alertmanager's default fallback mode: UTF-8 first, then classic (flagged classic_only);
/// when both fail, the classic parser's error.
MatchersParse parse_matchers(std::string_view input);
/// Exactly one matcher in fallback mode (amtool's label arguments): braces are refused.
MatchersParse parse_matcher(std::string_view input);

}  // namespace mlmon::alertmanager
