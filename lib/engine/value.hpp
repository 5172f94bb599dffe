// Samples, stale markers and the evaluation's result types.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/labels.hpp"

namespace mlmon::engine {

// One float sample: 16 bytes, stored contiguously per series.
struct Point {
  int64_t t;  // milliseconds since the epoch
  double v;
  bool operator==(const Point& o) const {
    return t == o.t && std::bit_cast<uint64_t>(v) == std::bit_cast<uint64_t>(o.v);
  }
};
static_assert(sizeof(Point) == 16);

// Prometheus's stale marker (value.StaleNaN) and the NaN Go's math.NaN() returns. Only the exact
// bit pattern of StaleNaN marks staleness; every other NaN is an ordinary value.
inline constexpr uint64_t kStaleNaNBits = 0x7ff0000000000002ULL;
inline constexpr uint64_t kNormalNaNBits = 0x7ff8000000000001ULL;
inline double stale_nan() { return std::bit_cast<double>(kStaleNaNBits); }
inline bool is_stale_nan(double v) { return std::bit_cast<uint64_t>(v) == kStaleNaNBits; }

// Results, as the Prometheus API returns them.
struct Scalar {
  int64_t t = 0;
  double v = 0;
};
struct String {
  int64_t t = 0;
  std::string v;
};
struct FloatHistogram;
struct Sample {
  Labels metric;
  int64_t t = 0;
  double v = 0;
  // A native histogram sample (v is then 0). Only queries run with EvalOptions::native_histograms
  // return these; every other caller gets floats alone.
  std::shared_ptr<const FloatHistogram> h = nullptr;
};
using Vector = std::vector<Sample>;  // instant vector, in evaluation order
struct Series {
  Labels metric;
  std::vector<Point> points;
};
using Matrix = std::vector<Series>;  // range vector, sorted by labels

using Value = std::variant<Scalar, Vector, Matrix, String>;

}  // namespace mlmon::engine
