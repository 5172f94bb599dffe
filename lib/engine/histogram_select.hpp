// Native histogram samples read by an instant vector selector: the one place the evaluator returns
// them (engine.cpp, EvalOptions::native_histograms). Kept apart from the float evaluator so that
// its hot paths stay float-only.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/storage.hpp"
#include "engine/value.hpp"
#include "promql/ast.hpp"

namespace mlmon::engine::detail {

// The sample an instant selector sees at `ref`: the newest sample of either kind with
// ref - lookback < t <= ref, none when that newest sample is a stale marker.
struct SampleAt {
  const Point* f = nullptr;
  const HistogramPoint* h = nullptr;
};
SampleAt sample_at(const StoredSeries& s, int64_t ref, int64_t lookback);

// The result of `vs` read at `ref` (the step time with offset and @ applied), as the query's
// value at `t`; nullopt when none of the selected series holds histograms (the float evaluator
// then runs as usual).
std::optional<Vector> select_with_histograms(const Storage& storage, const promql::VectorSelector& vs, int64_t t,
                                             int64_t ref, int64_t lookback);

}  // namespace mlmon::engine::detail
