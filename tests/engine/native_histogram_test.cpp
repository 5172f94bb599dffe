// Native histograms: FloatHistogram's text and arithmetic, the store's counter reset hints, and
// the one query shape that returns them (a top-level instant selector).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "engine/engine.hpp"
#include "engine/float_histogram.hpp"
#include "engine/histogram_notation.hpp"
#include "engine/storage.hpp"
#include "promql/parser.hpp"

using namespace mlmon::engine;

namespace {

FloatHistogram hist(std::string_view text) {
  std::size_t pos = 0;
  auto h = parse_histogram_desc(text, pos);
  REQUIRE_MESSAGE(h, text << ": " << h.error().message);
  REQUIRE(pos == text.size());
  return *h;
}

std::shared_ptr<const FloatHistogram> shared(std::string_view text) {
  return std::make_shared<const FloatHistogram>(hist(text));
}

const Labels kH({{"__name__", "h"}});

Expected<QueryResult> instant(const Storage& s, const std::string& expr, int64_t t, bool histograms = true) {
  auto parsed = mlmon::promql::parse(expr, mlmon::promql::Features::all());
  REQUIRE_MESSAGE(!parsed.error, expr);
  EvalOptions o;
  o.native_histograms = histograms;
  // The AST must outlive the evaluation only; the result holds copies.
  return evaluate_instant(s, parsed.ast->root(), t, o);
}

// The one sample of an instant query: its TestExpression, its float, or "<none>".
std::string one(const Storage& s, const std::string& expr, int64_t t) {
  auto r = instant(s, expr, t);
  REQUIRE_MESSAGE(r, expr << ": " << r.error().message);
  const auto& v = std::get<Vector>(r->value);
  if (v.empty()) return "<none>";
  REQUIRE(v.size() == 1);
  return v[0].h ? v[0].h->test_expression() : std::to_string(v[0].v);
}

}  // namespace

TEST_CASE("TestExpression: fields in promtool's order, %g numbers, spans compacted to one") {
  CHECK(hist("{{schema:1 sum:-0.3 count:32.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:-3 "
             "n_buckets:[4.1 5] n_offset:-5}}")
            .test_expression() ==
        "{{schema:1 count:32.1 sum:-0.3 z_bucket:7.1 z_bucket_w:0.05 offset:-3 buckets:[5.1 10 7] n_offset:-5 "
        "n_buckets:[4.1 5]}}");
  CHECK(hist("{{}}").test_expression() == "{{}}");
  // Zero buckets at either end are dropped (Compact), inner ones kept.
  CHECK(hist("{{buckets:[0 1 0 2 0] offset:1}}").test_expression() == "{{offset:2 buckets:[1 0 2]}}");
  CHECK(hist("{{count:Inf sum:NaN buckets:[1e10 1e-7 0.0001] counter_reset_hint:gauge}}").test_expression() ==
        "{{count:+Inf sum:NaN counter_reset_hint:gauge buckets:[1e+10 1e-07 0.0001]}}");
  CHECK(hist("{{schema:-53 custom_values:[1 2.5] buckets:[1 1]}}").test_expression() ==
        "{{schema:-53 custom_values:[1 2.5] buckets:[1 1]}}");
  FloatHistogram two_spans;
  two_spans.positive_spans = {{-1, 1}, {2, 2}};
  two_spans.positive_buckets = {1, 2, 3};
  CHECK(two_spans.test_expression() == "{{offset:-1 buckets:[1 0 0 2 3]}}");
}

TEST_CASE("add and sub: buckets by index, the finer schema reduced, hints as adjustCounterReset") {
  auto sum = add(hist("{{schema:0 sum:3 count:2 buckets:[0 2 0 1] offset:2}}"),
                 hist("{{schema:2 sum:1.3 count:1 buckets:[1 1 1 1 1]}}"));
  REQUIRE(sum);
  CHECK(sum->test_expression() == "{{count:3 sum:4.3 buckets:[1 4 0 2 0 1]}}");
  auto diff =
      sub(hist("{{sum:3 count:2 buckets:[2] counter_reset_hint:gauge}}"), hist("{{sum:1 count:1 buckets:[1]}}"));
  REQUIRE(diff);
  CHECK(diff->test_expression() == "{{count:1 sum:2 counter_reset_hint:gauge buckets:[1]}}");
  auto mixed = add(hist("{{count:1 counter_reset_hint:reset}}"), hist("{{count:1 counter_reset_hint:not_reset}}"));
  REQUIRE(mixed);
  CHECK(mixed->hint == CounterResetHint::unknown);
  auto custom = add(hist("{{schema:-53 custom_values:[1] buckets:[1]}}"), hist("{{count:1}}"));
  REQUIRE_FALSE(custom);
  CHECK(custom.error() ==
        "cannot apply this operation on histograms with a mix of exponential and custom bucket schemas");
}

