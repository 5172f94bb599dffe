#include "dashboards/variable_refs.hpp"

namespace mlmon::dashboards {

namespace {

bool is_word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

std::size_t word_end(std::string_view text, std::size_t i) {
  while (i < text.size() && is_word(text[i])) ++i;
  return i;
}

/// `${name(.field)?(:format)?}` with the '$' at `start`; false when it does not match there.
bool match_braces(std::string_view text, std::size_t start, VariableRef& ref) {
  std::size_t i = start + 2;
  const std::size_t name_end = word_end(text, i);
  if (name_end == i) return false;
  ref.name = std::string(text.substr(i, name_end - i));
  i = name_end;
  if (i < text.size() && text[i] == '.') {
    const std::size_t field_start = ++i;
    while (i < text.size() && text[i] != ':' && text[i] != '^' && text[i] != '}') ++i;
    if (i == field_start) return false;
    ref.field = std::string(text.substr(field_start, i - field_start));
  }
  if (i < text.size() && text[i] == ':') {
    const std::size_t format_start = ++i;
    while (i < text.size() && text[i] != '}') ++i;
    if (i == format_start) return false;
    ref.format = std::string(text.substr(format_start, i - format_start));
  }
  if (i >= text.size() || text[i] != '}') return false;
  ref.syntax = RefSyntax::Braces;
  ref.begin = start;
  ref.end = i + 1;
  return true;
}

/// `[[name(:format)?]]` with the first '[' at `start`.
bool match_brackets(std::string_view text, std::size_t start, VariableRef& ref) {
  std::size_t i = start + 2;
  const std::size_t name_end = word_end(text, i);
  if (name_end == i) return false;
  ref.name = std::string(text.substr(i, name_end - i));
  i = name_end;
  if (i < text.size() && text[i] == ':') {
    const std::size_t format_start = ++i;
    i = word_end(text, i);
    if (i == format_start) return false;
    ref.format = std::string(text.substr(format_start, i - format_start));
  }
  if (i + 1 >= text.size() || text[i] != ']' || text[i + 1] != ']') return false;
  ref.syntax = RefSyntax::Brackets;
  ref.begin = start;
  ref.end = i + 2;
  return true;
}

}  // namespace

std::vector<VariableRef> find_variable_refs(std::string_view text) {
  std::vector<VariableRef> refs;
  std::size_t i = 0;
  while (i < text.size()) {
    VariableRef ref;
    bool matched = false;
    if (text[i] == '$' && i + 1 < text.size()) {
      if (is_word(text[i + 1])) {
        const std::size_t end = word_end(text, i + 1);
        ref.name = std::string(text.substr(i + 1, end - i - 1));
        ref.begin = i;
        ref.end = end;
        matched = true;
      } else if (text[i + 1] == '{') {
        matched = match_braces(text, i, ref);
      }
    } else if (text[i] == '[' && i + 1 < text.size() && text[i + 1] == '[') {
      matched = match_brackets(text, i, ref);
    }
    if (matched) {
      i = ref.end;
      refs.push_back(std::move(ref));
    } else {
      ++i;
    }
  }
  return refs;
}

bool is_builtin_variable(std::string_view name) {
  if (name.starts_with("__")) return true;
  if (name == "timeFilter") return true;
  return !name.empty() && name[0] >= '0' && name[0] <= '9';
}

bool looks_like_input(std::string_view name) { return name.starts_with("DS_") || name.starts_with("VAR_"); }

}  // namespace mlmon::dashboards
