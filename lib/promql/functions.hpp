// The PromQL function table (Prometheus 3.14: 90 functions) with argument types, arity and
// whether the function needs --enable-feature=promql-experimental-functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "promql/value_type.hpp"

namespace mlmon::promql {

struct Function {
  std::string_view name;
  std::array<ValueType, 5> arg_types_storage;
  uint8_t arg_count;  // entries used in arg_types_storage
  // 0: exactly arg_count arguments. N > 0: between arg_count-1 and arg_count-1+N, extra ones
  // typed like the last. -1: arg_count-1 or more.
  int8_t variadic;
  ValueType return_type;
  bool experimental;

  std::span<const ValueType> arg_types() const { return {arg_types_storage.data(), arg_count}; }
  size_t min_args() const { return variadic == 0 ? arg_count : arg_count - 1u; }
  // Upper bound on arguments; SIZE_MAX when unbounded.
  size_t max_args() const;
};

// Case-sensitive lookup; nullptr for unknown names.
const Function* find_function(std::string_view name);

// All functions, sorted by name.
std::span<const Function> all_functions();

}  // namespace mlmon::promql
