// Throughput of the PromQL engine (not a test): prints time per query, series per second and
// nanoseconds per sample read, best of several runs, for the queries the README reports.
//
//   build/tests/engine/bench_engine [RUNS]    (default 5)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "engine/engine.hpp"
#include "promql/parser.hpp"

using namespace mlmon;
using namespace mlmon::engine;

namespace {

constexpr int64_t kScrape = 15'000;  // one sample every 15 s

double best_seconds(const std::function<void()>& run, int repeats) {
  double best = 1e30;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

// A counter per series, increasing by a per-series rate, for `duration_ms` up to `end`.
void add_counters(Storage& s, const std::vector<Labels>& series, int64_t end, int64_t duration_ms) {
  for (size_t i = 0; i < series.size(); ++i) {
    StoredSeries& stored = s.series(series[i]);
    double v = 0;
    for (int64_t t = end - duration_ms; t <= end; t += kScrape) {
      v += 1.0 + static_cast<double>(i % 7);
      (void)Storage::append(stored, t, v);
    }
  }
}

void report(const char* what, double seconds, size_t series, size_t samples) {
  std::printf("%-64s %9.2f ms %12.0f series/s %7.1f ns/sample\n", what, seconds * 1e3,
              static_cast<double>(series) / seconds, seconds * 1e9 / static_cast<double>(samples));
}

std::unique_ptr<promql::Ast> parse(const std::string& q) {
  auto r = promql::parse(q);
  if (r.error) {
    std::fprintf(stderr, "bench: %s: %s\n", q.c_str(), r.error->message.c_str());
    std::exit(2);
  }
  return std::move(r.ast);
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 5;
  const int64_t end = 1'700'000'000'000;
  std::printf("PromQL engine (best of %d runs; samples = points in the range windows read)\n", repeats);

  {
    Storage s;
    std::vector<Labels> series;
    for (int i = 0; i < 10'000; ++i) {
      series.push_back(Labels({{"__name__", "http_requests_total"},
                               {"job", "job" + std::to_string(i % 10)},
                               {"instance", "host-" + std::to_string(i) + ":9100"}}));
    }
    add_counters(s, series, end, 3'600'000);
    const size_t window_samples = series.size() * (300'000 / kScrape);  // 20 samples per 5m window
    EvalOptions options;
    for (const char* q : {"rate(http_requests_total[5m])", "sum by (job) (rate(http_requests_total[5m]))"}) {
      auto ast = parse(q);
      size_t n = 0;
      const double secs = best_seconds(
          [&] {
            auto r = evaluate_instant(s, ast->root(), end, options);
            n = r ? std::get<Vector>(r->value).size() : 0;
          },
          repeats);
      report((std::string("instant ") + q + " (10,000 series)").c_str(), secs, series.size(), window_samples);
      if (n == 0) std::fprintf(stderr, "bench: empty result for %s\n", q);
    }
  }

  {
    Storage s;
    std::vector<Labels> series;
    for (int inst = 0; inst < 100; ++inst) {
      for (int b = 0; b < 100; ++b) {
        const std::string le = b == 99 ? "+Inf" : std::to_string(0.001 * (b + 1) * (b + 1));
        series.push_back(Labels({{"__name__", "request_duration_seconds_bucket"},
                                 {"instance", "host-" + std::to_string(inst)},
                                 {"le", le}}));
      }
    }
    // Cumulative buckets: bucket b grows by b+1 per scrape.
    for (size_t i = 0; i < series.size(); ++i) {
      StoredSeries& stored = s.series(series[i]);
      double v = 0;
      for (int64_t t = end - 3'600'000; t <= end; t += kScrape) {
        v += static_cast<double>(i % 100 + 1);
        (void)Storage::append(stored, t, v);
      }
    }
    const char* q = "histogram_quantile(0.99, sum by (le) (rate(request_duration_seconds_bucket[5m])))";
    auto ast = parse(q);
    const double secs = best_seconds([&] { (void)evaluate_instant(s, ast->root(), end, {}); }, repeats);
    report("instant histogram_quantile(0.99, sum by (le) (rate(b[5m]))) (100x100)", secs, series.size(),
           series.size() * 20);
  }

  {
    Storage s;
    std::vector<Labels> series;
    for (int i = 0; i < 100; ++i) {
      series.push_back(Labels({{"__name__", "http_requests_total"}, {"instance", "host-" + std::to_string(i)}}));
    }
    add_counters(s, series, end, 86'400'000 + 300'000);
    auto ast = parse("rate(http_requests_total[5m])");
    const int64_t steps = 86'400'000 / 60'000 + 1;
    size_t points = 0;
    const double secs = best_seconds(
        [&] {
          auto r = evaluate_range(s, ast->root(), end - 86'400'000, end, 60'000, {});
          points = 0;
          if (r) {
            for (const auto& x : std::get<Matrix>(r->value)) points += x.points.size();
          }
        },
        repeats);
    report("range rate(x[5m]) over 1 day at 1m (100 series, 1441 steps)", secs, series.size(),
           series.size() * static_cast<size_t>(steps) * 20);
    if (points != series.size() * static_cast<size_t>(steps)) std::fprintf(stderr, "bench: got %zu points\n", points);
  }
  return 0;
}
