// Parser feature switches, named like Prometheus's --enable-feature flags.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace mlmon::promql {

struct Features {
  bool experimental_functions = false;  // promql-experimental-functions (also limitk, limit_ratio)
  // Arithmetic inside durations (`[1m * 2]`, `offset -(1h)`, `[step()]`): on by default since
  // Prometheus v3.14, where the promql-duration-expr flag is accepted and does nothing.
  bool duration_expr = true;
  bool extended_range_selectors = false;  // promql-extended-range-selectors: anchored, smoothed
  bool binop_fill_modifiers = false;      // promql-binop-fill-modifiers: fill, fill_left, fill_right

  static Features all();

  // Parses values of --enable-feature (each may be a comma-separated list). Flags that exist in
  // Prometheus but do not affect parsing (e.g. "utf8-names", "promql-at-modifier") are accepted
  // and ignored. On an unknown flag returns nullopt and stores its name in *unknown.
  static std::optional<Features> from_flags(std::span<const std::string> flags, std::string* unknown);

  bool operator==(const Features&) const = default;
};

}  // namespace mlmon::promql
