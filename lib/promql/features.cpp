#include "promql/features.hpp"

#include <string_view>

namespace mlmon::promql {

Features Features::all() {
  Features f;
  f.experimental_functions = true;
  f.duration_expr = true;
  f.extended_range_selectors = true;
  f.binop_fill_modifiers = true;
  return f;
}

namespace {

// Prometheus feature flags that are valid but change nothing in the parser.
constexpr std::string_view kNonParserFlags[] = {
    "promql-at-modifier",
    "promql-negative-offset",
    "utf8-names",
    "promql-delayed-name-removal",
    "type-and-unit-labels",
    "use-start-timestamps",
    "promql-per-step-stats",
    "auto-gomemlimit",
    "auto-gomaxprocs",
    "auto-reload-config",
    "concurrent-rule-eval",
    "created-timestamp-zero-ingestion",
    "delayed-compaction",
    "exemplar-storage",
    "expand-external-labels",
    "extra-scrape-metrics",
    "memory-snapshot-on-shutdown",
    "metadata-wal-records",
    "native-histograms",
    "new-service-discovery-manager",
    "no-default-scrape-port",
    "old-ui",
    "otlp-deltatocumulative",
    "otlp-write-receiver",
    "remote-write-receiver",
    "agent",
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Features> Features::from_flags(std::span<const std::string> flags, std::string* unknown) {
  Features f;
  for (const std::string& value : flags) {
    std::string_view rest = value;
    while (true) {
      const size_t comma = rest.find(',');
      const std::string_view name = trim(rest.substr(0, comma));
      if (name == "promql-experimental-functions") {
        f.experimental_functions = true;
      } else if (name == "promql-duration-expr") {
        f.duration_expr = true;
      } else if (name == "promql-extended-range-selectors") {
        f.extended_range_selectors = true;
      } else if (name == "promql-binop-fill-modifiers") {
        f.binop_fill_modifiers = true;
      } else if (!name.empty()) {
        bool known = false;
        for (std::string_view other : kNonParserFlags) known = known || other == name;
        if (!known) {
          if (unknown) *unknown = std::string(name);
          return std::nullopt;
        }
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return f;
}

}  // namespace mlmon::promql
