#include "engine/histogram_select.hpp"

#include <algorithm>

#include "engine/matcher.hpp"

namespace mlmon::engine::detail {

SampleAt sample_at(const StoredSeries& s, int64_t ref, int64_t lookback) {
  auto f = std::upper_bound(s.points.begin(), s.points.end(), ref, [](int64_t t, const Point& p) { return t < p.t; });
  auto h = std::upper_bound(s.histograms.begin(), s.histograms.end(), ref,
                            [](int64_t t, const HistogramPoint& p) { return t < p.t; });
  auto st = std::upper_bound(s.stale.begin(), s.stale.end(), ref);
  SampleAt out;
  int64_t newest = INT64_MIN;
  if (f != s.points.begin()) {
    out.f = &*(f - 1);
    newest = out.f->t;
  }
  if (h != s.histograms.begin() && (h - 1)->t > newest) {
    out.f = nullptr;
    out.h = &*(h - 1);
    newest = out.h->t;
  }
  // Nothing when the newest sample is a stale marker or older than the lookback window.
  if ((st != s.stale.begin() && *(st - 1) > newest) || (out.f == nullptr && out.h == nullptr) ||
      newest <= static_cast<int64_t>(static_cast<uint64_t>(ref) - static_cast<uint64_t>(lookback))) {
    return {};
  }
  return out;
}

std::optional<Vector> select_with_histograms(const Storage& storage, const promql::VectorSelector& vs, int64_t t,
                                             int64_t ref, int64_t lookback) {
  const std::vector<Matcher> matchers = matchers_of(vs);
  const auto series = storage.select(matchers);
  // Without histograms, or with start timestamps (which the float evaluator refuses with its own
  // message), the float evaluator runs.
  if (std::none_of(series.begin(), series.end(), [](const StoredSeries* s) { return s->native_histograms; }) ||
      std::any_of(series.begin(), series.end(), [](const StoredSeries* s) { return s->start_timestamps; })) {
    return std::nullopt;
  }
  Vector out;
  for (const StoredSeries* s : series) {
    const SampleAt at = sample_at(*s, ref, lookback);
    if (at.f) {
      out.push_back({s->labels, t, at.f->v});
    } else if (at.h) {
      // The hint read back from storage replaces the one written (storage.hpp).
      auto h = std::make_shared<FloatHistogram>(*at.h->h);
      h->hint = at.h->hint;
      out.push_back({s->labels, t, 0, std::move(h)});
    }
  }
  return out;
}

}  // namespace mlmon::engine::detail
