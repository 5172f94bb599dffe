// Parser throughput on typical rule expressions (not a test). Prints expressions per second of
// CPU time on one core, for a fixed set modelled on real alerting rules and for the shared rule corpus.
//   bench_promql [seconds-per-run]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "promql/parser.hpp"

namespace {

const char* const kTypical[] = {
    "up == 0",
    "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05",
    "histogram_quantile(0.99, sum by (le, service) (rate(request_duration_seconds_bucket[5m]))) > 0.5",
    "node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} / node_filesystem_size_bytes < 0.1",
    "increase(kube_pod_container_status_restarts_total[1h]) > 3",
    "predict_linear(node_filesystem_free_bytes{job=\"node\"}[6h], 4 * 3600) < 0",
    "avg_over_time(probe_success[10m]) * 100 < 90",
    "time() - process_start_time_seconds < 300",
    "count by (cluster) (kube_node_status_condition{condition=\"Ready\",status=\"true\"} == 0) > 0",
    "rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]) / on(pod) group_left "
    "kube_pod_container_resource_limits{resource=\"cpu\"} > 0.9",
    "absent(up{job=\"prometheus\"})",
    "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])",
    "topk(5, sum without (instance) (rate(errors_total[1m])))",
    "(1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))) * 100 > 80",
};

std::vector<std::string> load_corpus() {
  std::vector<std::string> out;
  const std::filesystem::path dir = std::filesystem::path(MLMON_CORPUS_DIR) / "rules" / "awesome-prometheus-alerts";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      const size_t key = line.find("expr: '");
      if (key == std::string::npos || line.back() != '\'') continue;
      std::string expr;
      const std::string quoted = line.substr(key + 7, line.size() - key - 8);
      for (size_t i = 0; i < quoted.size(); ++i) {
        expr += quoted[i];
        if (quoted[i] == '\'' && i + 1 < quoted.size() && quoted[i + 1] == '\'') ++i;
      }
      out.push_back(expr);
    }
  }
  return out;
}

// CPU time of this thread, so a busy machine does not distort the result.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void run(const char* label, const std::vector<std::string>& exprs, const mlmon::promql::ParseOptions& options,
         double seconds) {
  using clock = std::chrono::steady_clock;
  size_t parsed = 0;
  size_t bytes = 0;
  size_t errors = 0;
  const double cpu_start = thread_cpu_seconds();
  const auto deadline = clock::now() + std::chrono::duration<double>(seconds);
  while (clock::now() < deadline) {
    for (const std::string& e : exprs) {
      const auto r = mlmon::promql::parse(e, options);
      errors += r.error.has_value();
      bytes += e.size();
    }
    parsed += exprs.size();
  }
  const double elapsed = thread_cpu_seconds() - cpu_start;
  std::printf("%-44s %10.0f expressions/s  %6.3f us/expr  %6.1f MB/s  (%zu exprs, %zu errors)\n", label,
              parsed / elapsed, elapsed * 1e6 / parsed, bytes / elapsed / 1e6, exprs.size(),
              errors / (parsed / exprs.size()));
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  const std::vector<std::string> typical(std::begin(kTypical), std::end(kTypical));
  const std::vector<std::string> corpus = load_corpus();
  mlmon::promql::ParseOptions checked;
  mlmon::promql::ParseOptions unchecked;
  unchecked.validate_regex = false;
  run("typical rule expressions", typical, checked, seconds);
  run("typical, regex validation off", typical, unchecked, seconds);
  if (!corpus.empty()) {
    run("awesome-prometheus-alerts exprs", corpus, checked, seconds);
    run("awesome-prometheus-alerts, regex off", corpus, unchecked, seconds);
  }
  return 0;
}
