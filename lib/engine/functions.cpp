// Function calls (functions.go and the Call case of engine.go's eval): instant-vector functions run
// per step over the evaluated arguments; range-vector functions run per series and step over a
// window of samples, a span of the stored (or subquery) points.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/unicode.hpp"
#include "engine/evaluator.hpp"
#include "engine/go_math.hpp"
#include "engine/go_sort.hpp"
#include "engine/quantile.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine::detail {

namespace {

using promql::Node;
using promql::NodeKind;

// ---------------------------------------------------------------------------------------------
// Range-vector functions

struct Window {
  std::span<const Point> w;
  int64_t ts;
  double range_seconds;
  int64_t range_start;  // ts - (range + offset): the open lower bound of the selector's range
  int64_t range_end;    // ts - offset
  bool anchored;
  bool smoothed;
  const double* params;  // scalar arguments other than the range vector, at this step
  Query* q;
};

using RangeFn = bool (*)(const Window&, double&);

// time.Duration.Seconds() of a whole number of nanoseconds.
double duration_seconds(int64_t ns) {
  const int64_t sec = ns / 1'000'000'000;
  const int64_t nsec = ns % 1'000'000'000;
  return static_cast<double>(sec) + static_cast<double>(nsec) / 1e9;
}

double interpolate(const Point& a, const Point& b, int64_t t, bool counter) {
  double y1 = a.v;
  const double y2 = b.v;
  if (counter && y2 < y1) y1 = 0;
  return y1 + (y2 - y1) * static_cast<double>(t - a.t) / static_cast<double>(b.t - a.t);
}

// sort.Search(n, f): the first i in [0, n) with f(i), or n.
template <class F>
size_t search(size_t n, F f) {
  size_t lo = 0;
  size_t hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (!f(mid)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// extendedRate: rate/increase/delta over an anchored or smoothed window.
bool extended_rate(const Window& x, bool counter, bool rate, double& out) {
  const auto f = x.w;
  size_t last = f.size() - 1;
  size_t first_after = search(last, [&](size_t i) { return f[i].t > x.range_start; });
  size_t first = first_after == 0 ? 0 : first_after - 1;
  if (x.smoothed) last = search(last, [&](size_t i) { return f[i].t >= x.range_end; });
  if (f[last].t <= x.range_start) return false;
  if (x.smoothed && f[first].t > x.range_end) return false;
  const double left =
      x.smoothed && f[first].t < x.range_start ? interpolate(f[first], f[first + 1], x.range_start, counter) : f[first].v;
  const double right =
      x.smoothed && last > 0 && f[last].t > x.range_end ? interpolate(f[last - 1], f[last], x.range_end, counter)
                                                        : f[last].v;
  double result = right - left;
  if (counter) {
    ptrdiff_t lo = static_cast<ptrdiff_t>(first);
    ptrdiff_t hi = static_cast<ptrdiff_t>(last);
    if (f[first].t <= x.range_start) ++lo;
    if (f[last].t >= x.range_end) --hi;
    double correction = 0;
    double prev = left;
    for (ptrdiff_t i = lo; i <= hi; ++i) {
      const double v = f[static_cast<size_t>(i)].v;
      if (v < prev) correction += prev;
      prev = v;
    }
    if (right < prev) correction += prev;
    result += correction;
  }
  if (rate) result /= x.range_seconds;
  out = result;
  return true;
}

// extrapolatedRate for float samples.
bool extrapolated_rate(const Window& x, bool counter, bool rate, double& out) {
  if (x.anchored || x.smoothed) return extended_rate(x, counter, rate, out);
  const auto s = x.w;
  if (s.size() < 2) return false;
  const size_t n1 = s.size() - 1;
  double result = s[n1].v - s[0].v;
  if (counter) {
    for (size_t i = 1; i < s.size(); ++i) {
      if (s[i].v < s[i - 1].v) result += s[i - 1].v;
    }
  }
  const int64_t first_t = s[0].t;
  const int64_t last_t = s[n1].t;
  double to_start = static_cast<double>(wsub(first_t, x.range_start)) / 1000;
  double to_end = static_cast<double>(wsub(x.range_end, last_t)) / 1000;
  const double sampled = static_cast<double>(wsub(last_t, first_t)) / 1000;
  const double average = sampled / static_cast<double>(n1);
  const double threshold = average * 1.1;
  if (to_start >= threshold) to_start = average / 2;
  if (counter) {
    double to_zero = to_start;
    if (result > 0 && s[0].v >= 0) to_zero = sampled * (s[0].v / result);
    if (to_zero < to_start) to_start = to_zero;
  }
  if (to_end >= threshold) to_end = average / 2;
  double factor = 1.0;
  if (sampled != 0) factor = (sampled + to_start + to_end) / sampled;
  if (rate) factor /= x.range_seconds;
  out = result * factor;
  return true;
}

bool fn_rate(const Window& x, double& out) { return extrapolated_rate(x, true, true, out); }
bool fn_increase(const Window& x, double& out) { return extrapolated_rate(x, true, false, out); }
bool fn_delta(const Window& x, double& out) { return extrapolated_rate(x, false, false, out); }

bool instant_value(const Window& x, bool rate, double& out) {
  if (x.w.size() < 2) return false;
  const Point& prev = x.w[x.w.size() - 2];
  const Point& last = x.w[x.w.size() - 1];
  const int64_t interval = last.t - prev.t;
  if (interval == 0) return false;
  double result = last.v;
  if (!rate || !(last.v < prev.v)) result = last.v - prev.v;
  if (rate) result /= static_cast<double>(interval) / 1000;
  out = result;
  return true;
}

bool fn_irate(const Window& x, double& out) { return instant_value(x, true, out); }
bool fn_idelta(const Window& x, double& out) { return instant_value(x, false, out); }

// pickFirstSampleIndices for floats: with anchored, start at the last sample at or before the
// range start (the baseline). False when no sample lies after the range start.
bool first_index(const Window& x, size_t& first) {
  first = 0;
  if (!x.anchored) return true;
  const auto f = x.w;
  const ptrdiff_t last_le = static_cast<ptrdiff_t>(search(f.size(), [&](size_t i) { return f[i].t > x.range_start; })) - 1;
  if (last_le + 1 >= static_cast<ptrdiff_t>(f.size())) return false;
  first = last_le < 0 ? 0 : static_cast<size_t>(last_le);
  return true;
}

bool fn_resets(const Window& x, double& out) {
  size_t first = 0;
  if (!first_index(x, first)) return false;
  double resets = 0;
  for (size_t i = first + 1; i < x.w.size(); ++i) {
    if (x.w[i].v < x.w[i - 1].v) resets++;
  }
  out = resets;
  return true;
}

bool fn_changes(const Window& x, double& out) {
  size_t first = 0;
  if (!first_index(x, first)) return false;
  double changes = 0;
  for (size_t i = first + 1; i < x.w.size(); ++i) {
    const double a = x.w[i - 1].v;
    const double b = x.w[i].v;
    if (b != a && !(std::isnan(a) && std::isnan(b))) changes++;
  }
  out = changes;
  return true;
}

// linearRegression: least squares with Kahan sums, x in seconds relative to intercept_time.
void linear_regression(std::span<const Point> s, int64_t intercept_time, double& slope, double& intercept) {
  double n = 0;
  double sum_x = 0, c_x = 0, sum_y = 0, c_y = 0, sum_xy = 0, c_xy = 0, sum_x2 = 0, c_x2 = 0;
  const double init_y = s[0].v;
  bool const_y = true;
  for (size_t i = 0; i < s.size(); ++i) {
    if (const_y && i > 0 && s[i].v != init_y) const_y = false;
    n += 1.0;
    const double xv = static_cast<double>(wsub(s[i].t, intercept_time)) / 1e3;
    kahan_inc(xv, sum_x, c_x);
    kahan_inc(s[i].v, sum_y, c_y);
    kahan_inc(xv * s[i].v, sum_xy, c_xy);
    kahan_inc(xv * xv, sum_x2, c_x2);
  }
  if (const_y) {
    if (std::isinf(init_y)) {
      slope = go_nan();
      intercept = go_nan();
      return;
    }
    slope = 0;
    intercept = init_y;
    return;
  }
  sum_x += c_x;
  sum_y += c_y;
  sum_xy += c_xy;
  sum_x2 += c_x2;
  const double cov_xy = sum_xy - sum_x * sum_y / n;
  const double var_x = sum_x2 - sum_x * sum_x / n;
  slope = cov_xy / var_x;
  intercept = sum_y / n - slope * sum_x / n;
}

bool fn_deriv(const Window& x, double& out) {
  if (x.w.size() < 2) return false;
  double slope = 0, intercept = 0;
  linear_regression(x.w, x.w[0].t, slope, intercept);
  out = slope;
  return true;
}

bool fn_predict_linear(const Window& x, double& out) {
  if (x.w.size() < 2) return false;
  double slope = 0, intercept = 0;
  linear_regression(x.w, x.ts, slope, intercept);
  out = slope * x.params[0] + intercept;
  return true;
}

bool fn_sum_over_time(const Window& x, double& out) {
  double sum = 0, c = 0;
  for (const Point& p : x.w) kahan_inc(p.v, sum, c);
  out = std::isinf(sum) ? sum : sum + c;
  return true;
}

bool fn_avg_over_time(const Window& x, double& out) {
  double sum = x.w[0].v;
  double count = 1;
  double mean = 0, c = 0;
  bool incremental = false;
  for (size_t i = 1; i < x.w.size(); ++i) {
    const double f = x.w[i].v;
    count = static_cast<double>(i + 1);
    if (!incremental) {
      double ns = sum, nc = c;
      kahan_inc(f, ns, nc);
      if (!std::isinf(ns)) {
        sum = ns;
        c = nc;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const double q = (count - 1) / count;
    double m = q * mean;
    double cc = q * c;
    kahan_inc(f / count, m, cc);
    mean = m;
    c = cc;
  }
  out = incremental ? mean + c : sum / count + c / count;
  return true;
}

bool fn_count_over_time(const Window& x, double& out) {
  out = static_cast<double>(x.w.size());
  return true;
}

bool fn_present_over_time(const Window&, double& out) {
  out = 1;
  return true;
}

bool fn_absent_over_time(const Window&, double& out) {
  out = 1;
  return true;
}

bool fn_last_over_time(const Window& x, double& out) {
  out = x.w.back().v;
  return true;
}

bool fn_first_over_time(const Window& x, double& out) {
  out = x.w.front().v;
  return true;
}

template <bool kTimestamp, class Better>
bool compare_over_time(const Window& x, double& out, Better better) {
  double best = x.w[0].v;
  int64_t best_t = x.w[0].t;
  for (const Point& p : x.w) {
    if (better(p.v, best)) {
      best = p.v;
      best_t = p.t;
    }
  }
  out = kTimestamp ? static_cast<double>(best_t) / 1000 : best;
  return true;
}

bool fn_max_over_time(const Window& x, double& out) {
  return compare_over_time<false>(x, out, [](double cur, double m) { return cur > m || std::isnan(m); });
}
bool fn_min_over_time(const Window& x, double& out) {
  return compare_over_time<false>(x, out, [](double cur, double m) { return cur < m || std::isnan(m); });
}
bool fn_ts_of_max_over_time(const Window& x, double& out) {
  return compare_over_time<true>(x, out, [](double cur, double m) { return cur >= m || std::isnan(m); });
}
bool fn_ts_of_min_over_time(const Window& x, double& out) {
  return compare_over_time<true>(x, out, [](double cur, double m) { return cur <= m || std::isnan(m); });
}
bool fn_ts_of_first_over_time(const Window& x, double& out) {
  out = static_cast<double>(x.w.front().t) / 1000;
  return true;
}
bool fn_ts_of_last_over_time(const Window& x, double& out) {
  out = static_cast<double>(x.w.back().t) / 1000;
  return true;
}

bool variance_over_time(const Window& x, double& out, bool sqrt) {
  double count = 0, mean = 0, c_mean = 0, aux = 0, c_aux = 0;
  for (const Point& p : x.w) {
    count++;
    const double delta = p.v - (mean + c_mean);
    kahan_inc(delta / count, mean, c_mean);
    kahan_inc(delta * (p.v - (mean + c_mean)), aux, c_aux);
  }
  const double variance = (aux + c_aux) / count;
  out = sqrt ? std::sqrt(variance) : variance;
  return true;
}

bool fn_stddev_over_time(const Window& x, double& out) { return variance_over_time(x, out, true); }
bool fn_stdvar_over_time(const Window& x, double& out) { return variance_over_time(x, out, false); }

bool fn_quantile_over_time(const Window& x, double& out) {
  const double q = x.params[0];
  if (std::isnan(q) || q < 0 || q > 1) x.q->warn("quantile value should be between 0 and 1, got " + format_g(q));
  std::vector<double> values;
  values.reserve(x.w.size());
  for (const Point& p : x.w) values.push_back(p.v);
  out = quantile(q, values);
  return true;
}

bool fn_mad_over_time(const Window& x, double& out) {
  std::vector<double> values;
  values.reserve(x.w.size());
  for (const Point& p : x.w) {
    if (std::isnan(p.v)) {
      out = go_nan();
      return true;
    }
    values.push_back(p.v);
  }
  const double median = quantile(0.5, values);
  for (double& v : values) v = std::fabs(v - median);
  out = quantile(0.5, values);
  return true;
}

bool fn_double_exponential_smoothing(const Window& x, double& out) {
  const double sf = x.params[0];
  const double tf = x.params[1];
  if (sf <= 0 || sf >= 1) fail("invalid smoothing factor. Expected: 0 < sf < 1, got: " + format_f(sf));
  if (tf <= 0 || tf >= 1) fail("invalid trend factor. Expected: 0 < tf < 1, got: " + format_f(tf));
  const auto s = x.w;
  if (s.size() < 2) return false;
  double s0 = 0;
  double s1 = s[0].v;
  double b = s[1].v - s[0].v;
  for (size_t i = 1; i < s.size(); ++i) {
    const double xv = sf * s[i].v;
    if (i - 1 != 0) {
      const double tx = tf * (s1 - s0);
      const double ty = (1 - tf) * b;
      b = tx + ty;
    }
    const double y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = xv + y;
  }
  out = s1;
  return true;
}

struct RangeFunction {
  std::string_view name;
  RangeFn fn;
};

constexpr RangeFunction kRangeFunctions[] = {
    {"absent_over_time", fn_absent_over_time},
    {"avg_over_time", fn_avg_over_time},
    {"changes", fn_changes},
    {"count_over_time", fn_count_over_time},
    {"delta", fn_delta},
    {"deriv", fn_deriv},
    {"double_exponential_smoothing", fn_double_exponential_smoothing},
    {"first_over_time", fn_first_over_time},
    {"idelta", fn_idelta},
    {"increase", fn_increase},
    {"irate", fn_irate},
    {"last_over_time", fn_last_over_time},
    {"mad_over_time", fn_mad_over_time},
    {"max_over_time", fn_max_over_time},
    {"min_over_time", fn_min_over_time},
    {"predict_linear", fn_predict_linear},
    {"present_over_time", fn_present_over_time},
    {"quantile_over_time", fn_quantile_over_time},
    {"rate", fn_rate},
    {"resets", fn_resets},
    {"stddev_over_time", fn_stddev_over_time},
    {"stdvar_over_time", fn_stdvar_over_time},
    {"sum_over_time", fn_sum_over_time},
    {"ts_of_first_over_time", fn_ts_of_first_over_time},
    {"ts_of_last_over_time", fn_ts_of_last_over_time},
    {"ts_of_max_over_time", fn_ts_of_max_over_time},
    {"ts_of_min_over_time", fn_ts_of_min_over_time},
};

RangeFn find_range_function(std::string_view name) {
  for (const RangeFunction& f : kRangeFunctions) {
    if (f.name == name) return f.fn;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Instant-vector functions

// The labels absent() and absent_over_time() give their one output: the selector's equality
// matchers, except labels matched more than once or otherwise.
Labels absent_labels(const Node* arg) {
  arg = unparen(arg);
  const promql::VectorSelector* vs = nullptr;
  if (arg->kind == NodeKind::vector_selector) {
    vs = static_cast<const promql::VectorSelector*>(arg);
  } else if (arg->kind == NodeKind::matrix_selector) {
    vs = static_cast<const promql::MatrixSelector*>(arg)->selector;
  }
  if (!vs) return Labels();
  std::vector<Label> out;
  std::vector<std::string_view> has;
  for (const promql::LabelMatcher& m : vs->matchers) {
    if (m.name == kMetricName) continue;
    const bool seen = std::find(has.begin(), has.end(), m.name) != has.end();
    std::erase_if(out, [&](const Label& l) { return l.name == m.name; });
    if (m.op == promql::MatchOp::equal && !seen) {
      if (!m.value.empty()) out.push_back({std::string(m.name), std::string(m.value)});
      has.push_back(m.name);
    }
  }
  return Labels(std::move(out));
}

struct Civil {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
  int hour;
  int minute;
  int weekday;  // 0 = Sunday
  int yday;     // 1..366
  int days_in_month;
};

// Go's time package (1.23+) computes calendar fields from "absolute" seconds, counted from
// March 1 of year -292277022400, in wrapping unsigned arithmetic. Doing the same keeps the results
// for out-of-range inputs (NaN and ±Inf become math.MinInt64 seconds) equal to Prometheus's.
constexpr uint64_t kAbsoluteYears = 292277022400ULL;
constexpr uint64_t kMarchThruDecember = 306;
constexpr int64_t kUnixToInternal = (1969LL * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * 86400;
constexpr int64_t kInternalToAbsolute = static_cast<int64_t>((kAbsoluteYears / 400 * 146097 + kMarchThruDecember) * 86400);
constexpr uint64_t kUnixToAbsolute = static_cast<uint64_t>(kUnixToInternal) + static_cast<uint64_t>(kInternalToAbsolute);

struct Split {
  uint64_t century;
  uint64_t cyear;
  uint64_t ayday;  // days since March 1
};

Split split_days(uint64_t days) {
  const uint64_t d = 4 * days + 3;
  Split s;
  s.century = d / 146097;
  const uint32_t cd = static_cast<uint32_t>(d % 146097) | 3;
  const uint64_t prod = 2939745ULL * cd;
  s.cyear = prod >> 32;
  s.ayday = (prod & 0xFFFFFFFFULL) / 2939745 / 4;
  return s;
}

struct YMD {
  int64_t year;
  int month;
  int day;
};

YMD date_of(uint64_t days) {
  const Split s = split_days(days);
  const uint32_t d = 2141 * static_cast<uint32_t>(s.ayday) + 197913;
  const auto amonth = static_cast<int>(d >> 16);
  const int day = 1 + static_cast<int>((d & 0xFFFF) / 2141);
  const int jan_feb = s.ayday >= kMarchThruDecember ? 1 : 0;
  const auto year = static_cast<int64_t>(s.century * 100 - kAbsoluteYears) + static_cast<int64_t>(s.cyear) + jan_feb;
  return {year, amonth - jan_feb * 12, day};
}

// dateToAbsDays: days from the absolute epoch to year-month-day (day may be out of range).
uint64_t abs_days(int64_t year, int month, int day) {
  uint32_t amonth = static_cast<uint32_t>(month);
  const uint32_t jan_feb = amonth < 3 ? 1 : 0;
  amonth += 12 * jan_feb;
  const uint64_t y = static_cast<uint64_t>(year) - jan_feb + kAbsoluteYears;
  const uint32_t ayday = (979 * amonth - 2919) >> 5;
  const uint64_t century = y / 100;
  const auto cyear = static_cast<uint32_t>(y % 100);
  const uint32_t cday = 1461 * cyear / 4;
  const uint64_t century_days = 146097 * century / 4;
  return century_days + static_cast<uint64_t>(static_cast<int64_t>(cday + ayday) + day - 1);
}

// The fields of time.Unix(secs, 0).UTC().
Civil civil_from_unix(int64_t secs) {
  const uint64_t abs = static_cast<uint64_t>(secs) + kUnixToAbsolute;
  const uint64_t days = abs / 86400;
  Civil c{};
  c.hour = static_cast<int>((abs % 86400) / 3600);
  c.minute = static_cast<int>((abs % 3600) / 60);
  c.weekday = static_cast<int>((days + 3) % 7);  // March 1 of the absolute year was a Wednesday
  const YMD ymd = date_of(days);
  c.year = ymd.year;
  c.month = ymd.month;
  c.day = ymd.day;
  const Split s = split_days(days);
  const int jan_feb = s.ayday >= kMarchThruDecember ? 1 : 0;
  const int leap = (s.cyear % 4 == 0) && (s.cyear != 0 || s.century % 4 == 0) ? 1 : 0;
  c.yday = static_cast<int>(s.ayday) + (1 + 31 + 28) + (leap & ~jan_feb) - 365 * jan_feb;
  // days_in_month: 32 - time.Date(year, month, 32).Day().
  const uint64_t d32 = abs_days(c.year, c.month, 32) * 86400 / 86400;
  c.days_in_month = 32 - date_of(d32).day;
  return c;
}

double date_field(std::string_view name, const Civil& c) {
  if (name == "day_of_month") return c.day;
  if (name == "day_of_week") return c.weekday;
  if (name == "day_of_year") return c.yday;
  if (name == "days_in_month") return c.days_in_month;
  if (name == "hour") return c.hour;
  if (name == "minute") return c.minute;
  if (name == "month") return c.month;
  return static_cast<double>(c.year);
}

bool is_date_function(std::string_view name) {
  return name == "day_of_month" || name == "day_of_week" || name == "day_of_year" || name == "days_in_month" ||
         name == "hour" || name == "minute" || name == "month" || name == "year";
}

using MathFn = double (*)(double);

double go_sgn(double v) { return v < 0 ? -1 : (v > 0 ? 1 : v); }
double go_deg(double v) { return v * 180 / M_PI; }
double go_rad(double v) { return v * M_PI / 180; }
double go_abs(double v) { return std::fabs(v); }
double go_ceil(double v) { return std::ceil(v); }
double go_floor(double v) { return std::floor(v); }
double go_exp(double v) { return std::exp(v); }
double go_sqrt(double v) { return std::sqrt(v); }
double go_ln(double v) { return std::log(v); }
double go_log2(double v) { return std::log2(v); }
double go_log10(double v) { return std::log10(v); }
double go_sin(double v) { return std::sin(v); }
double go_cos(double v) { return std::cos(v); }
double go_tan(double v) { return std::tan(v); }
double go_asin(double v) { return std::asin(v); }
double go_acos(double v) { return std::acos(v); }
double go_atan(double v) { return std::atan(v); }
double go_sinh(double v) { return std::sinh(v); }
double go_cosh(double v) { return std::cosh(v); }
double go_tanh(double v) { return std::tanh(v); }
double go_asinh(double v) { return std::asinh(v); }
double go_acosh(double v) { return std::acosh(v); }
double go_atanh(double v) { return std::atanh(v); }

struct MathFunction {
  std::string_view name;
  MathFn fn;
};

constexpr MathFunction kMathFunctions[] = {
    {"abs", go_abs},     {"acos", go_acos},   {"acosh", go_acosh}, {"asin", go_asin},   {"asinh", go_asinh},
    {"atan", go_atan},   {"atanh", go_atanh}, {"ceil", go_ceil},   {"cos", go_cos},     {"cosh", go_cosh},
    {"deg", go_deg},     {"exp", go_exp},     {"floor", go_floor}, {"ln", go_ln},       {"log10", go_log10},
    {"log2", go_log2},   {"rad", go_rad},     {"sgn", go_sgn},     {"sin", go_sin},     {"sinh", go_sinh},
    {"sqrt", go_sqrt},   {"tan", go_tan},     {"tanh", go_tanh},
};

MathFn find_math_function(std::string_view name) {
  for (const MathFunction& f : kMathFunctions) {
    if (f.name == name) return f.fn;
  }
  return nullptr;
}

// natsort.Compare (github.com/facette/natsort), used by sort_by_label: chunks of digits compare
// numerically, other chunks as strings.
bool natural_less(std::string_view a, std::string_view b);

// labels.FormatOpenMetricsFloat: %g, with ".0" appended when there is neither '.' nor 'e'.
std::string format_openmetrics_float(double f) {
  if (f == 1) return "1.0";
  if (f == 0) return "0.0";
  if (f == -1) return "-1.0";
  std::string s = promql::go::format_float_v(f);
  if (std::isnan(f) || std::isinf(f)) return s;
  if (s.find_first_of("e.") == std::string::npos) s += ".0";
  return s;
}

std::string_view string_arg(const Node* n) { return static_cast<const promql::StringLiteral*>(unparen(n))->value; }

}  // namespace

// ---------------------------------------------------------------------------------------------

bool is_at_modifier_unsafe_function(std::string_view name) {
  return is_date_function(name) || name == "end" || name == "predict_linear" || name == "range" || name == "start" ||
         name == "step" || name == "time" || name == "timestamp";
}

EMatrix Evaluator::eval_call(const promql::Call& c) {
  const std::string_view name = c.name();

  // start(), end(), range() and step() are constants of the query.
  if (name == "start") return eval_number(static_cast<double>(q_.start) / 1000);
  if (name == "end") return eval_number(static_cast<double>(q_.end) / 1000);
  if (name == "range") return eval_number(duration_seconds(wmul(wsub(q_.end, q_.start), 1'000'000)));
  if (name == "step") return eval_number(q_.start != q_.end ? duration_seconds(wmul(q_.interval, 1'000'000)) : 0.0);

  std::vector<const Node*> args;
  args.reserve(c.args.size());
  for (const Node* a : c.args) args.push_back(unparen(a));

  if ((name == "timestamp" || name == "start_timestamp") && !args.empty() &&
      args[0]->kind == NodeKind::vector_selector) {
    // Over a plain selector, timestamp() returns each sample's own time.
    const auto& vs = static_cast<const promql::VectorSelector&>(*args[0]);
    const auto& series = q_.select(vs);
    const TimeRef ref = time_ref(vs.modifiers);
    const int64_t lookback = q_.options.lookback_delta_ms;
    const bool st = name == "start_timestamp";
    return range_eval({}, nullptr, [&](StepCall& call) {
      // With @, Prometheus reads at the @ time itself: the offset is dropped (engine.go).
      const int64_t at = ref.fixed ? ref.at : wsub(call.ts, ref.offset);
      q_.charge(series.size());
      for (const StoredSeries* s : series) {
        const Point* p = s->at(at, lookback);
        if (!p) continue;
        q_.add_samples(1);
        const Labels* metric = delayed() ? &s->labels : q_.drop_name(&s->labels);
        // Without start timestamps in the store, a sample's start timestamp is 0.
        const double v = st ? 0.0 : static_cast<double>(p->t) / 1000;
        if (st && !q_.options.use_start_timestamps) continue;
        call.out.push_back({metric, v, call.ts, true});
      }
    });
  }

  // The range-vector argument, if any.
  ptrdiff_t matrix_index = -1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i]->kind == NodeKind::matrix_selector || args[i]->kind == NodeKind::subquery) {
      if (args[i]->kind == NodeKind::subquery && q_.step_invariant.count(args[i])) {
        // A subquery with @ beside an argument that varies per step (quantile_over_time,
        // double_exponential_smoothing) or under predict_linear is wrapped by Prometheus's
        // preprocessing as step invariant; the function then sees no range vector and returns
        // nothing. The arguments are still evaluated.
        std::vector<const Node*> eval_args;
        for (const Node* a : args) eval_args.push_back(a->type == promql::ValueType::string ? nullptr : a);
        return range_eval(eval_args, nullptr, [](StepCall&) {});
      }
      matrix_index = static_cast<ptrdiff_t>(i);
      break;
    }
  }

  if (name == "label_replace") return eval_label_replace(args);
  if (name == "label_join") return eval_label_join(args);
  if (name == "info") return eval_info(args);

  if ((name == "sort" || name == "sort_desc" || name == "sort_by_label" || name == "sort_by_label_desc") &&
      !instant()) {
    q_.warn("sort is ineffective for range queries since results are always ordered by labels");
  }

  if (matrix_index < 0) return eval_vector_function(c, args);
  return eval_range_function(c, args, static_cast<size_t>(matrix_index));
}

EMatrix Evaluator::eval_range_function(const promql::Call& c, const std::vector<const Node*>& args, size_t mi) {
  const std::string_view name = c.name();
  RangeFn fn = find_range_function(name);
  if (!fn) {
    // predict_linear over a wrapped @ subquery and similar: no range vector reaches the function.
    fail("unexpected range vector argument to " + std::string(name));
  }
  const int64_t n = steps();
  // Scalar arguments, evaluated over all steps.
  std::vector<std::vector<double>> scalars;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i == mi) continue;
    EMatrix m = eval(*args[i]);
    std::vector<double> values(static_cast<size_t>(n), 0.0);
    if (!m.empty()) {
      for (size_t k = 0; k < m[0].points.size() && k < values.size(); ++k) values[k] = m[0].points[k].v;
    }
    scalars.push_back(std::move(values));
  }

  const Node* arg = args[mi];
  const promql::VectorSelector* vs = nullptr;
  const std::vector<const StoredSeries*>* stored = nullptr;
  EMatrix sub;
  TimeRef ref;
  int64_t range_ns = 0;
  int64_t sub_samples = 0;
  if (arg->kind == NodeKind::matrix_selector) {
    const auto& ms = static_cast<const promql::MatrixSelector&>(*arg);
    vs = ms.selector;
    if (vs->anchored) {
      static constexpr std::string_view kAllowed[] = {"changes", "delta", "increase", "rate", "resets"};
      if (std::find(std::begin(kAllowed), std::end(kAllowed), name) == std::end(kAllowed)) {
        fail("anchored modifier can only be used with: changes, delta, increase, rate, resets - not with " +
             std::string(name));
      }
    } else if (vs->smoothed) {
      static constexpr std::string_view kAllowed[] = {"delta", "increase", "rate"};
      if (std::find(std::begin(kAllowed), std::end(kAllowed), name) == std::end(kAllowed)) {
        fail("smoothed modifier can only be used with: delta, increase, rate - not with " + std::string(name));
      }
    }
    stored = &q_.select(*vs);
    ref = time_ref(vs->modifiers);
    range_ns = ms.range_expr ? wmul(q_.duration_ms(ms.range_expr, 0), 1'000'000) : ms.range_ns;
  } else {
    const auto& sq = static_cast<const promql::Subquery&>(*arg);
    int64_t range_ms = 0;
    sub = eval_subquery(sq, &ref, &range_ms);
    range_ns = sq.range_expr ? wmul(range_ms, 1'000'000) : sq.range_ns;
    for (const ESeries& s : sub) sub_samples += static_cast<int64_t>(s.points.size());
  }
  const int64_t offset_ns = ref.offset_ns;
  const int64_t range_ms = range_ns / 1'000'000;
  const int64_t lookback = q_.options.lookback_delta_ms;
  const bool anchored = vs && vs->anchored;
  const bool smoothed = vs && vs->smoothed;
  const bool drop = name != "last_over_time" && name != "first_over_time";
  const double range_seconds = duration_seconds(range_ns);

  Window x{};
  x.range_seconds = range_seconds;
  x.anchored = anchored;
  x.smoothed = smoothed;
  x.q = &q_;
  std::vector<double> params(scalars.size() + 1, 0.0);
  x.params = params.data();

  EMatrix out;
  const size_t num_series = stored ? stored->size() : sub.size();
  // The points of the current window count as held in memory, as Prometheus counts the samples
  // its matrix iterator loads; a subquery's result stays counted until the call is done.
  int64_t window_held = 0;
  auto hold_window = [&](int64_t size) {
    q_.samples -= window_held;
    window_held = size;
    q_.add_samples(size);
  };
  for (size_t si = 0; si < num_series; ++si) {
    hold_window(0);
    q_.charge(static_cast<uint64_t>(n));
    WindowCursor cursor(stored ? std::span<const Point>((*stored)[si]->points) : std::span<const Point>(sub[si].points));
    const Labels* labels = stored ? &(*stored)[si]->labels : sub[si].metric;
    const bool input_drop = stored ? false : sub[si].drop_name;
    const bool series_drop = drop || input_drop;
    ESeries es{(!delayed() && series_drop) ? q_.drop_name(labels) : labels, {}, series_drop};
    for (int64_t k = 0; k < n; ++k) {
      const int64_t ts = start_ + k * interval_;
      for (size_t j = 0; j < scalars.size(); ++j) params[j] = scalars[j][static_cast<size_t>(k)];
      const int64_t base = ref.fixed ? ref.at : ts;
      const int64_t maxt = wsub(base, ref.offset);
      int64_t mint = wsub(maxt, range_ms);
      int64_t hi = maxt;
      if (anchored) mint = wsub(mint, lookback);
      if (smoothed) {
        mint = wsub(mint, lookback);
        hi = wadd(maxt, lookback);
      }
      const std::span<const Point> w = cursor.window(mint, hi);
      hold_window(static_cast<int64_t>(w.size()));
      if (w.empty()) continue;
      x.w = w;
      x.ts = ts;
      x.range_start = wsub(base, (range_ns + offset_ns) / 1'000'000);
      x.range_end = wsub(base, offset_ns / 1'000'000);
      double v = 0;
      if (fn(x, v)) es.points.push_back({ts, v});
    }
    if (!es.points.empty()) {
      q_.add_samples(static_cast<int64_t>(es.points.size()));
      if (name == "rate" || name == "increase") {
        const std::string_view metric_name = labels->get(kMetricName);
        auto ends = [&](std::string_view suffix) {
          return metric_name.size() >= suffix.size() && metric_name.substr(metric_name.size() - suffix.size()) == suffix;
        };
        if (!metric_name.empty() && !ends("_total") && !ends("_sum") && !ends("_count") && !ends("_bucket")) {
          q_.info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: " +
                  go::quote(metric_name));
        }
      }
      out.push_back(std::move(es));
    }
  }

  hold_window(0);
  q_.samples -= sub_samples;

  if (name == "absent_over_time") {
    // One series with 1 at the steps where no input series had samples.
    std::vector<bool> found(static_cast<size_t>(n), false);
    size_t found_count = 0;
    for (const ESeries& s : out) {
      if (static_cast<int64_t>(s.points.size()) == n) return {};
      for (const Point& p : s.points) {
        const auto k = static_cast<size_t>((p.t - start_) / interval_);
        if (!found[k]) {
          found[k] = true;
          ++found_count;
        }
      }
    }
    if (static_cast<int64_t>(found_count) == n) return {};
    ESeries res{q_.pool.intern(absent_labels(arg)), {}, drop};
    for (int64_t k = 0; k < n; ++k) {
      if (!found[static_cast<size_t>(k)]) res.points.push_back({start_ + k * interval_, 1});
    }
    EMatrix m;
    m.push_back(std::move(res));
    return m;
  }
  if (!delayed() && contains_same_labelset(out)) fail("vector cannot contain metrics with the same labelset");
  return out;
}

EMatrix Evaluator::eval_vector_function(const promql::Call& c, const std::vector<const Node*>& args) {
  const std::string_view name = c.name();
  std::vector<const Node*> eval_args;
  for (const Node* a : args) eval_args.push_back(a->type == promql::ValueType::string ? nullptr : a);

  auto simple = [&](StepCall& call, auto&& f) {
    for (const ESample& s : call.vectors[0]) {
      const Labels* metric = delayed() ? s.metric : q_.drop_name(s.metric);
      call.out.push_back({metric, f(s.f), call.ts, true});
    }
  };

  if (MathFn fn = find_math_function(name)) {
    return range_eval(eval_args, nullptr, [&](StepCall& call) { simple(call, fn); });
  }
  if (name == "round") {
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      const double to_nearest = call.vectors.size() >= 2 ? call.vectors[1][0].f : 1.0;
      const double inverse = 1.0 / to_nearest;
      simple(call, [&](double f) { return std::floor(f * inverse + 0.5) / inverse; });
    });
  }
  if (name == "clamp" || name == "clamp_min" || name == "clamp_max") {
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      double lo = go_inf(-1);
      double hi = go_inf(1);
      if (name == "clamp") {
        lo = call.vectors[1][0].f;
        hi = call.vectors[2][0].f;
      } else if (name == "clamp_min") {
        lo = call.vectors[1][0].f;
      } else {
        hi = call.vectors[1][0].f;
      }
      if (hi < lo) return;
      simple(call, [&](double f) { return go_max(lo, go_min(hi, f)); });
    });
  }
  if (name == "timestamp") {
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      for (const ESample& s : call.vectors[0]) {
        const Labels* metric = delayed() ? s.metric : q_.drop_name(s.metric);
        call.out.push_back({metric, static_cast<double>(s.t) / 1000, call.ts, true});
      }
    });
  }
  if (name == "start_timestamp") {
    // Start timestamps reach only a plain selector argument (handled in eval_call).
    return range_eval(eval_args, nullptr, [](StepCall&) {});
  }
  if (name == "vector") {
    return range_eval(eval_args, nullptr,
                      [&](StepCall& call) { call.out.push_back({q_.pool.empty(), call.vectors[0][0].f, call.ts, false}); });
  }
  if (name == "scalar") {
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      const EVector& v = call.vectors[0];
      const double value = v.size() == 1 ? v[0].f : go_nan();
      call.out.push_back({q_.pool.empty(), value, call.ts, false});
    });
  }
  if (name == "time") {
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      call.out.push_back({q_.pool.empty(), static_cast<double>(call.ts) / 1000, call.ts, false});
    });
  }
  if (name == "pi") return eval_number(M_PI);
  if (name == "max_of" || name == "min_of") {
    const bool is_max = name == "max_of";
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      const double a = call.vectors[0][0].f;
      const double b = call.vectors[1][0].f;
      call.out.push_back({q_.pool.empty(), is_max ? go_max(a, b) : go_min(a, b), call.ts, false});
    });
  }
  if (name == "absent") {
    const Labels* labels = q_.pool.intern(absent_labels(args[0]));
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      if (call.vectors[0].empty()) call.out.push_back({labels, 1, call.ts, false});
    });
  }
  if (name == "sort" || name == "sort_desc") {
    const bool desc = name == "sort_desc";
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      EVector v = call.vectors[0];
      // NaN sorts last either way (Go sorts by the reverse of a NaN-first order).
      if (desc) {
        go_sort(v, [](const ESample& a, const ESample& b) { return std::isnan(b.f) || b.f < a.f; });
      } else {
        go_sort(v, [](const ESample& a, const ESample& b) { return std::isnan(b.f) || b.f > a.f; });
      }
      call.out = std::move(v);
    });
  }
  if (name == "sort_by_label" || name == "sort_by_label_desc") {
    const bool desc = name == "sort_by_label_desc";
    std::vector<std::string_view> labels;
    for (size_t i = 1; i < args.size(); ++i) labels.push_back(string_arg(args[i]));
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      EVector v = call.vectors[0];
      auto cmp = [&](const ESample& a, const ESample& b) {
        for (std::string_view l : labels) {
          const std::string_view x = a.metric->get(l);
          const std::string_view y = b.metric->get(l);
          if (x == y) continue;
          return natural_less(x, y) ? -1 : 1;
        }
        return compare(*a.metric, *b.metric);
      };
      go_sort(v, [&](const ESample& a, const ESample& b) { return desc ? cmp(a, b) > 0 : cmp(a, b) < 0; });
      call.out = std::move(v);
    });
  }
  if (is_date_function(name)) {
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      if (call.vectors.empty()) {
        const Civil civil = civil_from_unix(call.ts / 1000);
        call.out.push_back({q_.pool.empty(), date_field(name, civil), call.ts, false});
        return;
      }
      for (const ESample& s : call.vectors[0]) {
        const Civil civil = civil_from_unix(go_int64(s.f));
        const Labels* metric = delayed() ? s.metric : q_.drop_name(s.metric);
        call.out.push_back({metric, date_field(name, civil), call.ts, true});
      }
    });
  }
  if (name == "histogram_quantile" || name == "histogram_fraction" || name == "histogram_quantiles") {
    return eval_histogram_function(c, args, eval_args);
  }
  if (name == "histogram_count" || name == "histogram_sum" || name == "histogram_avg" || name == "histogram_stddev" ||
      name == "histogram_stdvar") {
    // These read native histograms only; float samples give nothing.
    return range_eval(eval_args, nullptr, [](StepCall&) {});
  }
  fail("unsupported function " + std::string(name));
}

