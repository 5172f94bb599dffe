#include "promql/functions.hpp"

#include <algorithm>
#include <cstdint>

namespace mlmon::promql {

namespace {

constexpr ValueType S = ValueType::scalar;
constexpr ValueType V = ValueType::vector;
constexpr ValueType M = ValueType::matrix;
constexpr ValueType Str = ValueType::string;
constexpr ValueType N = ValueType::none;

// Sorted by name (checked at compile time below).
constexpr Function kFunctions[] = {
    {"abs", {V, N, N, N, N}, 1, 0, V, false},
    {"absent", {V, N, N, N, N}, 1, 0, V, false},
    {"absent_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"acos", {V, N, N, N, N}, 1, 0, V, false},
    {"acosh", {V, N, N, N, N}, 1, 0, V, false},
    {"asin", {V, N, N, N, N}, 1, 0, V, false},
    {"asinh", {V, N, N, N, N}, 1, 0, V, false},
    {"atan", {V, N, N, N, N}, 1, 0, V, false},
    {"atanh", {V, N, N, N, N}, 1, 0, V, false},
    {"avg_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"ceil", {V, N, N, N, N}, 1, 0, V, false},
    {"changes", {M, N, N, N, N}, 1, 0, V, false},
    {"clamp", {V, S, S, N, N}, 3, 0, V, false},
    {"clamp_max", {V, S, N, N, N}, 2, 0, V, false},
    {"clamp_min", {V, S, N, N, N}, 2, 0, V, false},
    {"cos", {V, N, N, N, N}, 1, 0, V, false},
    {"cosh", {V, N, N, N, N}, 1, 0, V, false},
    {"count_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"day_of_month", {V, N, N, N, N}, 1, 1, V, false},
    {"day_of_week", {V, N, N, N, N}, 1, 1, V, false},
    {"day_of_year", {V, N, N, N, N}, 1, 1, V, false},
    {"days_in_month", {V, N, N, N, N}, 1, 1, V, false},
    {"deg", {V, N, N, N, N}, 1, 0, V, false},
    {"delta", {M, N, N, N, N}, 1, 0, V, false},
    {"deriv", {M, N, N, N, N}, 1, 0, V, false},
    {"double_exponential_smoothing", {M, S, S, N, N}, 3, 0, V, true},
    {"end", {N, N, N, N, N}, 0, 0, S, true},
    {"exp", {V, N, N, N, N}, 1, 0, V, false},
    {"first_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"floor", {V, N, N, N, N}, 1, 0, V, false},
    {"histogram_avg", {V, N, N, N, N}, 1, 0, V, false},
    {"histogram_count", {V, N, N, N, N}, 1, 0, V, false},
    {"histogram_fraction", {S, S, V, N, N}, 3, 0, V, false},
    {"histogram_quantile", {S, V, N, N, N}, 2, 0, V, false},
    {"histogram_quantiles", {V, Str, S, S, N}, 4, 9, V, true},
    {"histogram_stddev", {V, N, N, N, N}, 1, 0, V, false},
    {"histogram_stdvar", {V, N, N, N, N}, 1, 0, V, false},
    {"histogram_sum", {V, N, N, N, N}, 1, 0, V, false},
    {"hour", {V, N, N, N, N}, 1, 1, V, false},
    {"idelta", {M, N, N, N, N}, 1, 0, V, false},
    {"increase", {M, N, N, N, N}, 1, 0, V, false},
    {"info", {V, V, N, N, N}, 2, 1, V, true},
    {"irate", {M, N, N, N, N}, 1, 0, V, false},
    {"label_join", {V, Str, Str, Str, N}, 4, -1, V, false},
    {"label_replace", {V, Str, Str, Str, Str}, 5, 0, V, false},
    {"last_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"ln", {V, N, N, N, N}, 1, 0, V, false},
    {"log10", {V, N, N, N, N}, 1, 0, V, false},
    {"log2", {V, N, N, N, N}, 1, 0, V, false},
    {"mad_over_time", {M, N, N, N, N}, 1, 0, V, true},
    {"max_of", {S, S, N, N, N}, 2, 0, S, true},
    {"max_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"min_of", {S, S, N, N, N}, 2, 0, S, true},
    {"min_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"minute", {V, N, N, N, N}, 1, 1, V, false},
    {"month", {V, N, N, N, N}, 1, 1, V, false},
    {"pi", {N, N, N, N, N}, 0, 0, S, false},
    {"predict_linear", {M, S, N, N, N}, 2, 0, V, false},
    {"present_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"quantile_over_time", {S, M, N, N, N}, 2, 0, V, false},
    {"rad", {V, N, N, N, N}, 1, 0, V, false},
    {"range", {N, N, N, N, N}, 0, 0, S, true},
    {"rate", {M, N, N, N, N}, 1, 0, V, false},
    {"resets", {M, N, N, N, N}, 1, 0, V, false},
    {"round", {V, S, N, N, N}, 2, 1, V, false},
    {"scalar", {V, N, N, N, N}, 1, 0, S, false},
    {"sgn", {V, N, N, N, N}, 1, 0, V, false},
    {"sin", {V, N, N, N, N}, 1, 0, V, false},
    {"sinh", {V, N, N, N, N}, 1, 0, V, false},
    {"sort", {V, N, N, N, N}, 1, 0, V, false},
    {"sort_by_label", {V, Str, N, N, N}, 2, -1, V, true},
    {"sort_by_label_desc", {V, Str, N, N, N}, 2, -1, V, true},
    {"sort_desc", {V, N, N, N, N}, 1, 0, V, false},
    {"sqrt", {V, N, N, N, N}, 1, 0, V, false},
    {"start", {N, N, N, N, N}, 0, 0, S, true},
    {"start_timestamp", {V, N, N, N, N}, 1, 0, V, true},
    {"stddev_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"stdvar_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"step", {N, N, N, N, N}, 0, 0, S, true},
    {"sum_over_time", {M, N, N, N, N}, 1, 0, V, false},
    {"tan", {V, N, N, N, N}, 1, 0, V, false},
    {"tanh", {V, N, N, N, N}, 1, 0, V, false},
    {"time", {N, N, N, N, N}, 0, 0, S, false},
    {"timestamp", {V, N, N, N, N}, 1, 0, V, false},
    {"ts_of_first_over_time", {M, N, N, N, N}, 1, 0, V, true},
    {"ts_of_last_over_time", {M, N, N, N, N}, 1, 0, V, true},
    {"ts_of_max_over_time", {M, N, N, N, N}, 1, 0, V, true},
    {"ts_of_min_over_time", {M, N, N, N, N}, 1, 0, V, true},
    {"vector", {S, N, N, N, N}, 1, 0, V, false},
    {"year", {V, N, N, N, N}, 1, 1, V, false},
};

constexpr bool sorted() {
  for (size_t i = 1; i < std::size(kFunctions); ++i) {
    if (!(kFunctions[i - 1].name < kFunctions[i].name)) return false;
  }
  return true;
}
static_assert(sorted(), "kFunctions must be sorted by name");
static_assert(std::size(kFunctions) == 90, "Prometheus 3.14 has 90 functions");

}  // namespace

size_t Function::max_args() const {
  if (variadic == 0) return arg_count;
  if (variadic < 0) return SIZE_MAX;
  return arg_count - 1u + static_cast<size_t>(variadic);
}

const Function* find_function(std::string_view name) {
  const auto* begin = std::begin(kFunctions);
  const auto* end = std::end(kFunctions);
  const auto* it = std::lower_bound(begin, end, name, [](const Function& f, std::string_view n) { return f.name < n; });
  if (it == end || it->name != name) return nullptr;
  return it;
}

std::span<const Function> all_functions() { return kFunctions; }

}  // namespace mlmon::promql
