// Prometheus's FloatHistogram (model/histogram/float_histogram.go), as far as mlmon needs it: the
// values of the `{{...}}` series notation, their sum and difference (the `{{a}}+{{b}}xN` expansion),
// and TestExpression(), the text promtool compares and prints for `histogram:` expectations.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace mlmon::engine {

enum class CounterResetHint : uint8_t { unknown, reset, not_reset, gauge };

struct HistogramSpan {
  int32_t offset = 0;  // gap to the previous span (or the start index of the first)
  uint32_t length = 0;
  bool operator==(const HistogramSpan&) const = default;
};

// Schema of native histograms with custom bucket boundaries (NHCB).
inline constexpr int32_t kCustomBucketsSchema = -53;

struct FloatHistogram {
  CounterResetHint hint = CounterResetHint::unknown;
  int32_t schema = 0;
  double zero_threshold = 0;
  double zero_count = 0;
  double count = 0;
  double sum = 0;
  std::vector<HistogramSpan> positive_spans;
  std::vector<HistogramSpan> negative_spans;
  std::vector<double> positive_buckets;  // absolute counts, as in FloatHistogram
  std::vector<double> negative_buckets;
  std::vector<double> custom_values;

  bool uses_custom_buckets() const { return schema == kCustomBucketsSchema; }
  // Same fields and bits (Go's reflect-free equality used for duplicate-sample checks; NaN sums
  // compare by bits).
  bool identical(const FloatHistogram& o) const;
  // FloatHistogram.Validate(), which the TSDB runs on every appended histogram: nullopt when
  // valid, else Go's error text ("positive side: bucket number 1 has observation count of -1: ...").
  std::optional<std::string> validate() const;
  // TestExpression(): `{{schema:1 count:32.1 ... buckets:[5.1 10 7]}}`, spans compacted to one.
  std::string test_expression() const;
};

// a.Add(b) and a.Sub(b) for histograms of exponential schemas (the higher-resolution side is
// reduced to the lower schema) or equal custom bounds. Errors as Go's for a mix of schemas;
// differing zero thresholds and differing custom bounds, which Prometheus reconciles, are refused.
std::expected<FloatHistogram, std::string> add(const FloatHistogram& a, const FloatHistogram& b);
std::expected<FloatHistogram, std::string> sub(const FloatHistogram& a, const FloatHistogram& b);

// Whether appending `next` after `prev` in one TSDB chunk is impossible or a counter reset
// (chunkenc's FloatHistogramAppender.appendable for counter histograms, simplified to bucket
// values): a different schema, zero threshold or custom bounds, or any count that went down.
bool starts_new_counter_chunk(const FloatHistogram& prev, const FloatHistogram& next);

}  // namespace mlmon::engine