// ---- label_replace / label_join ----

namespace {

// regexp.Expand's $name / ${name} parsing.
bool extract_group_name(std::string_view s, std::string_view& name, int& num, size_t& consumed) {
  if (s.empty()) return false;
  bool brace = false;
  size_t start = 0;
  if (s[0] == '{') {
    brace = true;
    start = 1;
  }
  size_t i = start;
  while (i < s.size()) {
    const auto r = unicode::decode(s, i);
    if (!(unicode::is_letter_or_digit(r.rune) || r.rune == '_')) break;
    i += r.width;
  }
  if (i == start) return false;
  name = s.substr(start, i - start);
  if (brace) {
    if (i >= s.size() || s[i] != '}') return false;
    ++i;
  }
  num = 0;
  for (char ch : name) {
    if (ch < '0' || ch > '9' || num >= 100000000) {
      num = -1;
      break;
    }
    num = num * 10 + (ch - '0');
  }
  if (name[0] == '0' && name.size() > 1) num = -1;
  consumed = i;
  return true;
}

std::string expand_template(const re2::RE2& re, std::string_view tmpl, std::span<const std::string_view> groups,
                            std::span<const char> matched) {
  std::string out;
  while (!tmpl.empty()) {
    const size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out.push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    std::string_view name;
    int num = 0;
    size_t consumed = 0;
    if (!extract_group_name(tmpl, name, num, consumed)) {
      out.push_back('$');
      continue;
    }
    tmpl.remove_prefix(consumed);
    if (num >= 0) {
      if (static_cast<size_t>(num) < groups.size() && matched[static_cast<size_t>(num)]) {
        out.append(groups[static_cast<size_t>(num)]);
      }
    } else {
      const auto& names = re.NamedCapturingGroups();
      if (auto it = names.find(std::string(name)); it != names.end()) {
        const auto idx = static_cast<size_t>(it->second);
        if (idx < groups.size() && matched[idx]) out.append(groups[idx]);
      }
    }
  }
  out.append(tmpl);
  return out;
}

}  // namespace

