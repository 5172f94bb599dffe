#include "rules/change_values.hpp"

#include <nlohmann/json.hpp>

#include <regex>

namespace mlmon::rules {

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_number_or_string(std::string_view text) {
  static const std::regex kJsonNumber(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
  const std::string owned(text);
  return std::regex_match(owned, kJsonNumber) ? owned : json_string(text);
}

std::string keyed_path(std::string_view map, std::string_view key) {
  static const std::regex kIdentifier("[A-Za-z_][A-Za-z0-9_]*");
  const std::string owned(key);
  if (std::regex_match(owned, kIdentifier)) return std::string(map) + "." + owned;
  return std::string(map) + "[" + json_string(key) + "]";
}

}  // namespace mlmon::rules