TEST_CASE("validate: the TSDB's checks and words") {
  CHECK_FALSE(hist("{{sum:1 count:2 buckets:[1 1]}}").validate());
  CHECK(hist("{{buckets:[1 -2]}}").validate() ==
        "positive side: bucket number 2 has observation count of -2: histogram has a bucket whose observation count "
        "is negative");
  CHECK(hist("{{count:-1}}").validate() == "observation count is  -1: histogram's observation count is negative");
  CHECK(hist("{{schema:9}}").validate() ==
        "histogram has an invalid schema, which must be between -4 and 8 for exponential buckets, or -53 for custom "
        "buckets, got schema 9");
  CHECK(hist("{{schema:-53 custom_values:[2 1] buckets:[1]}}").validate() ==
        "custom buckets: previous bound is 2.000000 and current is 1.000000: histogram custom bounds must be in "
        "strictly increasing order");
  CHECK(hist("{{schema:-53 custom_values:[1] buckets:[1 1 1]}}").validate() ==
        "custom buckets: only 1 custom bounds defined which is insufficient to cover total span length of 3: "
        "histogram custom bounds are too few");
}

TEST_CASE("the item forms: xN shares one value, +/- expand, limits") {
  std::size_t pos = 0;
  auto rep = parse_histogram_item("{{sum:3 count:2 buckets:[2]}}x2 rest", pos, 100);
  REQUIRE(rep);
  CHECK(rep->values.size() == 1);
  CHECK(rep->repeat == 3);
  CHECK(pos == 31);
  pos = 0;
  auto inc = parse_histogram_item("{{sum:3 count:2 buckets:[2]}}+{{sum:1.3 count:1 buckets:[1]}}x2", pos, 100);
  REQUIRE(inc);
  REQUIRE(inc->values.size() == 3);
  CHECK(inc->values[2].test_expression() == "{{count:4 sum:5.6 buckets:[4]}}");
  pos = 0;
  auto big = parse_histogram_item("{{}}x1000", pos, 100);
  REQUIRE(big);
  CHECK(big->too_many);
}

