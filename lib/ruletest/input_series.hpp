// A test group's input_series as promtool loads them: promtool writes them into a promqltest
// `load <interval>` script and parses that (promqltest.LazyLoader), so the same quirks hold: a
// series line that is empty or starts with `#` ends the list, a later line for the same series
// replaces an earlier one, and parse errors are positioned in the script ("2:48: ...", the first
// series being line 2). mlmon also maps each error back to the test file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/position.hpp"
#include "engine/float_histogram.hpp"
#include "engine/labels.hpp"
#include "engine/value.hpp"
#include "ruletest/test_file.hpp"

namespace mlmon::ruletest {

struct LoadedSeries {
  engine::Labels labels;
  std::vector<engine::Point> samples;  // in time order; stale markers as StaleNaN
  struct Histogram {
    int64_t t;
    std::shared_ptr<const engine::FloatHistogram> h;
  };
  std::vector<Histogram> histograms;  // native histogram samples, in time order
  bool native_histograms = false;
  const InputSeries* source = nullptr;
};

struct SeriesLoadError {
  std::string promtool_text;            // "2:48: parse error: unexpected character inside braces: '0'"
  std::string message;                  // the parser's message alone
  const InputSeries* source = nullptr;  // the series it is about (nullptr: the script itself)
  std::size_t offset = 0;               // byte offset in `series + " " + values`
};

struct SeriesLoad {
  std::vector<LoadedSeries> series;
  std::optional<SeriesLoadError> error;
};

// Values of all input series of a test group together, beyond which mlmon refuses the group (each
// takes 16 bytes; promtool would try and run out of memory).
inline constexpr std::size_t kMaxGroupValues = 20'000'000;

// Samples start at `start_ms` and follow every `interval_ms`.
SeriesLoad load_input_series(const std::vector<InputSeries>& input, int64_t interval_ms, int64_t start_ms,
                             std::size_t max_values = kMaxGroupValues);

// Where an error lies in the test file: inside the `series:` or `values:` scalar.
Position error_position(const SourceFile& file, const SeriesLoadError& error);

}  // namespace mlmon::ruletest
