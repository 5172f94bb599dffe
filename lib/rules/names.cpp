#include "rules/names.hpp"

#include "core/unicode.hpp"

namespace mlmon::rules {

namespace {

bool is_legacy_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
    const bool digit = c >= '0' && c <= '9';
    if (!(letter || (i > 0 && digit))) return false;
  }
  return true;
}

}  // namespace

bool is_valid_label_name(std::string_view name, NameValidation scheme) {
  if (scheme == NameValidation::Legacy) return is_legacy_name(name, false);
  return !name.empty() && unicode::valid_utf8(name);
}

bool is_valid_metric_name(std::string_view name, NameValidation scheme) {
  if (scheme == NameValidation::Legacy) return is_legacy_name(name, true);
  return !name.empty() && unicode::valid_utf8(name);
}

}  // namespace mlmon::rules