TEST_CASE("stored histograms read back with the TSDB chunk's counter reset hint") {
  Storage s;
  StoredSeries& h = s.series(kH);
  const auto a = shared("{{sum:3 count:2 buckets:[2]}}");
  const auto b = shared("{{sum:4 count:3 buckets:[3]}}");
  const auto smaller = shared("{{sum:1 count:1 buckets:[1]}}");
  REQUIRE_FALSE(Storage::append_histogram(h, 0, a));              // first of a chunk: unknown
  REQUIRE_FALSE(Storage::append_histogram(h, 60'000, b));         // grows: not_reset
  REQUIRE_FALSE(Storage::append_histogram(h, 120'000, smaller));  // counter reset: new chunk
  REQUIRE_FALSE(Storage::append(h, 180'000, stale_nan()));
  REQUIRE_FALSE(Storage::append_histogram(h, 240'000, b));  // after a stale marker: new chunk
  REQUIRE_FALSE(Storage::append_histogram(h, 300'000, b));
  REQUIRE_FALSE(Storage::append(h, 360'000, 7));
  REQUIRE_FALSE(Storage::append_histogram(h, 420'000, b));    // after a float: new chunk
  REQUIRE_FALSE(Storage::append_histogram(h, 7'200'000, b));  // a chunk range boundary
  REQUIRE_FALSE(Storage::append_histogram(h, 7'260'000, shared("{{count:3 buckets:[3] counter_reset_hint:reset}}")));
  REQUIRE_FALSE(Storage::append_histogram(h, 7'320'000, shared("{{count:9 counter_reset_hint:gauge}}")));
  REQUIRE_FALSE(Storage::append_histogram(h, 7'380'000, shared("{{count:1 counter_reset_hint:gauge}}")));
  using enum CounterResetHint;
  std::vector<CounterResetHint> hints;
  for (const HistogramPoint& p : h.histograms) hints.push_back(p.hint);
  CHECK(hints == std::vector<CounterResetHint>{unknown, not_reset, unknown, unknown, not_reset, unknown, unknown,
                                               unknown, gauge, gauge});
  CHECK(s.sample_count() == 12);
  // Layout changes: a new bucket, or an empty bucket dropped, continue the chunk; a populated
  // bucket dropped is a reset (as promtool 3.5.3 reads them back).
  StoredSeries& l = s.series(Labels({{"__name__", "layout"}}));
  REQUIRE_FALSE(Storage::append_histogram(l, 0, shared("{{count:3 buckets:[3]}}")));
  REQUIRE_FALSE(Storage::append_histogram(l, 1, shared("{{count:4 buckets:[0 3 1] offset:-1}}")));
  REQUIRE_FALSE(Storage::append_histogram(l, 2, shared("{{count:4 buckets:[3 1]}}")));
  REQUIRE_FALSE(Storage::append_histogram(l, 3, shared("{{count:4 buckets:[3]}}")));
  REQUIRE_FALSE(Storage::append_histogram(l, 4, shared("{{schema:-1 count:4 buckets:[3]}}")));
  hints.clear();
  for (const HistogramPoint& p : l.histograms) hints.push_back(p.hint);
  CHECK(hints == std::vector<CounterResetHint>{unknown, not_reset, not_reset, unknown, unknown});
  // Ordering as for floats; the same histogram again is ignored, another one refused.
  CHECK(Storage::append_histogram(h, 0, a) == "out of order sample");
  CHECK_FALSE(Storage::append_histogram(h, 7'380'000, shared("{{count:1 counter_reset_hint:gauge}}")));
  CHECK(Storage::append_histogram(h, 7'380'000, a) == "duplicate sample for timestamp");
  CHECK(Storage::append(h, 7'380'000, 1) == "duplicate sample for timestamp");
  CHECK(Storage::append_histogram(h, 9'000'000, shared("{{buckets:[-1]}}")) ==
        "positive side: bucket number 1 has observation count of -1: histogram has a bucket whose observation count "
        "is negative");
}

TEST_CASE("a top-level instant selector returns histograms, with lookback, staleness, offset and @") {
  Storage s;
  StoredSeries& h = s.series(kH);
  REQUIRE_FALSE(Storage::append_histogram(h, 0, shared("{{sum:3 count:2 buckets:[2]}}")));
  REQUIRE_FALSE(Storage::append_histogram(h, 60'000, shared("{{sum:3 count:2 buckets:[2]}}")));
  REQUIRE_FALSE(Storage::append(h, 120'000, stale_nan()));
  REQUIRE_FALSE(Storage::append(h, 180'000, 5));
  REQUIRE_FALSE(Storage::append_histogram(h, 240'000, shared("{{count:1}}")));
  REQUIRE_FALSE(s.append(Labels({{"__name__", "f"}}), 0, 1));

  CHECK(one(s, "h", 0) == "{{count:2 sum:3 buckets:[2]}}");
  CHECK(one(s, "h", 119'999) == "{{count:2 sum:3 counter_reset_hint:not_reset buckets:[2]}}");
  CHECK(one(s, "h", 120'000) == "<none>");  // stale at once
  CHECK(one(s, "h", 180'000) == "5.000000");
  CHECK(one(s, "(h)", 240'000) == "{{count:1}}");
  CHECK(one(s, "h", 240'000 + 300'000) == "<none>");  // beyond the lookback
  CHECK(one(s, "h offset 3m", 240'000) == "{{count:2 sum:3 counter_reset_hint:not_reset buckets:[2]}}");
  CHECK(one(s, "h @ 0", 600'000) == "{{count:2 sum:3 buckets:[2]}}");
  // Selecting float series only takes the float evaluator.
  CHECK(one(s, "f", 0) == "1.000000");

  auto all = instant(s, "{__name__=~\".+\"}", 0);
  REQUIRE(all);
  const auto& v = std::get<Vector>(all->value);
  REQUIRE(v.size() == 2);
  CHECK(v[0].h == nullptr);
  CHECK(v[1].h != nullptr);
}

TEST_CASE("anything else that meets a histogram stays unsupported") {
  Storage s;
  REQUIRE_FALSE(Storage::append_histogram(s.series(kH), 0, shared("{{count:1}}")));
  for (const char* expr : {"sum(h)", "rate(h[5m])", "h * 2", "-h", "timestamp(h)", "histogram_count(h)", "h[5m]",
                           "label_replace(h, \"a\", \"b\", \"c\", \"d\")"}) {
    CAPTURE(expr);
    auto r = instant(s, expr, 0);
    REQUIRE_FALSE(r);
    CHECK(r.error().unsupported);
    CHECK(r.error().message == kNativeHistogramsUnsupported);
  }
  // Callers that do not read Sample::h never get histograms.
  auto plain = instant(s, "h", 0, false);
  REQUIRE_FALSE(plain);
  CHECK(plain.error().unsupported);
  // Nor does a range query.
  auto parsed = mlmon::promql::parse("h", mlmon::promql::Features::all());
  EvalOptions o;
  o.native_histograms = true;
  auto range = evaluate_range(s, parsed.ast->root(), 0, 60'000, 60'000, o);
  REQUIRE_FALSE(range);
  CHECK(range.error().unsupported);
}

TEST_CASE("the +/- expansion stops at kMaxExpandedHistograms distinct values") {
  std::size_t pos = 0;
  auto big = parse_histogram_item("{{}}+{{count:1}}x1000000", pos, 10'000'000);
  REQUIRE(big);
  CHECK(big->too_many);
  CHECK(big->values.empty());
}
