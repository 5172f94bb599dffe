// Internal: helpers the function files share.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/labels.hpp"
#include "promql/ast.hpp"

namespace mlmon::engine::detail {

// time.Duration.Seconds() of a whole number of nanoseconds.
double duration_seconds(int64_t ns);

// The labels absent() and absent_over_time() give their one output: the selector's equality
// matchers, except labels matched more than once or otherwise.
Labels absent_labels(const promql::Node* arg);

// The value of a string argument (parentheses allowed).
std::string_view string_arg(const promql::Node* n);

}  // namespace mlmon::engine::detail
