// Go's float semantics where they differ from C++'s or would be undefined behaviour in C++:
// math.Max/Min (NaN and ±Inf rules), float64 -> int64 conversion (amd64: out of range and NaN give
// MinInt64), and Prometheus's Kahan-Neumaier increment (util/kahansum).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace mlmon::engine {

inline double go_nan() { return std::numeric_limits<double>::quiet_NaN(); }
inline double go_inf(int sign) {
  return sign >= 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
}

// math.Max: +Inf wins over NaN, NaN over everything else, +0 over -0.
inline double go_max(double x, double y) {
  if (std::isinf(x) && x > 0) return x;
  if (std::isinf(y) && y > 0) return y;
  if (std::isnan(x) || std::isnan(y)) return go_nan();
  if (x == 0 && y == 0) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}

// math.Min: -Inf wins over NaN, NaN over everything else, -0 over +0.
inline double go_min(double x, double y) {
  if (std::isinf(x) && x < 0) return x;
  if (std::isinf(y) && y < 0) return y;
  if (std::isnan(x) || std::isnan(y)) return go_nan();
  if (x == 0 && y == 0) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

// int64(f) as Go compiles it for amd64 (CVTTSD2SQ): truncation; NaN and out-of-range values give
// math.MinInt64.
inline int64_t go_int64(double f) {
  if (std::isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(f);
}

// kahansum.Inc: adds inc to sum, keeping the compensation in c (Neumaier's variant). The engine is
// built with -ffp-contract=off so nothing here is fused into an FMA, as Prometheus prevents too.
inline void kahan_inc(double inc, double& sum, double& c) {
  const double t = sum + inc;
  if (std::isinf(t)) {
    c = 0;
  } else if (std::fabs(sum) >= std::fabs(inc)) {
    c += (sum - t) + inc;
  } else {
    c += (inc - t) + sum;
  }
  sum = t;
}

}  // namespace mlmon::engine

namespace mlmon::engine {

// math.Pow as Go computes it: special cases first, then x**frac(y) via Exp/Log and x**int(y) by
// repeated squaring of the mantissa. For integer exponents this is bit-identical to Go; the
// fractional part uses the C library's exp/log, which may differ from Go's in the last bit.
double go_pow(double x, double y);

}  // namespace mlmon::engine
