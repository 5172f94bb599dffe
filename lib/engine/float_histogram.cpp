#include "engine/float_histogram.hpp"

#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "promql/go_format.hpp"

namespace mlmon::engine {

namespace {

// Buckets by absolute index, in index order: the spans' gaps resolved.
std::map<int32_t, double> expand(const std::vector<HistogramSpan>& spans, const std::vector<double>& buckets) {
  std::map<int32_t, double> out;
  int32_t idx = 0;
  size_t b = 0;
  for (const HistogramSpan& s : spans) {
    idx += s.offset;
    for (uint32_t j = 0; j < s.length && b < buckets.size(); ++j) out.emplace_hint(out.end(), idx++, buckets[b++]);
  }
  return out;
}

// The spans and buckets of `m`: one span per run of consecutive indexes.
void collapse(const std::map<int32_t, double>& m, std::vector<HistogramSpan>& spans, std::vector<double>& buckets) {
  spans.clear();
  buckets.clear();
  int32_t next = 0;  // index after the last span
  for (const auto& [idx, v] : m) {
    if (spans.empty() || idx != next) {
      spans.push_back({spans.empty() ? idx : idx - next, 0});
    }
    ++spans.back().length;
    buckets.push_back(v);
    next = idx + 1;
  }
}

// targetIdx: the bucket at `idx` of schema `from` falls into this bucket of the coarser `to`.
int32_t target_idx(int32_t idx, int32_t from, int32_t to) { return ((idx - 1) >> (from - to)) + 1; }

std::map<int32_t, double> reduce(const std::map<int32_t, double>& m, int32_t from, int32_t to) {
  if (from <= to) return m;
  std::map<int32_t, double> out;
  for (const auto& [idx, v] : m) out[target_idx(idx, from, to)] += v;
  return out;
}

// adjustCounterReset.
CounterResetHint combined_hint(CounterResetHint h, CounterResetHint other) {
  using enum CounterResetHint;
  if (other == h || h == gauge) return h;
  if (other == gauge) return gauge;
  return unknown;  // unknown on either side, or a reset/not_reset collision
}

std::expected<FloatHistogram, std::string> combine(const FloatHistogram& a, const FloatHistogram& b, double sign) {
  if (a.uses_custom_buckets() != b.uses_custom_buckets()) {
    return std::unexpected(
        "cannot apply this operation on histograms with a mix of exponential and custom bucket schemas");
  }
  if (a.uses_custom_buckets() && a.custom_values != b.custom_values) {
    return std::unexpected("histograms with different custom bucket bounds are not supported by mlmon");
  }
  if (!a.uses_custom_buckets() && a.zero_threshold != b.zero_threshold) {
    return std::unexpected("histograms with different zero bucket widths are not supported by mlmon");
  }
  FloatHistogram h = a;
  h.hint = combined_hint(a.hint, b.hint);
  if (!h.uses_custom_buckets()) h.zero_count += sign * b.zero_count;
  h.count += sign * b.count;
  h.sum += sign * b.sum;
  const int32_t schema = h.uses_custom_buckets() ? h.schema : std::min(a.schema, b.schema);
  auto merge = [&](const std::vector<HistogramSpan>& as, const std::vector<double>& ab,
                   const std::vector<HistogramSpan>& bs, const std::vector<double>& bb,
                   std::vector<HistogramSpan>& out_spans, std::vector<double>& out_buckets) {
    std::map<int32_t, double> m = reduce(expand(as, ab), a.schema, schema);
    for (const auto& [idx, v] : reduce(expand(bs, bb), b.schema, schema)) {
      auto [it, inserted] = m.try_emplace(idx, sign * v);
      if (!inserted) it->second += sign * v;
    }
    collapse(m, out_spans, out_buckets);
  };
  merge(a.positive_spans, a.positive_buckets, b.positive_spans, b.positive_buckets, h.positive_spans,
        h.positive_buckets);
  if (!h.uses_custom_buckets()) {
    merge(a.negative_spans, a.negative_buckets, b.negative_spans, b.negative_buckets, h.negative_spans,
          h.negative_buckets);
  }
  h.schema = schema;
  return h;
}

bool same_bits(double a, double b) { return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b); }

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same_bits(a[i], b[i])) return false;
  }
  return true;
}

// fmt's %g of a float64.
std::string g(double v) { return promql::go::format_float_v(v); }

}  // namespace

