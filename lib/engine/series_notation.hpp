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

// Values only: "1+2x10 _ stale".
// With `histograms`, the histogram values are collected there (else only checked).
Expected<std::vector<SequenceValue>> parse_series_values(std::string_view text,
                                                         std::vector<FloatHistogram>* histograms = nullptr);

// A metric (`name`, `name{...}` or `{...}`) followed by values.
Expected<SeriesDescription> parse_series_description(std::string_view text);

// Just the metric part, for promtool's `series:` field: `name{label="value"}`.
Expected<Labels> parse_series_labels(std::string_view text);

}  // namespace mlmon::engine
