// Quantiles as Prometheus computes them (promql/quantile.go): over samples (quantile,
// quantile_over_time) and over classic histogram buckets (histogram_quantile, histogram_fraction).
#pragma once

#include <vector>

namespace mlmon::engine {

// φ-quantile of the values (sorted in place, NaN first): NaN for no values or φ = NaN, -Inf for
// φ < 0, +Inf for φ > 1, otherwise linear interpolation between the two closest ranks.
double quantile(double phi, std::vector<double>& values);

struct Bucket {
  double upper_bound;
  double count;
};

struct BucketQuantileResult {
  double value;
  bool forced_monotonic;  // some bucket count had to be raised to its predecessor's
};

// BucketQuantile: sorts and merges buckets, forces monotonic counts, interpolates linearly.
BucketQuantileResult bucket_quantile(double q, std::vector<Bucket>& buckets);

// BucketFraction: the estimated fraction of observations between lower and upper.
double bucket_fraction(double lower, double upper, std::vector<Bucket>& buckets);

// almost.Equal: relative tolerance comparison; any two NaNs are equal, StaleNaN only to itself.
bool almost_equal(double a, double b, double epsilon);

}  // namespace mlmon::engine