bool FloatHistogram::identical(const FloatHistogram& o) const {
  return hint == o.hint && schema == o.schema && same_bits(zero_threshold, o.zero_threshold) &&
         same_bits(zero_count, o.zero_count) && same_bits(count, o.count) && same_bits(sum, o.sum) &&
         positive_spans == o.positive_spans && negative_spans == o.negative_spans &&
         same_bits(positive_buckets, o.positive_buckets) && same_bits(negative_buckets, o.negative_buckets) &&
         same_bits(custom_values, o.custom_values);
}

std::string FloatHistogram::test_expression() const {
  std::vector<std::string> res;
  if (schema != 0) res.push_back("schema:" + std::to_string(schema));
  if (count != 0) res.push_back("count:" + g(count));
  if (sum != 0) res.push_back("sum:" + g(sum));
  if (zero_count != 0) res.push_back("z_bucket:" + g(zero_count));
  if (zero_threshold != 0) res.push_back("z_bucket_w:" + g(zero_threshold));
  if (uses_custom_buckets()) {
    std::string cv = "custom_values:[";
    for (size_t i = 0; i < custom_values.size(); ++i) cv += (i ? " " : "") + g(custom_values[i]);
    res.push_back(cv + "]");
  }
  switch (hint) {
    case CounterResetHint::unknown: break;
    case CounterResetHint::reset: res.push_back("counter_reset_hint:reset"); break;
    case CounterResetHint::not_reset: res.push_back("counter_reset_hint:not_reset"); break;
    case CounterResetHint::gauge: res.push_back("counter_reset_hint:gauge"); break;
  }
  // Compact(math.MaxInt): empty (zero) buckets at either end dropped, all others in one span.
  auto add_buckets = [&](const char* buckets_key, const char* offset_key, const std::vector<HistogramSpan>& spans,
                         const std::vector<double>& buckets) {
    const std::map<int32_t, double> m = expand(spans, buckets);
    auto first = m.begin();
    while (first != m.end() && first->second == 0) ++first;
    if (first == m.end()) return;
    auto last = std::prev(m.end());
    while (last->second == 0) --last;
    if (first->first != 0) res.push_back(std::string(offset_key) + ":" + std::to_string(first->first));
    std::string s = std::string(buckets_key) + ":[";
    for (int32_t idx = first->first; idx <= last->first; ++idx) {
      auto it = m.find(idx);
      s += (idx == first->first ? "" : " ") + g(it == m.end() ? 0.0 : it->second);
    }
    res.push_back(s + "]");
  };
  add_buckets("buckets", "offset", positive_spans, positive_buckets);
  add_buckets("n_buckets", "n_offset", negative_spans, negative_buckets);
  std::string out = "{{";
  for (size_t i = 0; i < res.size(); ++i) out += (i ? " " : "") + res[i];
  return out + "}}";
}

