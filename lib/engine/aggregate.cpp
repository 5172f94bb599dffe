// Aggregation operators (rangeEvalAgg, aggregation, aggregationK, aggregationCountValues in
// engine.go): groups keep the order in which their first input series appear.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/go_quote.hpp"
#include "engine/evaluator.hpp"
#include "engine/go_math.hpp"
#include "engine/go_sort.hpp"
#include "engine/quantile.hpp"
#include "engine/xxhash.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine::detail {

using promql::AggregateOp;

namespace {

constexpr double kMaxInt64 = 9223372036854774784.0;  // largest float below 2^63
constexpr double kMinInt64 = -9223372036854775808.0;

// The aggregation parameter (k, q, ratio) per step (fParams in value.go).
struct Params {
  std::vector<Point> points;
  bool constant = false;
  double value = 0;
  double min = 0;
  double max = 0;
  bool any_nan = false;
  size_t next = 0;

  double next_value() {
    if (constant) return value;
    if (next < points.size()) return points[next++].v;
    return 0;
  }
};

std::string grouping_key(const Labels& metric, std::span<const std::string_view> grouping, bool without) {
  std::string key;
  if (!without && grouping.empty()) return key;
  append_signature(key, metric, grouping, !without, without);
  return key;
}

struct Group {
  bool seen = false;
  double value = 0;
  double mean = 0;
  double kahan = 0;
  double count = 0;
  bool incremental = false;
  bool drop_name = false;
  std::vector<double> values;  // quantile
  std::vector<ESample> heap;   // topk, bottomk, limitk, limit_ratio
  bool complete = false;       // limitk: k elements collected
};

bool topk_less(const ESample& a, const ESample& b) { return std::isnan(a.f) || a.f < b.f; }
bool bottomk_less(const ESample& a, const ESample& b) { return std::isnan(a.f) || a.f > b.f; }

}  // namespace

Labels grouping_labels(const Labels& metric, std::span<const std::string_view> grouping, bool without) {
  if (without) return metric.without(grouping).without(std::span<const std::string_view>(&kMetricName, 1));
  if (grouping.empty()) return Labels();
  return metric.keep_only(grouping);
}

// limit_ratio's sampler: a label set's offset in [0, 1), its Prometheus hash / MaxUint64.
double ratio_offset_of(const Labels& l) {
  return static_cast<double>(prometheus_hash(l)) / static_cast<double>(std::numeric_limits<uint64_t>::max());
}

