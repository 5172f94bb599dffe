// The classic matcher syntax (Alertmanager's pkg/labels, now matcher/oldparse): tolerant, with
// unquoted values; kept for configs written before the UTF-8 parser.
#include <string>

#include "alertmanager/labels.hpp"
#include "alertmanager/matcher.hpp"
#include "core/unicode.hpp"

namespace mlmon::alertmanager {

namespace {

// Go regexp's \s: [\t\n\f\r ].
bool is_regex_space(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

std::string_view trim_unicode_space(std::string_view s) {
  // strings.TrimSpace: ASCII whitespace plus U+0085, U+00A0 (the only ones likely here).
  auto is_space = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

MatchersParse parse_matcher_classic(std::string_view input) {
  MatchersParse result;
  const std::string bad = "bad matcher format: " + std::string(input);
  std::size_t i = 0;
  while (i < input.size() && is_regex_space(input[i])) ++i;
  const std::size_t name_start = i;
  if (i >= input.size() || !is_name_start(input[i])) {
    result.error = bad;
    return result;
  }
  while (i < input.size() && is_name_char(input[i])) ++i;
  const std::string name(input.substr(name_start, i - name_start));
  while (i < input.size() && is_regex_space(input[i])) ++i;
  MatchType type;
  const std::string_view rest = input.substr(i);
  if (rest.starts_with("=~")) type = MatchType::Regexp, i += 2;
  else if (rest.starts_with("=")) type = MatchType::Equal, i += 1;
  else if (rest.starts_with("!=")) type = MatchType::NotEqual, i += 2;
  else if (rest.starts_with("!~")) type = MatchType::NotRegexp, i += 2;
  else {
    result.error = bad;
    return result;
  }
  while (i < input.size() && is_regex_space(input[i])) ++i;
  std::string_view raw = input.substr(i);
  while (!raw.empty() && is_regex_space(raw.back())) raw.remove_suffix(1);
  const std::string raw_text(raw);

  bool expect_trailing_quote = false;
  if (raw.starts_with("\"")) {
    raw.remove_prefix(1);
    expect_trailing_quote = true;
  }
  if (!unicode::valid_utf8(raw)) {
    result.error = "matcher value not valid UTF-8: " + raw_text;
    return result;
  }
  std::string value;
  bool escaped = false;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const char c = raw[k];
    if (escaped) {
      escaped = false;
      if (c == 'n') value += '\n';
      else if (c == '"' || c == '\\') value += c;
      else {
        value += '\\';
        value += c;
      }
      continue;
    }
    if (c == '\\') {
      if (k < raw.size() - 1) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (c == '"') {
      if (!expect_trailing_quote || k < raw.size() - 1) {
        result.error = "matcher value contains unescaped double quote: " + raw_text;
        return result;
      }
      expect_trailing_quote = false;
    } else {
      value += c;
    }
  }
  if (expect_trailing_quote) {
    result.error = "matcher value contains unescaped double quote: " + raw_text;
    return result;
  }
  auto m = Matcher::make(type, name, std::move(value));
  if (!m) {
    result.error = m.error().message;
    return result;
  }
  result.matchers.push_back(std::move(*m));
  return result;
}

MatchersParse parse_matchers_classic(std::string_view input) {
  MatchersParse result;
  std::string_view s = input;
  if (s.starts_with("{")) s.remove_prefix(1);
  if (s.ends_with("}")) s.remove_suffix(1);

  std::vector<std::string> tokens;
  std::string token;
  bool inside_quotes = false;
  bool escaped = false;
  for (const char c : s) {
    switch (c) {
      case ',':
        if (!inside_quotes) {
          tokens.push_back(token);
          token.clear();
          continue;
        }
        break;
      case '"':
        if (!escaped) inside_quotes = !inside_quotes;
        else escaped = false;
        break;
      case '\\': escaped = !escaped; break;
      default: escaped = false;
    }
    token += c;
  }
  if (const std::string_view last = trim_unicode_space(token); !last.empty()) tokens.emplace_back(last);
  for (const std::string& t : tokens) {
    MatchersParse one = parse_matcher_classic(t);
    if (!one.ok()) return one;
    result.matchers.push_back(std::move(one.matchers.front()));
  }
  return result;
}

}  // namespace mlmon::alertmanager