namespace {

std::string fixed6(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[400];
  std::snprintf(buf, sizeof buf, "%f", v);
  return buf;
}

constexpr const char* kNegativeBucket = "histogram has a bucket whose observation count is negative";
constexpr const char* kSpansMismatch = "histogram spans specify different number of buckets than provided";
constexpr const char* kNegativeOffset = "histogram has a span whose offset is negative";

// checkHistogramSpans.
std::optional<std::string> check_spans(const std::vector<HistogramSpan>& spans, size_t buckets) {
  size_t need = 0;
  for (size_t n = 0; n < spans.size(); ++n) {
    if (n > 0 && spans[n].offset < 0) {
      return "span number " + std::to_string(n + 1) + " with offset " + std::to_string(spans[n].offset) + ": " +
             kNegativeOffset;
    }
    need += spans[n].length;
  }
  if (need != buckets) {
    return "spans need " + std::to_string(need) + " buckets, have " + std::to_string(buckets) +
           " buckets: " + kSpansMismatch;
  }
  return std::nullopt;
}

// checkHistogramBuckets for absolute counts.
std::optional<std::string> check_buckets(const std::vector<double>& buckets) {
  for (size_t i = 0; i < buckets.size(); ++i) {
    if (buckets[i] < 0) {
      return "bucket number " + std::to_string(i + 1) + " has observation count of " + g(buckets[i]) + ": " +
             kNegativeBucket;
    }
  }
  return std::nullopt;
}

// checkHistogramCustomBounds.
std::optional<std::string> check_custom_bounds(const std::vector<double>& bounds,
                                               const std::vector<HistogramSpan>& spans, size_t buckets) {
  double prev = -std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (std::isnan(bounds[i])) return "histogram custom bounds must not be NaN";
    if (i > 0 && bounds[i] <= prev) {
      return "previous bound is " + fixed6(prev) + " and current is " + fixed6(bounds[i]) +
             ": histogram custom bounds must be in strictly increasing order";
    }
    prev = bounds[i];
  }
  if (prev == std::numeric_limits<double>::infinity()) {
    return "last +Inf bound must not be explicitly defined: histogram custom bounds must be finite";
  }
  size_t need = 0;
  int64_t total = 0;
  for (size_t n = 0; n < spans.size(); ++n) {
    if (spans[n].offset < 0) {
      return "span number " + std::to_string(n + 1) + " with offset " + std::to_string(spans[n].offset) + ": " +
             kNegativeOffset;
    }
    need += spans[n].length;
    total += static_cast<int64_t>(spans[n].length) + spans[n].offset;
  }
  if (need != buckets) {
    return "spans need " + std::to_string(need) + " buckets, have " + std::to_string(buckets) +
           " buckets: " + kSpansMismatch;
  }
  if (static_cast<int64_t>(bounds.size()) + 1 < total) {
    return "only " + std::to_string(bounds.size()) +
           " custom bounds defined which is insufficient to cover total span length of " + std::to_string(total) +
           ": histogram custom bounds are too few";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FloatHistogram::validate() const {
  if (uses_custom_buckets()) {
    if (auto e = check_custom_bounds(custom_values, positive_spans, positive_buckets.size()))
      return "custom buckets: " + *e;
    if (zero_count != 0) return "custom buckets: must have zero count of 0";
    if (zero_threshold != 0) return "custom buckets: must have zero threshold of 0";
    if (!negative_spans.empty()) return "custom buckets: must not have negative spans";
    if (!negative_buckets.empty()) return "custom buckets: must not have negative buckets";
  } else if (schema >= -4 && schema <= 8) {
    if (auto e = check_spans(positive_spans, positive_buckets.size())) return "positive side: " + *e;
    if (auto e = check_spans(negative_spans, negative_buckets.size())) return "negative side: " + *e;
    if (auto e = check_buckets(negative_buckets)) return "negative side: " + *e;
    if (zero_count < 0) return "zero bucket has observation count of " + g(zero_count) + ": " + kNegativeBucket;
    if (!custom_values.empty()) return "histogram with exponential schema must not have custom bounds";
  } else {
    return "histogram has an invalid schema, which must be between -4 and 8 for exponential buckets, or -53 for custom "
           "buckets, got schema " +
           std::to_string(schema);
  }
  if (count < 0) return "observation count is  " + g(count) + ": histogram's observation count is negative";
  if (auto e = check_buckets(positive_buckets)) return "positive side: " + *e;
  return std::nullopt;
}

std::expected<FloatHistogram, std::string> add(const FloatHistogram& a, const FloatHistogram& b) {
  return combine(a, b, 1);
}
std::expected<FloatHistogram, std::string> sub(const FloatHistogram& a, const FloatHistogram& b) {
  return combine(a, b, -1);
}

bool starts_new_counter_chunk(const FloatHistogram& prev, const FloatHistogram& next) {
  if (next.schema != prev.schema || !same_bits(next.zero_threshold, prev.zero_threshold) ||
      !same_bits(next.custom_values, prev.custom_values)) {
    return true;
  }
  if (next.count < prev.count || next.zero_count < prev.zero_count) return true;
  auto went_down = [](const std::map<int32_t, double>& p, const std::map<int32_t, double>& n) {
    for (const auto& [idx, v] : p) {
      auto it = n.find(idx);
      // A bucket that decreased, or disappeared while it held observations (an empty one may go).
      if (it == n.end() ? v > 0 : it->second < v) return true;
    }
    return false;
  };
  return went_down(expand(prev.positive_spans, prev.positive_buckets),
                   expand(next.positive_spans, next.positive_buckets)) ||
         went_down(expand(prev.negative_spans, prev.negative_buckets),
                   expand(next.negative_spans, next.negative_buckets));
}

}  // namespace mlmon::engine
