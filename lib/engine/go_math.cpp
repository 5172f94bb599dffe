#include "engine/go_math.hpp"

namespace mlmon::engine {

namespace {

bool is_odd_int(double x) {
  if (std::fabs(x) >= 9007199254740992.0) return false;  // 1<<53: every such float is even
  double xi = 0;
  const double xf = std::modf(x, &xi);
  return xf == 0 && (static_cast<int64_t>(xi) & 1) == 1;
}

}  // namespace

double go_pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (y == 1) return x;
  if (std::isnan(x) || std::isnan(y)) return go_nan();
  if (x == 0) {
    if (y < 0) return std::signbit(x) && is_odd_int(y) ? go_inf(-1) : go_inf(1);
    if (y > 0) return std::signbit(x) && is_odd_int(y) ? x : 0.0;
  }
  if (std::isinf(y)) {
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return go_inf(1);
  }
  if (std::isinf(x)) {
    if (x < 0) return go_pow(1 / x, -y);  // Pow(-0, -y)
    if (y < 0) return 0;
    if (y > 0) return go_inf(1);
  }
  if (y == 0.5) return std::sqrt(x);
  if (y == -0.5) return 1 / std::sqrt(x);

  double yi = 0;
  double yf = std::modf(std::fabs(y), &yi);
  if (yf != 0 && x < 0) return go_nan();
  if (yi >= 9223372036854775808.0) {
    // A huge even integer exponent: overflow or underflow for every x but -1.
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return go_inf(1);
  }
  double a1 = 1.0;
  int64_t ae = 0;
  if (yf != 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = std::exp(yf * std::log(x));
  }
  int xe_int = 0;
  double x1 = std::frexp(x, &xe_int);
  int64_t xe = xe_int;
  for (auto i = static_cast<int64_t>(yi); i != 0; i >>= 1) {
    if (xe < -(int64_t{1} << 12) || (int64_t{1} << 12) < xe) {
      // Catastrophic overflow: let ldexp handle it.
      ae += xe;
      break;
    }
    if ((i & 1) == 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < .5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  if (ae > 100000) ae = 100000;
  if (ae < -100000) ae = -100000;
  return std::ldexp(a1, static_cast<int>(ae));
}

}  // namespace mlmon::engine
