#include "alertmanager/labels.hpp"

#include "core/unicode.hpp"

namespace mlmon::alertmanager {

bool is_classic_label_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool is_utf8_label_name(std::string_view name) { return !name.empty() && unicode::valid_utf8(name); }

}  // namespace mlmon::alertmanager
