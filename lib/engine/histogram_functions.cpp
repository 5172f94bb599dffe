// histogram_quantile, histogram_quantiles and histogram_fraction over classic histograms: series
// grouped by their labels without le (funcHistogramQuantile and resetHistograms in Prometheus).
#include <cmath>
#include <unordered_map>

#include "core/go_quote.hpp"
#include "engine/evaluator.hpp"
#include "engine/function_helpers.hpp"
#include "engine/quantile.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine::detail {

using promql::Node;

namespace {

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

}  // namespace

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
  // By the group's interned label set: equal for two series exactly when their labels but le are.
  std::unordered_map<const Labels*, size_t> index;
  std::vector<Group> groups;
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
      // The group and bound of a series, kept across steps (and queries with a QueryCache).
      const SharedState::Bucket& bucket = q_.bucket_of(s.metric);
      if (!bucket.valid) {
        const std::string_view le = s.metric->get(kBucketLabel);
        std::string msg = "bucket label \"le\" is missing or has a malformed value of " + go::quote(le);
        if (delayed()) {
          const std::string_view metric_name = s.metric->get(kMetricName);
          if (!metric_name.empty()) msg += " for metric name " + go::quote(metric_name);
        }
        q_.warn(std::move(msg));
        continue;
      }
      auto [it, fresh] = index.emplace(bucket.group, groups.size());
      if (fresh) groups.push_back({bucket.group, {}});
      Group& g = groups[it->second];
      if (g.buckets.empty()) order.push_back(it->second);
      g.buckets.push_back({bucket.bound, s.f});
    }
    for (size_t gi : order) {
      Group& g = groups[gi];
      const Labels* metric = delayed() ? g.metric : q_.drop_name(g.metric);
      if (name == "histogram_fraction") {
        std::vector<Bucket> b = g.buckets;
        call.out.push_back({metric, bucket_fraction(call.vectors[0][0].f, call.vectors[1][0].f, b), call.ts, true});
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

}  // namespace mlmon::engine::detail
