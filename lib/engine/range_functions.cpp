// Range-vector functions (functions.go): each runs per series and step over a window of samples,
// a span of the stored (or subquery) points that a cursor advances with the steps.
#include <algorithm>
#include <cmath>

#include "core/go_quote.hpp"
#include "engine/evaluator.hpp"
#include "engine/function_helpers.hpp"
#include "engine/go_math.hpp"
#include "engine/quantile.hpp"

namespace mlmon::engine::detail {

using promql::Node;
using promql::NodeKind;

// time.Duration.Seconds() of a whole number of nanoseconds.
double duration_seconds(int64_t ns) {
  const int64_t sec = ns / 1'000'000'000;
  const int64_t nsec = ns % 1'000'000'000;
  return static_cast<double>(sec) + static_cast<double>(nsec) / 1e9;
}

namespace {

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
  const double left = x.smoothed && f[first].t < x.range_start
                          ? interpolate(f[first], f[first + 1], x.range_start, counter)
                          : f[first].v;
  const double right = x.smoothed && last > 0 && f[last].t > x.range_end
                           ? interpolate(f[last - 1], f[last], x.range_end, counter)
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
  const ptrdiff_t last_le =
      static_cast<ptrdiff_t>(search(f.size(), [&](size_t i) { return f[i].t > x.range_start; })) - 1;
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

}  // namespace

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
    WindowCursor cursor(stored ? std::span<const Point>((*stored)[si]->points)
                               : std::span<const Point>(sub[si].points));
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
          return metric_name.size() >= suffix.size() &&
                 metric_name.substr(metric_name.size() - suffix.size()) == suffix;
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

}  // namespace mlmon::engine::detail