EMatrix Evaluator::eval_label_replace(const std::vector<const Node*>& args) {
  const std::string_view dst = string_arg(args[1]);
  const std::string_view repl = string_arg(args[2]);
  const std::string_view src = string_arg(args[3]);
  const std::string_view pattern = string_arg(args[4]);
  const auto re = compile_anchored(pattern);
  if (!re) fail("invalid regular expression in label_replace(): " + std::string(pattern));
  if (!is_valid_label_name(dst)) fail("invalid destination label name in label_replace(): " + std::string(dst));
  EMatrix m = eval(*args[0]);
  const auto ngroups = static_cast<size_t>(re->NumberOfCapturingGroups()) + 1;
  std::vector<re2::StringPiece> pieces(ngroups);
  std::vector<std::string_view> groups(ngroups);
  std::vector<char> matched(ngroups);
  for (ESeries& s : m) {
    q_.charge(1);
    const std::string_view value = s.metric->get(src);
    if (!re->Match(value, 0, value.size(), re2::RE2::UNANCHORED, pieces.data(), static_cast<int>(ngroups))) continue;
    for (size_t i = 0; i < ngroups; ++i) {
      matched[i] = pieces[i].data() != nullptr;
      groups[i] = matched[i] ? std::string_view(pieces[i].data(), pieces[i].size()) : std::string_view();
    }
    const std::string res = expand_template(*re, repl, groups, matched);
    s.metric = q_.pool.intern(s.metric->with(dst, res));
    s.drop_name = dst == kMetricName ? false : s.drop_name;
  }
  return merge_same_labelset(std::move(m));
}

