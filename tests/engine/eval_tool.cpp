// Developer tool: evaluates instant queries over series given in the test-file notation and prints
// the results one sample per line, sorted by labels, for comparison with another PromQL engine
// (tests/engine/differential.py compares it with promtool's rule unit tests).
//
//   engine_eval_tool [--delayed] < input
//
// Input lines:   load <step_ms> [<start_ms>]   starts a load block (series lines follow)
//                <series> <values>       in a load block
//                query <t_ms> <expr>     an instant query at t
//                range <start_ms> <end_ms> <step_ms> <expr>   a range query
// Output per query: the query line, then "error <message>" or one line per sample
// ("<labels> <value as %.17g>") or, for a range query, per series ("<labels> <t>:<value> ..."),
// sorted by labels, then an empty line.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "engine/engine.hpp"
#include "engine/series_notation.hpp"
#include "promql/parser.hpp"

using namespace mlmon;
using namespace mlmon::engine;

namespace {

std::string format(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  EvalOptions options;
  options.max_samples = 10000;  // promtool's LazyLoader
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--delayed") options.delayed_name_removal = true;
  }
  Storage storage;
  int64_t step = 0;
  int64_t load_start = 0;
  bool loading = false;
  for (std::string line; std::getline(std::cin, line);) {
    if (line.empty()) {
      loading = false;
      continue;
    }
    if (line.starts_with("load ")) {
      const size_t sp = line.find(' ', 5);
      step = std::stoll(line.substr(5, sp - 5));
      load_start = sp == std::string::npos ? 0 : std::stoll(line.substr(sp + 1));
      loading = true;
      continue;
    }
    if (line.starts_with("range ")) {
      loading = false;
      size_t a = line.find(' ', 6);
      size_t b = line.find(' ', a + 1);
      size_t c = line.find(' ', b + 1);
      const int64_t start = std::stoll(line.substr(6, a - 6));
      const int64_t end = std::stoll(line.substr(a + 1, b - a - 1));
      const int64_t step = std::stoll(line.substr(b + 1, c - b - 1));
      const std::string expr = line.substr(c + 1);
      std::cout << line << '\n';
      auto parsed = promql::parse(expr, promql::Features::all());
      if (parsed.error) {
        std::cout << "error " << promql::format_error(expr, *parsed.error) << "\n\n";
        continue;
      }
      auto r = evaluate_range(storage, parsed.ast->root(), start, end, step, options);
      if (!r) {
        std::cout << "error " << r.error().message << "\n\n";
        continue;
      }
      for (const Series& s : std::get<Matrix>(r->value)) {
        std::cout << s.metric.to_string();
        for (const Point& p : s.points) std::cout << ' ' << p.t << ':' << format(p.v);
        std::cout << '\n';
      }
      std::cout << '\n';
      continue;
    }
    if (line.starts_with("query ")) {
      loading = false;
      const size_t sp = line.find(' ', 6);
      const int64_t t = std::stoll(line.substr(6, sp - 6));
      const std::string expr = line.substr(sp + 1);
      std::cout << line << '\n';
      auto parsed = promql::parse(expr, promql::Features::all());
      if (parsed.error) {
        std::cout << "error " << promql::format_error(expr, *parsed.error) << "\n\n";
        continue;
      }
      auto r = evaluate_instant(storage, parsed.ast->root(), t, options);
      if (!r) {
        std::cout << "error " << r.error().message << "\n\n";
        continue;
      }
      std::vector<std::pair<Labels, double>> samples;
      if (const auto* v = std::get_if<Vector>(&r->value)) {
        for (const Sample& s : *v) samples.emplace_back(s.metric, s.v);
      } else if (const auto* s = std::get_if<Scalar>(&r->value)) {
        samples.emplace_back(Labels(), s->v);
      } else {
        std::cout << "error result is not a vector or scalar\n\n";
        continue;
      }
      std::sort(samples.begin(), samples.end(),
                [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
      for (const auto& [labels, v] : samples) std::cout << labels.to_string() << ' ' << format(v) << '\n';
      std::cout << '\n';
      continue;
    }
    if (loading) {
      auto d = parse_series_description(line);
      if (!d) {
        std::cerr << "bad series line: " << d.error().message << '\n';
        return 2;
      }
      int64_t t = load_start;
      for (const SequenceValue& v : d->values) {
        if (!v.omitted) {
          if (auto err = storage.append(d->labels, t, v.value)) {
            std::cerr << "append: " << *err << '\n';
            return 2;
          }
        }
        t += step;
      }
    }
  }
  return 0;
}
