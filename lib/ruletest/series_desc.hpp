// promtool's series notation and label sets, parsed as Prometheus's PromQL parser parses them
// (ParseSeriesDesc, ParseMetric in promql/parser), with its exact error messages and positions:
// `up{job="a"} 1+2x3 _ stale` and `up{job="a"}`.
//
// Prometheus reports the first error of its yacc parser, and which "unexpected X" message that is
// depends on the parser state (`... in series values`, `... in label set, expected "="`, or a bare
// `unexpected "x"` once a complete item has been read); the functions here follow those states.
// Native histograms (`{{...}}`) are decoded by engine/histogram_notation.hpp.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "engine/labels.hpp"
#include "engine/series_notation.hpp"

namespace mlmon::ruletest {

// A parse error as Prometheus's ParseErr holds it: a byte offset in the parsed text, and the
// message without position ("unexpected end of input in series values").
struct ParseFailure {
  std::size_t offset = 0;
  std::string message;
};

struct ParsedSeries {
  engine::Labels labels;
  std::vector<engine::SequenceValue> values;
  std::vector<engine::FloatHistogram> histograms;  // by SequenceValue::index
  bool has_histograms = false;
};

// Parser.ParseSeriesDesc: a metric and its values. Expansions stop with an error beyond
// engine::kMaxSeriesValues values (Prometheus would try to allocate them).
std::expected<ParsedSeries, ParseFailure> parse_series_desc(std::string_view text);

// Parser.ParseMetric: `name`, `name{l="v"}`, `{l="v"}` or "" (no labels).
std::expected<engine::Labels, ParseFailure> parse_metric(std::string_view text);

// "<line>:<col>: parse error: <message>" as ParseErr.Error() prints it; `line_offset` is added to
// the line (promtool's load script puts the first series on line 2).
std::string format_parse_error(std::string_view text, const ParseFailure& failure, int line_offset = 0);

}  // namespace mlmon::ruletest
