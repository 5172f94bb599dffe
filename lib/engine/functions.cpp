// Function calls (the Call case of engine.go's eval): the dispatch, and the instant-vector
// functions of functions.go, which run per step over the evaluated arguments. Range-vector,
// label and histogram functions have files of their own.

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "engine/calendar.hpp"
#include "engine/evaluator.hpp"
#include "engine/function_helpers.hpp"
#include "engine/go_math.hpp"
#include "engine/go_sort.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine::detail {

namespace {

using promql::Node;
using promql::NodeKind;

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
    {"abs", go_abs},   {"acos", go_acos},   {"acosh", go_acosh}, {"asin", go_asin}, {"asinh", go_asinh},
    {"atan", go_atan}, {"atanh", go_atanh}, {"ceil", go_ceil},   {"cos", go_cos},   {"cosh", go_cosh},
    {"deg", go_deg},   {"exp", go_exp},     {"floor", go_floor}, {"ln", go_ln},     {"log10", go_log10},
    {"log2", go_log2}, {"rad", go_rad},     {"sgn", go_sgn},     {"sin", go_sin},   {"sinh", go_sinh},
    {"sqrt", go_sqrt}, {"tan", go_tan},     {"tanh", go_tanh},
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

}  // namespace

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

std::string_view string_arg(const Node* n) { return static_cast<const promql::StringLiteral*>(unparen(n))->value; }

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
    return range_eval(eval_args, nullptr, [&](StepCall& call) {
      call.out.push_back({q_.pool.empty(), call.vectors[0][0].f, call.ts, false});
    });
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