EMatrix Evaluator::eval_aggregate(const promql::AggregateExpr& a) {
  std::vector<std::string_view> grouping(a.grouping.begin(), a.grouping.end());
  std::sort(grouping.begin(), grouping.end());
  const promql::Node* expr = unparen(a.expr);

  if (a.op == AggregateOp::count_values) {
    const auto* label_node = static_cast<const promql::StringLiteral*>(unparen(a.param));
    const std::string_view label = label_node->value;
    if (!is_valid_label_name(label)) fail("invalid label name " + go::quote(label));
    if (!a.without) {
      grouping.push_back(label);
      std::sort(grouping.begin(), grouping.end());
    }
    const promql::Node* args[1] = {expr};
    return range_eval(args, nullptr, [&](StepCall& c) {
      struct Count {
        const Labels* labels;
        double n;
      };
      std::unordered_map<std::string, size_t> index;
      std::vector<Count> counts;
      for (const ESample& s : c.vectors[0]) {
        const Labels metric = s.metric->with(label, promql::go::format_float(s.f));
        auto [it, fresh] = index.emplace(grouping_key(metric, grouping, a.without), counts.size());
        if (fresh) {
          counts.push_back({q_.pool.intern(grouping_labels(metric, grouping, a.without)), 1});
        } else {
          counts[it->second].n += 1;
        }
      }
      for (const Count& cnt : counts) c.out.push_back({cnt.labels, cnt.n, c.ts, false});
    });
  }

  const int64_t original_samples = q_.samples;
  Params params;
  if (a.param) {
    const promql::Node* p = unparen(a.param);
    params.constant = p->kind == promql::NodeKind::number_literal;
    EMatrix pm = eval(*p);
    if (!pm.empty()) {
      params.points = std::move(pm[0].points);
      if (params.constant) {
        params.value = params.points.empty() ? 0 : params.points[0].v;
        params.min = params.max = params.value;
        params.any_nan = std::isnan(params.value);
      } else {
        params.min = std::numeric_limits<double>::max();
        params.max = -std::numeric_limits<double>::max();
        for (const Point& pt : params.points) {
          params.max = go_max(params.max, pt.v);
          params.min = go_min(params.min, pt.v);
          if (std::isnan(pt.v)) params.any_nan = true;
        }
      }
    }
  }
  EMatrix input = eval(*expr);
  const AggregateOp op = a.op;
  const bool k_op = op == AggregateOp::topk || op == AggregateOp::bottomk || op == AggregateOp::limitk ||
                    op == AggregateOp::limit_ratio;

  // Input series -> group. Two series share a group exactly when their grouping labels are equal
  // (the labels a grouping key would be made of), and interned label sets are equal exactly when
  // their addresses are: the group is found by address, and the mapping outlives the query when
  // a QueryCache is used.
  auto& group_labels = q_.groups_of(grouping, a.without);
  std::unordered_map<const Labels*, size_t> group_index;
  std::vector<size_t> series_group(input.size());
  EMatrix result;
  size_t num_groups = 0;
  for (size_t si = 0; si < input.size(); ++si) {
    const Labels* metric = input[si].metric;
    auto known = group_labels.find(metric);
    if (known == group_labels.end()) {
      known = group_labels.emplace(metric, q_.pool.intern(grouping_labels(*metric, grouping, a.without))).first;
    }
    auto [it, fresh] = group_index.emplace(known->second, num_groups);
    if (fresh) {
      if (!k_op) result.push_back({known->second, {}, false});
      ++num_groups;
    }
    series_group[si] = it->second;
  }
  std::vector<Group> groups(num_groups);

  switch (op) {
    case AggregateOp::topk:
    case AggregateOp::bottomk:
    case AggregateOp::limitk:
      if (params.max < 1) {
        q_.samples = original_samples;
        return {};
      }
      if (params.any_nan) fail("Parameter value is NaN");
      if (params.min <= kMinInt64) fail("Scalar value " + format_g(params.min) + " underflows int64");
      if (params.max >= kMaxInt64) fail("Scalar value " + format_g(params.max) + " overflows int64");
      break;
    case AggregateOp::limit_ratio:
      if (params.max == 0 && params.min == 0) {
        q_.samples = original_samples;
        return {};
      }
      if (params.any_nan) fail("Ratio value is NaN");
      if (params.max > 1.0) {
        q_.warn("ratio value should be between -1 and 1, got " + format_g(params.max) + ", capping to 1");
      }
      if (params.min < -1.0) {
        q_.warn("ratio value should be between -1 and 1, got " + format_g(params.min) + ", capping to -1");
      }
      break;
    case AggregateOp::quantile:
      if (params.any_nan) q_.warn("quantile value should be between 0 and 1, got NaN");
      if (params.max > 1) q_.warn("quantile value should be between 0 and 1, got " + format_g(params.max));
      if (params.min < 0) q_.warn("quantile value should be between 0 and 1, got " + format_g(params.min));
      break;
    default: break;
  }

  std::vector<size_t> cursor(input.size(), 0);
  auto next_value = [&](size_t si, int64_t ts, double& f) {
    const auto& pts = input[si].points;
    size_t& c = cursor[si];
    if (c < pts.size() && pts[c].t == ts) {
      f = pts[c].v;
      ++c;
      return true;
    }
    return false;
  };

  const int64_t n = steps();
  const int64_t temp_samples = q_.samples;
  // k aggregations in range queries: output series by input labels.
  std::unordered_map<const Labels*, size_t, LabelsHash, LabelsEqual> k_index;
  EMatrix k_result;

  for (int64_t step = 0; step < n; ++step) {
    const int64_t ts = start_ + step * interval_;
    const double fparam = params.next_value();
    q_.samples = temp_samples;
    q_.charge(input.size() + 1);
    for (Group& g : groups) g.seen = false;

    if (k_op) {
      // aggregationK
      size_t remaining = groups.size();
      bool empty_step = false;
      for (size_t si = 0; si < input.size(); ++si) {
        double f = 0;
        if (!next_value(si, ts, f)) continue;
        const ESample s{input[si].metric, f, ts, input[si].drop_name};
        int64_t k = 0;
        double r = 0;
        if (op == AggregateOp::limit_ratio) {
          if (fparam == 0) {
            empty_step = true;
          } else {
            r = fparam < -1.0 ? -1.0 : (fparam > 1.0 ? 1.0 : fparam);
          }
        } else {
          k = std::min(go_int64(fparam), static_cast<int64_t>(input.size()));
          if (k < 1) empty_step = true;
        }
        if (empty_step) {
          for (size_t rest = si + 1; rest < input.size(); ++rest) next_value(rest, ts, f);
          break;
        }
        Group& g = groups[series_group[si]];
        auto add_ratio = [&](const ESample& x) {
          const double off = ratio_offset_of(*x.metric);
          return (r >= 0 && off < r) || (r < 0 && off >= 1.0 + r);
        };
        if (!g.seen) {
          g = Group{};
          g.seen = true;
          switch (op) {
            case AggregateOp::limit_ratio:
              if (add_ratio(s)) go_heap_push(g.heap, s, topk_less);
              break;
            case AggregateOp::limitk: g.heap.push_back(s); break;
            case AggregateOp::topk: go_heap_push(g.heap, s, topk_less); break;
            default: go_heap_push(g.heap, s, bottomk_less); break;
          }
          // limitk completes a group at its k-th element (checked on later elements only).
          continue;
        }
        switch (op) {
          case AggregateOp::topk:
            if (static_cast<int64_t>(g.heap.size()) < k) {
              go_heap_push(g.heap, s, topk_less);
            } else if (g.heap[0].f < s.f || (std::isnan(g.heap[0].f) && !std::isnan(s.f))) {
              g.heap[0] = s;
              if (k > 1) go_heap_fix(g.heap, 0, topk_less);
            }
            break;
          case AggregateOp::bottomk:
            if (static_cast<int64_t>(g.heap.size()) < k) {
              go_heap_push(g.heap, s, bottomk_less);
            } else if (g.heap[0].f > s.f || (std::isnan(g.heap[0].f) && !std::isnan(s.f))) {
              g.heap[0] = s;
              if (k > 1) go_heap_fix(g.heap, 0, bottomk_less);
            }
            break;
          case AggregateOp::limitk:
            if (static_cast<int64_t>(g.heap.size()) < k) go_heap_push(g.heap, s, topk_less);
            if (!g.complete && static_cast<int64_t>(g.heap.size()) == k) {
              g.complete = true;
              if (--remaining == 0) {
                for (size_t rest = si + 1; rest < input.size(); ++rest) next_value(rest, ts, f);
                si = input.size();
              }
            }
            break;
          default:  // limit_ratio
            if (add_ratio(s)) go_heap_push(g.heap, s, topk_less);
            break;
        }
      }
      EMatrix step_out;
      if (!empty_step) {
        for (Group& g : groups) {
          if (!g.seen) continue;
          if (op == AggregateOp::topk && g.heap.size() > 1) {
            go_sort(g.heap, [](const ESample& x, const ESample& y) { return topk_less(y, x); });
          } else if (op == AggregateOp::bottomk && g.heap.size() > 1) {
            go_sort(g.heap, [](const ESample& x, const ESample& y) { return bottomk_less(y, x); });
          }
          for (const ESample& v : g.heap) {
            if (instant()) {
              step_out.push_back({v.metric, {{ts, v.f}}, v.drop_name});
              continue;
            }
            auto [it, fresh] = k_index.emplace(v.metric, k_result.size());
            if (fresh) k_result.push_back({v.metric, {}, v.drop_name});
            k_result[it->second].points.push_back({ts, v.f});
          }
        }
      }
      if (instant()) {
        q_.samples = original_samples + static_cast<int64_t>(step_out.size());
        return step_out;
      }
      continue;
    }

    for (size_t si = 0; si < input.size(); ++si) {
      double f = 0;
      if (!next_value(si, ts, f)) continue;
      Group& g = groups[series_group[si]];
      if (!g.seen) {
        g.seen = true;
        g.value = f;
        g.mean = f;
        g.kahan = 0;
        g.count = 1;
        g.incremental = false;
        g.drop_name = input[si].drop_name;
        switch (op) {
          case AggregateOp::stdvar:
          case AggregateOp::stddev: g.value = std::isnan(f) || std::isinf(f) ? go_nan() : 0; break;
          case AggregateOp::quantile: g.values.assign(1, f); break;
          case AggregateOp::group: g.value = 1; break;
          default: break;
        }
        continue;
      }
      if (input[si].drop_name) g.drop_name = true;
      switch (op) {
        case AggregateOp::sum: kahan_inc(f, g.value, g.kahan); break;
        case AggregateOp::avg: {
          g.count++;
          if (!g.incremental) {
            double nv = g.value;
            double nc = g.kahan;
            kahan_inc(f, nv, nc);
            if (!std::isinf(nv)) {
              g.value = nv;
              g.kahan = nc;
              break;
            }
            // The sum would overflow: continue with the incremental mean.
            g.incremental = true;
            g.mean = g.value / (g.count - 1);
            g.kahan /= g.count - 1;
          }
          const double q = (g.count - 1) / g.count;
          double mean = q * g.mean;
          double c = q * g.kahan;
          kahan_inc(f / g.count, mean, c);
          g.mean = mean;
          g.kahan = c;
          break;
        }
        case AggregateOp::max:
          if (g.value < f || std::isnan(g.value)) g.value = f;
          break;
        case AggregateOp::min:
          if (g.value > f || std::isnan(g.value)) g.value = f;
          break;
        case AggregateOp::count: g.count++; break;
        case AggregateOp::stdvar:
        case AggregateOp::stddev: {
          g.count++;
          const double delta = f - g.mean;
          g.mean += delta / g.count;
          g.value += delta * (f - g.mean);
          break;
        }
        case AggregateOp::quantile: g.values.push_back(f); break;
        default: break;
      }
    }
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      Group& g = groups[gi];
      if (!g.seen) continue;
      double v = g.value;
      switch (op) {
        case AggregateOp::avg: v = g.incremental ? g.mean + g.kahan : g.value / g.count + g.kahan / g.count; break;
        case AggregateOp::count: v = g.count; break;
        case AggregateOp::stdvar: v = g.value / g.count; break;
        case AggregateOp::stddev: v = std::sqrt(g.value / g.count); break;
        case AggregateOp::quantile: v = quantile(fparam, g.values); break;
        case AggregateOp::sum: v = g.value + g.kahan; break;
        default: break;
      }
      result[gi].points.push_back({ts, v});
      result[gi].drop_name = g.drop_name;
    }
    q_.samples = temp_samples;
  }

  EMatrix out;
  if (k_op) {
    out = std::move(k_result);
  } else {
    for (ESeries& s : result) {
      if (!s.points.empty()) out.push_back(std::move(s));
    }
  }
  int64_t total = 0;
  for (const ESeries& s : out) total += static_cast<int64_t>(s.points.size());
  q_.samples = original_samples + total;
  return out;
}

}  // namespace mlmon::engine::detail
