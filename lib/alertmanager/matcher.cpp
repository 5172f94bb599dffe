#include "alertmanager/matcher.hpp"

#include <algorithm>
#include <tuple>

#include "alertmanager/duration.hpp"
#include "core/go_quote.hpp"
#include "core/unicode.hpp"

namespace mlmon::alertmanager {

namespace {

std::string open_metrics_escape(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '"') out += "\\\"";
    else out += c;
  }
  return out;
}

bool equal_matchers(const Matchers& a, const Matchers& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Matcher& x, const Matcher& y) { return x.same_as(y); });
}

}  // namespace

std::string_view to_string(MatchType type) {
  switch (type) {
    case MatchType::Equal: return "=";
    case MatchType::NotEqual: return "!=";
    case MatchType::Regexp: return "=~";
    case MatchType::NotRegexp: return "!~";
  }
  return "=";
}

Result<Matcher> Matcher::make(MatchType type, std::string name, std::string value) {
  Matcher out;
  out.type = type;
  out.name = std::move(name);
  out.value = std::move(value);
  if (type == MatchType::Regexp || type == MatchType::NotRegexp) {
    out.regex = MLMON_TRY(AnchoredRegex::compile(out.value));
  }
  return out;
}

bool Matcher::matches(std::string_view label_value) const {
  switch (type) {
    case MatchType::Equal: return label_value == value;
    case MatchType::NotEqual: return label_value != value;
    case MatchType::Regexp: return regex && regex->matches(label_value);
    case MatchType::NotRegexp: return regex && !regex->matches(label_value);
  }
  return false;
}

std::string Matcher::to_string() const {
  bool reserved = false;
  for (std::size_t i = 0; i < name.size() && !reserved;) {
    const unicode::DecodedRune r = unicode::decode(name, i);
    reserved = is_reserved_in_matchers(r.rune);
    i += r.width;
  }
  if (reserved) {
    return go::quote(name) + std::string(mlmon::alertmanager::to_string(type)) + go::quote(value);
  }
  return name + std::string(mlmon::alertmanager::to_string(type)) + "\"" + open_metrics_escape(value) + "\"";
}

bool matches(const Matchers& matchers, const LabelSet& labels) {
  for (const Matcher& m : matchers) {
    auto it = labels.find(m.name);
    if (!m.matches(it == labels.end() ? std::string_view{} : std::string_view(it->second))) return false;
  }
  return true;
}

std::string to_string(const Matchers& matchers) {
  std::string out = "{";
  for (std::size_t i = 0; i < matchers.size(); ++i) {
    if (i > 0) out += ',';
    out += matchers[i].to_string();
  }
  out += '}';
  return out;
}

void sort_matchers(Matchers& matchers) {
  std::stable_sort(matchers.begin(), matchers.end(), [](const Matcher& a, const Matcher& b) {
    return std::tie(a.name, a.value, a.type) < std::tie(b.name, b.value, b.type);
  });
}

MatchersParse parse_matchers(std::string_view input) {
  MatchersParse utf8 = parse_matchers_utf8(input);
  MatchersParse classic = parse_matchers_classic(input);
  if (!utf8.ok()) {
    if (!classic.ok()) return classic;
    classic.classic_only = true;
    for (std::size_t i = 0; i < classic.matchers.size(); ++i) {
      if (i > 0) classic.suggestion += ',';
      classic.suggestion += classic.matchers[i].to_string();
    }
    return classic;
  }
  // Both parse but disagree: Alertmanager keeps the classic reading.
  if (classic.ok() && !equal_matchers(utf8.matchers, classic.matchers)) return classic;
  return utf8;
}

MatchersParse parse_matcher(std::string_view input) {
  MatchersParse result;
  if ((!input.empty() && input.front() == '{') || (!input.empty() && input.back() == '}')) {
    result.error = "unexpected open or close brace: " + std::string(input);
    return result;
  }
  MatchersParse utf8 = parse_matchers_utf8(input);
  if (utf8.ok() && utf8.matchers.size() != 1) {
    utf8.error =
        utf8.matchers.empty() ? "no matchers" : "expected 1 matcher, found " + std::to_string(utf8.matchers.size());
    utf8.matchers.clear();
  }
  // The classic single-matcher parser reads the whole input as one matcher: `a=b,c=d` is a="b,c=d".
  MatchersParse classic = parse_matcher_classic(input);
  if (!utf8.ok()) {
    if (!classic.ok()) return classic;
    classic.classic_only = true;
    classic.suggestion = classic.matchers.front().to_string();
    return classic;
  }
  if (classic.ok() && !equal_matchers(utf8.matchers, classic.matchers)) return classic;
  return utf8;
}

}  // namespace mlmon::alertmanager
