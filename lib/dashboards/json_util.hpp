#pragma once
// Small helpers over nlohmann::json for the dashboards module's .cpp files (includes the full
// nlohmann header: do not include from public headers).
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "dashboards/document.hpp"

namespace mlmon::dashboards {

/// A member of an object, or nullptr (also when `object` is not an object).
inline const Json* member(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

inline const Json* member(const Json* object, std::string_view name) {
  return object ? member(*object, name) : nullptr;
}

/// The string value of a member, or "" when missing or not a string.
inline std::string string_member(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  return (v && v->is_string()) ? v->get<std::string>() : std::string();
}

inline std::string string_member(const Json* object, std::string_view name) {
  return object ? string_member(*object, name) : std::string();
}

/// "a number", "an array", ... for messages like `"title" is a number, expected a string`.
inline std::string_view kind_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    default: return "a number";
  }
}

}  // namespace mlmon::dashboards
