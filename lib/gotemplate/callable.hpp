#pragma once
// Functions and methods a template can call, with the Go signatures text/template checks
// arguments against (arity, parameter types, how literals convert).
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gotemplate/expand.hpp"
#include "gotemplate/value.hpp"

namespace mlmon::gotemplate {

// What Prometheus's functions see of the evaluation (NewTemplateExpander's arguments).
struct FunctionEnv {
  const QueryFunc* query = nullptr;
  std::int64_t eval_time_ms = 0;
  const std::optional<std::string>* external_url = nullptr;
};

// A call's result, or the text of the Go error it returns (or the panic it raises).
using CallResult = std::expected<Value, std::string>;

struct CallContext {
  const FunctionEnv& env;
  const Value& receiver;  // methods: the receiver (after Go's indirection)
};

struct Callable {
  using Impl = CallResult (*)(const CallContext& context, std::span<const Value> args);
  std::string_view name;
  std::vector<Type> params;  // when variadic, the last one is the type of each extra argument
  bool variadic = false;
  Impl impl = nullptr;
  // Go's goodFunc complaint about the results (methods like Zone return two non-error values).
  std::string_view bad_results;
};

// text/template's builtins: and, call, eq, ... (and/or/call are special-cased by the executor).
const Callable* find_builtin(std::string_view name);
// Prometheus's template functions (template.go's FuncMap).
const Callable* find_prometheus_function(std::string_view name);
// A method of the receiver's type: time.Time, time.Duration, time.Month, time.Weekday (and
// pointers to them). `receiver` is the value after indirection.
const Callable* find_method(Type receiver, std::string_view name);

// text/template's evalArgs: the text html, js and urlquery escape.
std::string eval_args_text(std::span<const Value> args);

}  // namespace mlmon::gotemplate
