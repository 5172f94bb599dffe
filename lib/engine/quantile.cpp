#include "engine/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/go_math.hpp"
#include "engine/value.hpp"

namespace mlmon::engine {

namespace {

// Buckets with equal upper bounds are merged by adding their counts (coalesceBuckets).
void coalesce(std::vector<Bucket>& buckets) {
  size_t i = 0;
  Bucket last = buckets[0];
  for (size_t k = 1; k < buckets.size(); ++k) {
    if (buckets[k].upper_bound == last.upper_bound) {
      last.count += buckets[k].count;
    } else {
      buckets[i++] = last;
      last = buckets[k];
    }
  }
  buckets[i++] = last;
  buckets.resize(i);
}

void sort_by_bound(std::vector<Bucket>& buckets) {
  // slices.SortFunc with a comparison that treats NaN bounds as equal to everything; a stable
  // sort keeps the result deterministic.
  std::stable_sort(buckets.begin(), buckets.end(),
                   [](const Bucket& a, const Bucket& b) { return a.upper_bound < b.upper_bound; });
}

constexpr double kSmallDeltaTolerance = 1e-12;

}  // namespace

bool almost_equal(double a, double b, double epsilon) {
  if (is_stale_nan(a) || is_stale_nan(b)) return is_stale_nan(a) && is_stale_nan(b);
  if (std::isnan(a) && std::isnan(b)) return true;
  if (a == b) return true;
  constexpr double kMinNormal = 2.2250738585072014e-308;
  const double abs_sum = std::fabs(a) + std::fabs(b);
  const double diff = std::fabs(a - b);
  if (a == 0 || b == 0 || abs_sum < kMinNormal) return diff < epsilon * kMinNormal;
  return diff / std::min(abs_sum, std::numeric_limits<double>::max()) < epsilon;
}

double quantile(double phi, std::vector<double>& values) {
  if (values.empty() || std::isnan(phi)) return go_nan();
  if (phi < 0) return go_inf(-1);
  if (phi > 1) return go_inf(1);
  std::sort(values.begin(), values.end(),
            [](double a, double b) { return (std::isnan(a) && !std::isnan(b)) || a < b; });
  const auto n = static_cast<double>(values.size());
  const double rank = phi * (n - 1);
  const double lower = std::max(0.0, std::floor(rank));
  const double upper = std::min(n - 1, lower + 1);
  const double weight = rank - std::floor(rank);
  return values[static_cast<size_t>(lower)] * (1 - weight) + values[static_cast<size_t>(upper)] * weight;
}

BucketQuantileResult bucket_quantile(double q, std::vector<Bucket>& buckets) {
  if (std::isnan(q)) return {go_nan(), false};
  if (q < 0) return {go_inf(-1), false};
  if (q > 1) return {go_inf(1), false};
  sort_by_bound(buckets);
  if (!std::isinf(buckets.back().upper_bound) || buckets.back().upper_bound < 0) return {go_nan(), false};
  coalesce(buckets);

  // ensureMonotonicAndIgnoreSmallDeltas.
  bool forced = false;
  double prev = buckets[0].count;
  for (size_t i = 1; i < buckets.size(); ++i) {
    const double curr = buckets[i].count;
    if (curr == prev) continue;
    if (almost_equal(prev, curr, kSmallDeltaTolerance)) {
      buckets[i].count = prev;
      continue;
    }
    if (curr < prev) {
      buckets[i].count = prev;
      forced = true;
      continue;
    }
    prev = curr;
  }

  if (buckets.size() < 2) return {go_nan(), forced};
  const double observations = buckets.back().count;
  if (observations == 0) return {go_nan(), forced};
  double rank = q * observations;
  // sort.Search over all but the last bucket: the first with count >= rank.
  size_t b = 0;
  {
    size_t lo = 0;
    size_t hi = buckets.size() - 1;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (!(buckets[mid].count >= rank)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    b = lo;
  }
  if (b == buckets.size() - 1) return {buckets[buckets.size() - 2].upper_bound, forced};
  if (b == 0 && buckets[0].upper_bound <= 0) return {buckets[0].upper_bound, forced};
  double bucket_start = 0;
  const double bucket_end = buckets[b].upper_bound;
  double count = buckets[b].count;
  if (b > 0) {
    bucket_start = buckets[b - 1].upper_bound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return {bucket_start + (bucket_end - bucket_start) * (rank / count), forced};
}

double bucket_fraction(double lower, double upper, std::vector<Bucket>& buckets) {
  sort_by_bound(buckets);
  if (!std::isinf(buckets.back().upper_bound) || buckets.back().upper_bound < 0) return go_nan();
  coalesce(buckets);
  const double count = buckets.back().count;
  if (count == 0 || std::isnan(lower) || std::isnan(upper)) return go_nan();
  if (lower >= upper) return 0;
  double rank = 0;
  double lower_rank = 0;
  double upper_rank = 0;
  bool lower_set = false;
  bool upper_set = false;
  double lower_bound = buckets[0].upper_bound <= 0 ? go_inf(-1) : 0.0;
  for (size_t i = 0; i < buckets.size(); ++i) {
    const Bucket& b = buckets[i];
    if (i > 0) lower_bound = buckets[i - 1].upper_bound;
    const double upper_bound = b.upper_bound;
    auto interpolate = [&](double v) {
      if (std::isinf(lower_bound) && lower_bound < 0) return b.count;
      return rank + (b.count - rank) * (v - lower_bound) / (upper_bound - lower_bound);
    };
    if (!lower_set && lower_bound >= lower) {
      lower_rank = rank;
      lower_set = true;
    }
    if (!upper_set && lower_bound >= upper) {
      upper_rank = rank;
      upper_set = true;
    }
    if (lower_set && upper_set) break;
    if (!lower_set && lower_bound < lower && upper_bound > lower) {
      lower_rank = interpolate(lower);
      lower_set = true;
    }
    if (!upper_set && lower_bound < upper && upper_bound > upper) {
      upper_rank = interpolate(upper);
      upper_set = true;
    }
    if (lower_set && upper_set) break;
    rank = b.count;
  }
  if (!lower_set || lower_rank > count) lower_rank = count;
  if (!upper_set || upper_rank > count) upper_rank = count;
  return (upper_rank - lower_rank) / count;
}

}  // namespace mlmon::engine
