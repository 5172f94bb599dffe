#include "gotemplate/go_regexp_replace.hpp"

#include <re2/re2.h>

#include <vector>

#include "core/go_regexp.hpp"
#include "core/unicode.hpp"

namespace mlmon::gotemplate::go {

namespace {

// Go's regexp extract: a leading "name" or "{name}" after '$'. num is -1 for a name.
struct Reference {
  bool ok = false;
  std::string_view name;
  int num = -1;
  std::string_view rest;
};

Reference extract(std::string_view str) {
  Reference ref;
  if (str.empty()) return ref;
  bool brace = false;
  if (str[0] == '{') {
    brace = true;
    str.remove_prefix(1);
  }
  std::size_t i = 0;
  while (i < str.size()) {
    const auto decoded = unicode::decode(str, i);
    if (!unicode::is_letter_or_digit(decoded.rune) && decoded.rune != '_') break;
    if (decoded.width == 1 && decoded.rune == unicode::replacement_char) break;
    i += decoded.width;
  }
  if (i == 0) return ref;  // empty names are not references
  ref.name = str.substr(0, i);
  if (brace) {
    if (i >= str.size() || str[i] != '}') return ref;  // missing closing brace
    ++i;
  }
  ref.num = 0;
  for (char c : ref.name) {
    if (c < '0' || c > '9' || ref.num >= 100000000) {
      ref.num = -1;
      break;
    }
    ref.num = ref.num * 10 + (c - '0');
  }
  if (ref.name[0] == '0' && ref.name.size() > 1) ref.num = -1;  // no leading zeros
  ref.rest = str.substr(i);
  ref.ok = true;
  return ref;
}

void expand(std::string& dst, std::string_view tmpl, const re2::RE2& re, const std::vector<re2::StringPiece>& groups) {
  while (!tmpl.empty()) {
    const std::size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    dst += tmpl.substr(0, dollar);
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      dst += '$';
      tmpl.remove_prefix(1);
      continue;
    }
    const Reference ref = extract(tmpl);
    if (!ref.ok) {
      dst += '$';  // malformed: the '$' is literal
      continue;
    }
    tmpl = ref.rest;
    if (ref.num >= 0) {
      if (static_cast<std::size_t>(ref.num) < groups.size() &&
          groups[static_cast<std::size_t>(ref.num)].data() != nullptr) {
        const re2::StringPiece& group = groups[static_cast<std::size_t>(ref.num)];
        dst.append(group.data(), group.size());
      }
    } else {
      const auto& names = re.NamedCapturingGroups();
      if (const auto it = names.find(std::string(ref.name)); it != names.end()) {
        const auto index = static_cast<std::size_t>(it->second);
        if (index < groups.size() && groups[index].data() != nullptr)
          dst.append(groups[index].data(), groups[index].size());
      }
    }
  }
  dst += tmpl;
}

}  // namespace

std::variant<std::shared_ptr<const re2::RE2>, std::string> compile_regexp(std::string_view pattern) {
  if (std::string go_error = go_regexp::go_only_error(pattern); !go_error.empty()) return go_error;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_shared<const re2::RE2>(go_regexp::to_re2(pattern), options);
  if (!re->ok()) {
    return go_regexp::error_message(*re, re->error_arg(), pattern);
  }
  return re;
}

bool match_string(const re2::RE2& re, std::string_view s) {
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re);
}

std::string replace_all_string(const re2::RE2& re, std::string_view src, std::string_view replacement) {
  // Go's replaceAll: an empty match right after a previous match is not replaced, and the search
  // always advances by at least one character.
  const int groups_count = 1 + re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(groups_count));
  std::string out;
  std::size_t last_match_end = 0;
  std::size_t search_pos = 0;
  while (search_pos <= src.size()) {
    if (!re.Match(re2::StringPiece(src.data(), src.size()), search_pos, src.size(), RE2::UNANCHORED, groups.data(),
                  groups_count)) {
      break;
    }
    const auto begin = static_cast<std::size_t>(groups[0].data() - src.data());
    const std::size_t end = begin + groups[0].size();
    out += src.substr(last_match_end, begin - last_match_end);
    if (end > last_match_end || begin == 0) expand(out, replacement, re, groups);
    last_match_end = end;
    const std::size_t width = search_pos < src.size() ? unicode::decode(src, search_pos).width : 0;
    if (search_pos + width > end) search_pos += width;
    else if (search_pos + 1 > end) ++search_pos;
    else search_pos = end;
  }
  out += src.substr(last_match_end);
  return out;
}

}  // namespace mlmon::gotemplate::go
