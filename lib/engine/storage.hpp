// The in-memory series store the engine reads: series (label set) -> samples in time order, with
// stale markers kept apart so that a range window is a plain span of the samples, never a copy.
//
// Not thread-safe: append and select must not run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/float_histogram.hpp"
#include "engine/labels.hpp"
#include "engine/matcher.hpp"
#include "engine/value.hpp"

namespace mlmon::engine {

// A native histogram sample. `hint` is the counter reset hint a query reads back, which Prometheus's
// TSDB derives from its chunks (see Storage::append_histogram), not the hint written.
struct HistogramPoint {
  int64_t t;
  std::shared_ptr<const FloatHistogram> h;
  CounterResetHint hint;
};

struct StoredSeries {
  Labels labels;
  std::vector<Point> points;               // float samples, no stale markers, ascending t
  std::vector<int64_t> stale;              // timestamps of stale markers, ascending
  int64_t last_t = 0;                      // newest timestamp of either kind (valid when !empty())
  uint64_t last_bits = 0;                  // its value's bits
  std::vector<HistogramPoint> histograms;  // native histogram samples, ascending t
  int64_t histogram_chunk_min_t = 0;       // first sample of the current histogram "chunk"
  // Data the engine evaluates only in a top-level instant selector (histogram_select.hpp); any
  // other query that selects such a series fails as unsupported.
  bool native_histograms = false;
  bool start_timestamps = false;

  bool empty() const { return points.empty() && stale.empty() && histograms.empty(); }
  // Samples with lo < t <= hi.
  std::span<const Point> window(int64_t lo, int64_t hi) const;
  // The sample an instant selector sees at `ref` with the given lookback: the newest sample with
  // ref - lookback < t <= ref, unless that is a stale marker.
  const Point* at(int64_t ref, int64_t lookback) const;
};

// Successive range windows (lo, hi] over a sorted run of points. While the bounds do not decrease
// (the steps of a query), each window costs O(1) amortised instead of two binary searches.
class WindowCursor {
 public:
  explicit WindowCursor(std::span<const Point> points) : points_(points) {}
  std::span<const Point> window(int64_t lo, int64_t hi);

 private:
  std::span<const Point> points_;
  size_t first_ = 0;  // first point with t > lo
  size_t end_ = 0;    // first point with t > hi
  int64_t lo_ = 0;
  int64_t hi_ = 0;
  bool started_ = false;
};

// Successive instant lookups (StoredSeries::at) at non-decreasing reference times.
class LookbackCursor {
 public:
  explicit LookbackCursor(const StoredSeries& s) : s_(s) {}
  const Point* at(int64_t ref, int64_t lookback);

 private:
  const StoredSeries& s_;
  size_t points_ = 0;  // points with t <= ref
  size_t stale_ = 0;   // stale markers with t <= ref
  int64_t ref_ = 0;
  bool started_ = false;
};

class Storage {
 public:
  Storage() = default;
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  Storage(Storage&&) = default;
  Storage& operator=(Storage&&) = default;

  // Appends a sample (a stale marker when is_stale_nan(v)). As Prometheus's TSDB: a sample older
  // than the series' newest is rejected ("out of order sample"), one at the same time with other
  // bits too ("duplicate sample for timestamp"); the same sample again is ignored.
  std::optional<std::string> append(const Labels& labels, int64_t t, double v);
  // The same for a series looked up once (series() creates it if needed): faster for bulk loads.
  StoredSeries& series(const Labels& labels) { return get_or_create(labels); }
  static std::optional<std::string> append(StoredSeries& series, int64_t t, double v);
  // Appends a native histogram sample, with the same ordering rules as floats.
  static std::optional<std::string> append_histogram(StoredSeries& series, int64_t t,
                                                     std::shared_ptr<const FloatHistogram> h);
  // Records that the series holds native histogram samples.
  void mark_native_histograms(const Labels& labels);
  void mark_start_timestamps(const Labels& labels);
  void clear();

  // Series matching all matchers, ordered by labels. Series without any sample are left out.
  std::vector<const StoredSeries*> select(std::span<const Matcher> matchers) const;
  // The same including series without any sample (whether a series is empty changes as samples
  // arrive; which series match does not).
  std::vector<const StoredSeries*> select_all(std::span<const Matcher> matchers) const;
  static bool matches(const StoredSeries& s, std::span<const Matcher> matchers);

  size_t series_count() const { return series_.size(); }
  // Unique per store and per clear(): while it stays the same, series keep their addresses and
  // labels, and all() only grows at its end.
  uint64_t epoch() const { return epoch_; }
  size_t sample_count() const;
  // Every series, in insertion order.
  std::span<const std::unique_ptr<StoredSeries>> all() const { return series_; }

 private:
  StoredSeries& get_or_create(const Labels& labels);
  void sort_if_needed() const;

  std::vector<std::unique_ptr<StoredSeries>> series_;
  std::unordered_map<const Labels*, uint32_t, LabelsHash, LabelsEqual> by_labels_;
  // name -> value -> ids (ascending).
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<uint32_t>>> postings_;
  mutable std::vector<uint32_t> order_;  // ids in label order (the first order_.size() series)
  mutable std::vector<uint32_t> rank_;   // id -> position in label order
  mutable bool sorted_ = true;
  uint64_t epoch_ = next_epoch();

  static uint64_t next_epoch();
};

}  // namespace mlmon::engine
