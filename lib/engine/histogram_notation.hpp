// The native histogram values of the series notation (promql/parser lex.go lexHistogram and the
// histogram_series_value rules of generated_parser.y), shared by both series parsers:
//
//   {{schema:1 sum:-0.3 count:32.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:-3
//     n_buckets:[4.1 5] n_offset:-5 custom_values:[1 2] counter_reset_hint:gauge}}
//   {{...}}xN               N+1 copies
//   {{a}}+{{b}}xN           a, a+b, a+b+b, ... (FloatHistogram.Add, repeated)
//   {{a}}-{{b}}xN           the same with Sub
//
// Messages are Prometheus's where its lexer or builder words them ("bad histogram descriptor
// found: \"foo\"", "duplicate key \"sum\" in histogram", "error combining histograms: ...");
// grammar errors are worded in the parser's style without its exact token lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "engine/float_histogram.hpp"

namespace mlmon::engine {

struct HistogramNotationError {
  std::size_t offset = 0;  // in the text given to the parser
  std::string message;
};

// One `{{...}}` at text[pos]; pos ends just past its `}}`.
std::expected<FloatHistogram, HistogramNotationError> parse_histogram_desc(std::string_view text, std::size_t& pos);

// The +/- forms make a distinct histogram per value (a hundred bytes or more each, against a
// float's 16), so their expansion stops sooner than a float series'.
inline constexpr std::size_t kMaxExpandedHistograms = 1'000'000;

// A histogram item: `values` repeated `repeat` times each (xN gives one value and N+1 repeats; the
// +/- forms give their expansion). pos ends just past the item. Expansion beyond `max_values`
// (kMaxExpandedHistograms for +/-) stops with `too_many` set instead (the callers word that limit).
struct HistogramItem {
  std::vector<FloatHistogram> values;
  uint64_t repeat = 1;
  bool too_many = false;
};
std::expected<HistogramItem, HistogramNotationError> parse_histogram_item(std::string_view text, std::size_t& pos,
                                                                          std::size_t max_values);

}  // namespace mlmon::engine
