#include "core/go_number.hpp"

namespace mlmon::go {

bool underscores_ok(std::string_view s) {
  auto lower = [](char c) { return static_cast<char>(c | 0x20); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  char saw = '^';  // '^' start, '0' a digit or base prefix, '_' an underscore, '!' anything else
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    hex = lower(s[1]) == 'x';
    i = 2;
    saw = '0';
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (digit(c) || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

}  // namespace mlmon::go
