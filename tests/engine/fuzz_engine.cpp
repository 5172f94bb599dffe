// libFuzzer target for the PromQL engine (built with -DMLMON_FUZZ=ON and clang, with ASan and
// UBSan): parses the input as a query and evaluates it over a small random store, as instant and
// range queries, with and without delayed __name__ removal. Checks that evaluation never crashes,
// hangs or misbehaves and that results keep the engine's invariants (unique label sets, sorted
// matrices, points in time order).
//
// Input: the query, optionally followed by a NUL byte and bytes that shape the store; without
// them the store is derived from a hash of the query, so plain expressions are good seeds.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "promql/parser.hpp"

namespace {

using namespace mlmon;
using namespace mlmon::engine;

// A deterministic byte source: the data bytes, then a simple generator seeded from them.
class Bytes {
 public:
  Bytes(std::string_view data, uint64_t seed) : data_(data), state_(seed | 1) {}
  uint8_t next() {
    if (pos_ < data_.size()) return static_cast<uint8_t>(data_[pos_++]);
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<uint8_t>(state_ >> 24);
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  uint64_t state_;
};

double value_of(uint8_t b, double& counter) {
  switch (b % 20) {
    case 0: return 0;
    case 1: return 1;
    case 2: return -1;
    case 3: return 2.5;
    case 4: return 1e308;
    case 5: return -1e308;
    case 6: return std::nan("");
    case 7: return INFINITY;
    case 8: return -INFINITY;
    case 9: return stale_nan();
    case 10: return 5e-324;
    case 11: return 1e6;
    case 12: return -0.0;
    default: counter += b % 7; return counter;
  }
}

Storage make_store(Bytes& in) {
  static const char* const kNames[] = {"a", "b_total", "c_bucket", "up"};
  static const char* const kLe[] = {"0.5", "1", "+Inf", "x"};
  static const int64_t kSteps[] = {1000, 15'000, 60'000, 300'000};
  Storage s;
  const int series = 1 + in.next() % 8;
  const int points = 1 + in.next() % 24;
  const int64_t step = kSteps[in.next() % 4];
  const int64_t start = (static_cast<int64_t>(in.next()) - 64) * 60'000;
  for (int i = 0; i < series; ++i) {
    const uint8_t shape = in.next();
    std::vector<Label> labels = {{"__name__", kNames[shape % 4]}, {"job", (shape >> 2) % 2 ? "x" : "y"}};
    if (shape % 4 == 2) labels.push_back({"le", kLe[(shape >> 3) % 4]});
    if ((shape >> 5) % 2) labels.push_back({"instance", std::to_string(i)});
    StoredSeries& stored = s.series(Labels(std::move(labels)));
    double counter = 0;
    int64_t t = start;
    for (int p = 0; p < points; ++p) {
      const uint8_t b = in.next();
      if (b % 11 != 10) (void)Storage::append(stored, t, value_of(b, counter));  // % 11 == 10: a gap
      t += step;
    }
  }
  return s;
}

void fail(const char* what, std::string_view query) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(query.size()), query.data());
  std::abort();
}

void check_result(const Value& v, std::string_view query) {
  if (const auto* vec = std::get_if<Vector>(&v)) {
    for (size_t i = 0; i < vec->size(); ++i) {
      for (size_t j = i + 1; j < vec->size(); ++j) {
        if ((*vec)[i].metric == (*vec)[j].metric) fail("vector with a repeated label set", query);
      }
    }
  } else if (const auto* m = std::get_if<Matrix>(&v)) {
    for (size_t i = 0; i < m->size(); ++i) {
      if (i > 0 && compare((*m)[i - 1].metric, (*m)[i].metric) >= 0) fail("matrix not sorted or not unique", query);
      const auto& pts = (*m)[i].points;
      for (size_t k = 1; k < pts.size(); ++k) {
        if (pts[k - 1].t >= pts[k].t) fail("points out of time order", query);
      }
    }
  }
}

void evaluate(const Storage& s, const promql::Node& root, std::string_view query, Bytes& in) {
  EvalOptions options;
  options.max_samples = 5000;
  options.max_work = 200'000;  // bounds the time per input
  for (int mode = 0; mode < 2; ++mode) {
    options.delayed_name_removal = mode == 1;
    options.force_at_ms.reset();
    if (in.next() % 4 == 0) options.force_at_ms = (static_cast<int64_t>(in.next()) - 64) * 30'000;
    const int64_t t = (static_cast<int64_t>(in.next()) - 64) * 45'000;
    auto r = evaluate_instant(s, root, t, options);
    if (r) check_result(r->value, query);
    const int64_t step = 1000 * (1 + in.next() % 600);
    const int64_t steps = in.next() % 12;
    if (root.type == promql::ValueType::vector || root.type == promql::ValueType::scalar) {
      auto rr = evaluate_range(s, root, t, t + steps * step, step, options);
      if (rr) check_result(rr->value, query);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view query = input.substr(0, nul);
  const std::string_view store_bytes = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  uint64_t seed = 1469598103934665603ULL;
  for (char c : query) seed = (seed ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  auto parsed = promql::parse(query, promql::Features::all());
  if (parsed.error) return 0;
  Bytes in(store_bytes, seed);
  const Storage store = make_store(in);
  evaluate(store, parsed.ast->root(), query, in);
  return 0;
}
