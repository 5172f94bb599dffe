// The four PromQL value types, plus "none" for nodes that have no value.
#pragma once

#include <cstdint>
#include <string_view>

namespace mlmon::promql {

enum class ValueType : uint8_t { none, scalar, vector, matrix, string };

// Names used in type-error messages: "scalar", "instant vector", "range vector", "string".
constexpr std::string_view documented_name(ValueType t) {
  switch (t) {
    case ValueType::scalar: return "scalar";
    case ValueType::vector: return "instant vector";
    case ValueType::matrix: return "range vector";
    case ValueType::string: return "string";
    case ValueType::none: break;
  }
  return "none";
}

// Go's ValueType string: "scalar", "vector", "matrix", "string" (used by a few messages).
constexpr std::string_view short_name(ValueType t) {
  switch (t) {
    case ValueType::scalar: return "scalar";
    case ValueType::vector: return "vector";
    case ValueType::matrix: return "matrix";
    case ValueType::string: return "string";
    case ValueType::none: break;
  }
  return "none";
}

}  // namespace mlmon::promql
