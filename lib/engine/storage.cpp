#include "engine/storage.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>

namespace mlmon::engine {

std::span<const Point> StoredSeries::window(int64_t lo, int64_t hi) const {
  if (lo >= hi) return {};
  auto by_t = [](const Point& p, int64_t t) { return p.t <= t; };
  const auto first = std::lower_bound(points.begin(), points.end(), lo, by_t);
  const auto last = std::lower_bound(first, points.end(), hi, by_t);
  return {first, last};
}

const Point* StoredSeries::at(int64_t ref, int64_t lookback) const {
  // Newest float sample at or before ref.
  auto it = std::upper_bound(points.begin(), points.end(), ref, [](int64_t t, const Point& p) { return t < p.t; });
  const Point* p = it == points.begin() ? nullptr : &*(it - 1);
  if (!stale.empty()) {
    auto s = std::upper_bound(stale.begin(), stale.end(), ref);
    if (s != stale.begin() && (!p || *(s - 1) > p->t)) return nullptr;  // the newest sample is a stale marker
  }
  if (!p || p->t <= static_cast<int64_t>(static_cast<uint64_t>(ref) - static_cast<uint64_t>(lookback))) return nullptr;
  return p;
}

namespace {

// The first index at or after `from` whose point has t > bound: a short linear scan, then a
// binary search for long jumps.
size_t seek_after(std::span<const Point> p, size_t from, int64_t bound) {
  size_t i = from;
  for (int k = 0; k < 8; ++k) {
    if (i >= p.size() || p[i].t > bound) return i;
    ++i;
  }
  return static_cast<size_t>(std::upper_bound(p.begin() + static_cast<ptrdiff_t>(i), p.end(), bound,
                                              [](int64_t t, const Point& x) { return t < x.t; }) -
                             p.begin());
}

size_t seek_after(std::span<const int64_t> p, size_t from, int64_t bound) {
  size_t i = from;
  for (int k = 0; k < 8; ++k) {
    if (i >= p.size() || p[i] > bound) return i;
    ++i;
  }
  return static_cast<size_t>(std::upper_bound(p.begin() + static_cast<ptrdiff_t>(i), p.end(), bound) - p.begin());
}

}  // namespace

std::span<const Point> WindowCursor::window(int64_t lo, int64_t hi) {
  if (lo >= hi) return {};
  if (!started_ || lo < lo_ || hi < hi_) {
    first_ = seek_after(points_, 0, lo);
    end_ = std::max(first_, seek_after(points_, 0, hi));
    started_ = true;
  } else {
    first_ = seek_after(points_, first_, lo);
    end_ = seek_after(points_, std::max(first_, end_), hi);
  }
  lo_ = lo;
  hi_ = hi;
  return points_.subspan(first_, end_ - first_);
}

const Point* LookbackCursor::at(int64_t ref, int64_t lookback) {
  if (!started_ || ref < ref_) {
    points_ = 0;
    stale_ = 0;
    started_ = true;
  }
  ref_ = ref;
  points_ = seek_after(std::span<const Point>(s_.points), points_, ref);
  const Point* p = points_ == 0 ? nullptr : &s_.points[points_ - 1];
  if (!s_.stale.empty()) {
    stale_ = seek_after(std::span<const int64_t>(s_.stale), stale_, ref);
    if (stale_ > 0 && (!p || s_.stale[stale_ - 1] > p->t)) return nullptr;
  }
  if (!p || p->t <= static_cast<int64_t>(static_cast<uint64_t>(ref) - static_cast<uint64_t>(lookback))) return nullptr;
  return p;
}

uint64_t Storage::next_epoch() {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

StoredSeries& Storage::get_or_create(const Labels& labels) {
  if (auto it = by_labels_.find(&labels); it != by_labels_.end()) return *series_[it->second];
  const auto id = static_cast<uint32_t>(series_.size());
  series_.push_back(std::make_unique<StoredSeries>());
  StoredSeries& s = *series_.back();
  s.labels = labels;
  by_labels_.emplace(&s.labels, id);
  for (const Label& l : s.labels.items()) postings_[l.name][l.value].push_back(id);
  sorted_ = false;
  return s;
}

std::optional<std::string> Storage::append(const Labels& labels, int64_t t, double v) {
  return append(get_or_create(labels), t, v);
}

std::optional<std::string> Storage::append(StoredSeries& s, int64_t t, double v) {
  const uint64_t bits = std::bit_cast<uint64_t>(v);
  if (!s.empty()) {
    if (t < s.last_t) return "out of order sample";
    if (t == s.last_t) {
      if (bits == s.last_bits) return std::nullopt;
      return "duplicate sample for timestamp";
    }
  }
  if (is_stale_nan(v)) {
    s.stale.push_back(t);
  } else {
    s.points.push_back({t, v});
  }
  s.last_t = t;
  s.last_bits = bits;
  return std::nullopt;
}

namespace {
// Bits no float sample is written with: marks a histogram as the series' newest sample, so that a
// float at the same time is never taken for a repeat of it.
constexpr uint64_t kHistogramBits = 0x7ff0000000000003ULL;
// The head block's chunk range (DefaultBlockDuration): a chunk never spans one of its boundaries.
constexpr int64_t kChunkRangeMs = 2 * 60 * 60 * 1000;
int64_t range_end(int64_t t) { return (t / kChunkRangeMs) * kChunkRangeMs + kChunkRangeMs; }  // rangeForTimestamp
}  // namespace

std::optional<std::string> Storage::append_histogram(StoredSeries& s, int64_t t,
                                                     std::shared_ptr<const FloatHistogram> h) {
  if (auto invalid = h->validate()) return invalid;  // the head appender validates first
  const bool prev_histogram = !s.empty() && s.last_bits == kHistogramBits;
  if (!s.empty()) {
    if (t < s.last_t) return "out of order sample";
    if (t == s.last_t) {
      if (prev_histogram && s.histograms.back().h->identical(*h)) return std::nullopt;
      return "duplicate sample for timestamp";
    }
  }
  // The hint a query reads back is the TSDB chunk's (chunkenc counterResetHint): gauge in a gauge
  // chunk, unknown for the first sample of a counter chunk, not_reset for the others. A new chunk
  // starts after a float or stale sample, at an explicit reset, on a change between gauge and
  // counter, at a detected counter reset or layout change, and at a chunk range boundary.
  // (Prometheus also cuts chunks by encoded size, which this store does not model.)
  const bool gauge = h->hint == CounterResetHint::gauge;
  bool new_chunk = !prev_histogram || h->hint == CounterResetHint::reset || t >= range_end(s.histogram_chunk_min_t);
  if (!new_chunk) {
    const FloatHistogram& prev = *s.histograms.back().h;
    const bool prev_gauge = prev.hint == CounterResetHint::gauge;
    new_chunk = prev_gauge != gauge || (!gauge && starts_new_counter_chunk(prev, *h));
  }
  if (new_chunk) s.histogram_chunk_min_t = t;
  const CounterResetHint read = gauge       ? CounterResetHint::gauge
                                : new_chunk ? CounterResetHint::unknown
                                            : CounterResetHint::not_reset;
  s.histograms.push_back({t, std::move(h), read});
  s.native_histograms = true;
  s.last_t = t;
  s.last_bits = kHistogramBits;
  return std::nullopt;
}

void Storage::mark_native_histograms(const Labels& labels) { get_or_create(labels).native_histograms = true; }

void Storage::mark_start_timestamps(const Labels& labels) { get_or_create(labels).start_timestamps = true; }

void Storage::clear() {
  series_.clear();
  by_labels_.clear();
  postings_.clear();
  rank_.clear();
  order_.clear();
  sorted_ = true;
  epoch_ = next_epoch();
}

size_t Storage::sample_count() const {
  size_t n = 0;
  for (const auto& s : series_) n += s->points.size() + s->stale.size() + s->histograms.size();
  return n;
}

void Storage::sort_if_needed() const {
  if (sorted_) return;
  // Series are only ever added (clear() empties order_ too): place the new ones into the existing
  // order instead of sorting every series again. Rule evaluation adds a few series at a time
  // (ALERTS of a new alert) between selections, so this keeps a selection after it cheap.
  auto less = [&](uint32_t a, uint32_t b) { return compare(series_[a]->labels, series_[b]->labels) < 0; };
  const auto old_size = static_cast<uint32_t>(order_.size());
  const auto new_size = static_cast<uint32_t>(series_.size());
  if (new_size - old_size <= 8) {
    for (uint32_t id = old_size; id < new_size; ++id)
      order_.insert(std::upper_bound(order_.begin(), order_.end(), id, less), id);
  } else {
    order_.resize(new_size);
    std::iota(order_.begin() + old_size, order_.end(), old_size);
    std::sort(order_.begin() + old_size, order_.end(), less);
    std::inplace_merge(order_.begin(), order_.begin() + old_size, order_.end(), less);
  }
  rank_.assign(series_.size(), 0);
  for (uint32_t i = 0; i < order_.size(); ++i) rank_[order_[i]] = i;
  sorted_ = true;
}

std::vector<const StoredSeries*> Storage::select(std::span<const Matcher> matchers) const {
  std::vector<const StoredSeries*> out = select_all(matchers);
  std::erase_if(out, [](const StoredSeries* s) { return s->empty() && !s->native_histograms; });
  return out;
}

bool Storage::matches(const StoredSeries& s, std::span<const Matcher> matchers) {
  for (const Matcher& m : matchers) {
    if (!m.matches(s.labels.get(m.name()))) return false;
  }
  return true;
}

std::vector<const StoredSeries*> Storage::select_all(std::span<const Matcher> matchers) const {
  // Start from the shortest postings list of an equality matcher that needs the label.
  const std::vector<uint32_t>* candidates = nullptr;
  bool none = false;
  for (const Matcher& m : matchers) {
    if (m.op() != promql::MatchOp::equal || m.value().empty()) continue;
    auto name = postings_.find(m.name());
    const std::vector<uint32_t>* list = nullptr;
    if (name != postings_.end()) {
      auto value = name->second.find(m.value());
      if (value != name->second.end()) list = &value->second;
    }
    if (!list) {
      none = true;
      break;
    }
    if (!candidates || list->size() < candidates->size()) candidates = list;
  }
  std::vector<uint32_t> ids;
  if (none) return {};
  auto consider = [&](uint32_t id) {
    if (matches(*series_[id], matchers)) ids.push_back(id);
  };
  if (candidates) {
    for (uint32_t id : *candidates) consider(id);
  } else {
    for (uint32_t id = 0; id < series_.size(); ++id) consider(id);
  }
  sort_if_needed();
  std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return rank_[a] < rank_[b]; });
  std::vector<const StoredSeries*> out;
  out.reserve(ids.size());
  for (uint32_t id : ids) out.push_back(series_[id].get());
  return out;
}

}  // namespace mlmon::engine
