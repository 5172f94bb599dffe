// How evaluation fails: Prometheus's message, or a clear "not supported" for what mlmon's engine
// does not evaluate (native histograms), which callers must never count as a pass or a failure
// Prometheus would report.
//
// A small expected-like type rather than std::expected: clang 14 (the fuzzing build) lacks it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mlmon::engine {

struct EvalError {
  std::string message;
  bool unsupported = false;  // the query needs something the engine does not implement
};

inline constexpr const char* kNativeHistogramsUnsupported = "native histograms are not supported yet";

template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Expected(EvalError error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const EvalError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, EvalError> v_;
};

}  // namespace mlmon::engine
