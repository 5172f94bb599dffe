// The series notation of Prometheus's test files and promtool's rule unit tests
// (ParseSeriesDesc): `metric{label="value"} 1 2+3x4 _ _x2 stale -1-1x2 Inf`.
//
//   a       one value               axN      N+1 copies of a
//   a+bxN   N+1 values a, a+b, ...  a-bxN    the same, subtracting (by repeated addition, as Go)
//   _       an empty slot           _xN      N empty slots
//   stale   a stale marker          {{...}}  a native histogram (histogram_notation.hpp)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.hpp"
#include "engine/float_histogram.hpp"
#include "engine/labels.hpp"

namespace mlmon::engine {

struct SequenceValue {
  double value = 0;
  bool omitted = false;
  bool histogram = false;  // a native histogram: histograms[index] of the description
  uint32_t index = 0;      // (fits the padding: SequenceValue stays 16 bytes)
};

struct SeriesDescription {
  Labels labels;
  std::vector<SequenceValue> values;
  std::vector<FloatHistogram> histograms;  // the distinct histogram values, by SequenceValue::index
};

// Expansion stops with an error beyond this many values on one line (a typo like 1x1e9 would
// otherwise exhaust memory).
inline constexpr size_t kMaxSeriesValues = 10'000'000;

// The pieces of the notation both its parsers use: this one (promqltest's `load`, with mlmon's
// messages) and ruletest/series_desc (promtool's, state by state with Prometheus's messages).

// Lexer.scanNumber in series mode from s[i]: [.]digits with Go's '.', '_' and exponent rules, no
// hexadecimal, and only an 'x' (a repetition) may follow. On false `i` is where the number went
// bad; `repeated` tells a second '.' or exponent, which `i` is at and Prometheus's lexer takes
// into its error token.
struct NumberScan {
  bool ok = false;
  bool repeated = false;
};
NumberScan scan_series_number(std::string_view s, size_t& i);

// Appending expanded items; false (nothing appended) when the series would then hold more than
// kMaxSeriesValues values.
// `v` `copies` times: a value, `_`, `_xN`.
bool append_copies(std::vector<SequenceValue>& out, SequenceValue v, uint64_t copies);
// `axN`: N+1 copies of v.
bool append_repeated(std::vector<SequenceValue>& out, SequenceValue v, uint64_t n);
// `a+bxN`, `a-bxN`: N+1 values from `first`, each `step` more than the last by repeated addition,
// as Prometheus computes them (not first + k*step).
bool append_sequence(std::vector<SequenceValue>& out, double first, double step, uint64_t n);

// Values only: "1+2x10 _ stale".
// With `histograms`, the histogram values are collected there (else only checked).
Expected<std::vector<SequenceValue>> parse_series_values(std::string_view text,
                                                         std::vector<FloatHistogram>* histograms = nullptr);

// A metric (`name`, `name{...}` or `{...}`) followed by values.
Expected<SeriesDescription> parse_series_description(std::string_view text);

// Just the metric part, for promtool's `series:` field: `name{label="value"}`.
Expected<Labels> parse_series_labels(std::string_view text);

}  // namespace mlmon::engine