EMatrix Evaluator::eval_label_join(const std::vector<const Node*>& args) {
  const std::string_view dst = string_arg(args[1]);
  const std::string_view sep = string_arg(args[2]);
  std::vector<std::string_view> srcs;
  for (size_t i = 3; i < args.size(); ++i) {
    const std::string_view src = string_arg(args[i]);
    if (!is_valid_label_name(src)) fail("invalid source label name in label_join(): " + std::string(src));
    srcs.push_back(src);
  }
  if (!is_valid_label_name(dst)) fail("invalid destination label name in label_join(): " + std::string(dst));
  EMatrix m = eval(*args[0]);
  for (ESeries& s : m) {
    q_.charge(1);
    std::string joined;
    for (size_t i = 0; i < srcs.size(); ++i) {
      if (i > 0) joined += sep;
      joined += s.metric->get(srcs[i]);
    }
    s.metric = q_.pool.intern(s.metric->with(dst, joined));
    s.drop_name = dst == kMetricName ? false : s.drop_name;
  }
  return merge_same_labelset(std::move(m));
}

// ---- info() ----

namespace {

constexpr std::string_view kIdentifyingLabels[] = {"instance", "job"};

// effectiveInfoNameMatchers: the __name__ matchers that select info series.
std::vector<Matcher> effective_info_name_matchers(std::vector<Matcher> matchers) {
  for (const Matcher& m : matchers) {
    if (m.op() == promql::MatchOp::equal || m.op() == promql::MatchOp::regex) return matchers;
  }
  if (!matchers.empty()) {
    matchers.insert(matchers.begin(), Matcher("__name__", promql::MatchOp::regex, ".+_info"));
    return matchers;
  }
  return {Matcher("__name__", promql::MatchOp::equal, "target_info")};
}

// regexp.QuoteMeta.
std::string quote_meta(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The join key of a series with the info metric `name`: the name and the identifying labels.
std::string info_signature(std::string_view name, const Labels& l) {
  std::string sig(name);
  for (std::string_view id : kIdentifyingLabels) {
    sig.push_back('\xff');
    sig += id;
    sig.push_back('=');
    if (l.has(id)) {
      sig.push_back('1');
      sig += l.get(id);
    }
  }
  return sig;
}

}  // namespace

EMatrix Evaluator::eval_info(const std::vector<const Node*>& args) {
  EMatrix base = eval(*args[0]);
  // Data label matchers by label name, and the matchers on the info metrics' names.
  std::vector<Matcher> data;
  std::vector<Matcher> name_matchers;
  if (args.size() > 1) {
    for (Matcher& m : matchers_of(static_cast<const promql::VectorSelector&>(*args[1]))) {
      if (m.name() == kMetricName) name_matchers.push_back(m);
      data.push_back(std::move(m));
    }
  } else {
    name_matchers.emplace_back("__name__", promql::MatchOp::equal, "target_info");
  }
  // Info series themselves are not enriched.
  const std::vector<Matcher> effective = effective_info_name_matchers(name_matchers);
  std::vector<bool> ignore(base.size(), false);
  for (size_t i = 0; i < base.size(); ++i) {
    const std::string_view n = base[i].metric->get(kMetricName);
    ignore[i] = std::all_of(effective.begin(), effective.end(), [&](const Matcher& m) { return m.matches(n); });
  }
  // Fetch info series sharing identifying label values with the base series.
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> id_values;
  for (size_t i = 0; i < base.size(); ++i) {
    if (ignore[i]) continue;
    for (std::string_view id : kIdentifyingLabels) {
      const std::string_view v = base[i].metric->get(id);
      if (v.empty()) continue;
      auto it = std::find_if(id_values.begin(), id_values.end(), [&](const auto& p) { return p.first == id; });
      if (it == id_values.end()) it = id_values.insert(id_values.end(), {id, {}});
      if (std::find(it->second.begin(), it->second.end(), v) == it->second.end()) it->second.push_back(v);
    }
  }
  std::vector<Matcher> data_labels;  // data matchers without __name__
  for (const Matcher& m : data) {
    if (m.name() != kMetricName) data_labels.push_back(m);
  }
  EMatrix info;
  if (!id_values.empty()) {
    std::vector<Matcher> select;
    for (const auto& [id, values] : id_values) {
      std::string re;
      for (size_t k = 0; k < values.size(); ++k) {
        if (k > 0) re += '|';
        re += quote_meta(values[k]);
      }
      select.emplace_back(std::string(id), promql::MatchOp::regex, re);
    }
    for (const Matcher& m : data_labels) select.push_back(m);
    for (Matcher& m : effective_info_name_matchers(name_matchers)) select.push_back(std::move(m));
    const auto series = q_.storage.select(select);
    const int64_t n = steps();
    const int64_t lookback = q_.options.lookback_delta_ms;
    for (const StoredSeries* s : series) {
      if (s->native_histograms) fail_unsupported(kNativeHistogramsUnsupported);
      if (s->start_timestamps) fail_unsupported("start timestamps (@st) are not supported yet");
      q_.charge(static_cast<uint64_t>(n));
      // The value of each point is the sample's own timestamp (newest info sample wins).
      ESeries es{&s->labels, {}, false};
      for (int64_t k = 0; k < n; ++k) {
        const int64_t ts = start_ + k * interval_;
        if (const Point* p = s->at(ts, lookback)) es.points.push_back({ts, static_cast<double>(p->t)});
      }
      if (!es.points.empty()) {
        q_.add_samples(static_cast<int64_t>(es.points.size()));
        info.push_back(std::move(es));
      }
    }
  }
  std::vector<std::string> info_names;
  for (const ESeries& s : info) {
    const std::string name(s.metric->get(kMetricName));
    if (std::find(info_names.begin(), info_names.end(), name) == info_names.end()) info_names.push_back(name);
  }
  std::vector<std::string> info_sigs;
  for (const ESeries& s : info) info_sigs.push_back(info_signature(s.metric->get(kMetricName), *s.metric));
  const bool any_required = std::any_of(data_labels.begin(), data_labels.end(), [](const Matcher& m) { return !m.matches(""); });

  const int64_t n = steps();
  std::vector<size_t> base_cursor(base.size(), 0);
  std::vector<size_t> info_cursor(info.size(), 0);
  std::unordered_map<const Labels*, size_t, LabelsHash, LabelsEqual> index;
  std::vector<int64_t> last_ts;
  EMatrix result;
  for (int64_t k = 0; k < n; ++k) {
    const int64_t ts = start_ + k * interval_;
    q_.charge(base.size() + info.size() + 1);
    // The newest info sample per signature.
    std::unordered_map<std::string, std::pair<size_t, int64_t>> by_sig;
    for (size_t i = 0; i < info.size(); ++i) {
      size_t& c = info_cursor[i];
      if (c >= info[i].points.size() || info[i].points[c].t != ts) continue;
      const auto orig_t = static_cast<int64_t>(info[i].points[c].v);
      ++c;
      auto [it, fresh] = by_sig.emplace(info_sigs[i], std::make_pair(i, orig_t));
      if (fresh) continue;
      if (it->second.second < orig_t) {
        it->second = {i, orig_t};
      } else if (it->second.second == orig_t) {
        fail("found duplicate series for info metric: existing " + info[it->second.first].metric->to_string() + " @ " +
             std::to_string(orig_t) + ", new " + info[i].metric->to_string() + " @ " + std::to_string(orig_t));
      }
    }
    auto emit = [&](const Labels* metric, double v) {
      auto [it, fresh] = index.emplace(metric, result.size());
      if (fresh) {
        result.push_back({metric, {}, false});
        last_ts.push_back(ts);
      } else {
        if (last_ts[it->second] == ts) fail("vector cannot contain metrics with the same labelset");
        last_ts[it->second] = ts;
      }
      result[it->second].points.push_back({ts, v});
      q_.add_samples(1);
    };
    for (size_t i = 0; i < base.size(); ++i) {
      size_t& c = base_cursor[i];
      if (c >= base[i].points.size() || base[i].points[c].t != ts) continue;
      const double v = base[i].points[c].v;
      ++c;
      if (ignore[i]) {
        emit(base[i].metric, v);
        continue;
      }
      const Labels& bl = *base[i].metric;
      std::vector<Label> added;
      bool seen = false;
      for (const std::string& info_name : info_names) {
        auto it = by_sig.find(info_signature(info_name, bl));
        if (it == by_sig.end()) continue;
        seen = true;
        for (const Label& l : info[it->second.first].metric->items()) {
          if (l.name == kMetricName) continue;
          if (!data_labels.empty() && std::none_of(data_labels.begin(), data_labels.end(),
                                                   [&](const Matcher& m) { return m.name() == l.name; })) {
            continue;
          }
          auto prev = std::find_if(added.begin(), added.end(), [&](const Label& a) { return a.name == l.name; });
          if (prev != added.end() && prev->value != l.value) fail("conflicting label: " + l.name);
          if (bl.has(l.name)) continue;
          if (prev == added.end()) added.push_back(l);
        }
      }
      if (!seen && any_required) continue;
      Labels out = bl;
      for (const Label& l : added) out = out.with(l.name, l.value);
      emit(q_.pool.intern(std::move(out)), v);
    }
  }
  return result;
}

// ---- classic histograms ----

EMatrix Evaluator::eval_histogram_function(const promql::Call& c, const std::vector<const Node*>& args,
                                           const std::vector<const Node*>& eval_args) {
  const std::string_view name = c.name();
  const size_t vec_index = name == "histogram_quantile" ? 1 : (name == "histogram_fraction" ? 2 : 0);
  std::string quantile_label;
  if (name == "histogram_quantiles") quantile_label = std::string(string_arg(args[1]));
  // Per group (labels without le), the metric of its first sample and its buckets.
  struct Group {
    const Labels* metric;
    std::vector<Bucket> buckets;
  };
  std::unordered_map<std::string, size_t> index;
  std::vector<Group> groups;
  std::unordered_map<const Labels*, const Labels*> without_le;
  return range_eval(eval_args, nullptr, [&](StepCall& call) {
    const EVector& in = call.vectors[vec_index];
    if (name == "histogram_quantile" || name == "histogram_fraction") {
      if (call.vectors[0].empty()) return;
    }
    std::vector<double> qs;
    if (name == "histogram_quantile") {
      qs.push_back(call.vectors[0][0].f);
    } else if (name == "histogram_quantiles") {
      for (size_t i = 2; i < call.vectors.size(); ++i) qs.push_back(call.vectors[i][0].f);
    }
    for (double q : qs) {
      if (std::isnan(q) || q < 0 || q > 1) q_.warn("quantile value should be between 0 and 1, got " + format_g(q));
    }
    for (Group& g : groups) g.buckets.clear();
    std::vector<size_t> order;
    for (const ESample& s : in) {
      const std::string_view le = s.metric->get(kBucketLabel);
      const auto bound = promql::go::parse_float(le);
      if (!bound) {
        std::string msg = "bucket label \"le\" is missing or has a malformed value of " + go::quote(le);
        if (delayed()) {
          const std::string_view metric_name = s.metric->get(kMetricName);
          if (!metric_name.empty()) msg += " for metric name " + go::quote(metric_name);
        }
        q_.warn(std::move(msg));
        continue;
      }
      std::string key;
      static constexpr std::string_view kLe[] = {"le"};
      append_signature(key, *s.metric, kLe, false, false);
      auto [it, fresh] = index.emplace(std::move(key), groups.size());
      if (fresh) {
        auto [cached, added] = without_le.emplace(s.metric, nullptr);
        if (added) cached->second = q_.pool.intern(s.metric->without(kLe));
        groups.push_back({cached->second, {}});
      }
      Group& g = groups[it->second];
      if (g.buckets.empty()) order.push_back(it->second);
      g.buckets.push_back({*bound, s.f});
    }
    for (size_t gi : order) {
      Group& g = groups[gi];
      const Labels* metric = delayed() ? g.metric : q_.drop_name(g.metric);
      if (name == "histogram_fraction") {
        std::vector<Bucket> b = g.buckets;
        call.out.push_back(
            {metric, bucket_fraction(call.vectors[0][0].f, call.vectors[1][0].f, b), call.ts, true});
        continue;
      }
      for (double q : qs) {
        std::vector<Bucket> b = g.buckets;
        const BucketQuantileResult r = bucket_quantile(q, b);
        if (r.forced_monotonic) {
          std::string msg =
              "input to histogram_quantile needed to be fixed for monotonicity (see "
              "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)";
          if (delayed()) {
            const std::string_view metric_name = g.metric->get(kMetricName);
            if (!metric_name.empty()) msg += " for metric name " + go::quote(metric_name);
          }
          q_.info(std::move(msg));
        }
        const Labels* out_metric = metric;
        if (name == "histogram_quantiles") {
          out_metric = q_.pool.intern(metric->with(quantile_label, format_openmetrics_float(q)));
        }
        call.out.push_back({out_metric, r.value, call.ts, true});
      }
    }
  });
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits into chunks of digits and non-digits (natsort's chunkify).
std::vector<std::string_view> chunkify(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    const bool digits = is_digit(s[i]);
    size_t j = i + 1;
    while (j < s.size() && is_digit(s[j]) == digits) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

namespace {

// strconv.Atoi of a chunk of digits; false when it does not fit an int64.
bool atoi_chunk(std::string_view s, int64_t& v) {
  if (s.empty() || !is_digit(s[0])) return false;
  v = 0;
  for (char ch : s) {
    const int d = ch - '0';
    if (v > (std::numeric_limits<int64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  return true;
}

bool natural_less(std::string_view a, std::string_view b) {
  const auto ca = chunkify(a);
  const auto cb = chunkify(b);
  for (size_t i = 0; i < ca.size(); ++i) {
    if (i >= cb.size()) return false;
    int64_t ai = 0;
    int64_t bi = 0;
    const bool numeric = atoi_chunk(ca[i], ai) && atoi_chunk(cb[i], bi);
    if (numeric ? ai == bi : ca[i] == cb[i]) {
      if (i == ca.size() - 1) return true;
      if (i == cb.size() - 1) return false;
      continue;
    }
    return numeric ? ai < bi : ca[i] < cb[i];
  }
  return false;
}

}  // namespace

}  // namespace mlmon::engine::detail
