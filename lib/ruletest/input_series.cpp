#include "ruletest/input_series.hpp"

#include <algorithm>
#include <limits>

#include "ruletest/series_desc.hpp"

namespace mlmon::ruletest {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// One line of the load script, trimmed as promqltest's getLines trims it.
struct ScriptLine {
  std::string text;
  const InputSeries* source = nullptr;
  std::size_t source_offset = 0;  // where `text` starts in `series + " " + values`
};

}  // namespace

SeriesLoad load_input_series(const std::vector<InputSeries>& input, int64_t interval_ms, int64_t start_ms,
                             std::size_t max_values) {
  SeriesLoad out;
  // "load <interval>" is line 0; each series adds "  <series> <values>\n", which is more than one
  // line when the series or its values hold line breaks.
  std::vector<ScriptLine> lines;
  lines.push_back({"load", nullptr, 0});
  for (const InputSeries& s : input) {
    const std::string entry = s.series + " " + s.values;
    std::size_t begin = 0;
    for (;;) {
      const std::size_t nl = entry.find('\n', begin);
      const std::size_t end = nl == std::string::npos ? entry.size() : nl;
      std::size_t a = begin;
      std::size_t b = end;
      while (a < b && is_space(entry[a])) ++a;
      while (b > a && is_space(entry[b - 1])) --b;
      ScriptLine line{entry.substr(a, b - a), &s, a};
      if (!line.text.empty() && line.text[0] == '#') line.text.clear();  // a comment line
      lines.push_back(std::move(line));
      if (nl == std::string::npos) break;
      begin = nl + 1;
    }
  }
  std::size_t total = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const ScriptLine& line = lines[i];
    // An empty line ends the load command: promtool ignores every series after it.
    if (line.text.empty()) break;
    const std::size_t space = line.text.find_first_of(" \t");
    if (space != std::string::npos && std::string_view(line.text).substr(0, space).ends_with("@st")) {
      const std::string message = "start timestamp (@st) lines are not supported by mlmon";
      out.error = SeriesLoadError{std::to_string(i + 1) + ":1: " + message, message, line.source, line.source_offset};
      return out;
    }
    auto parsed = parse_series_desc(line.text);
    if (!parsed) {
      out.error = SeriesLoadError{format_parse_error(line.text, parsed.error(), static_cast<int>(i)),
                                  parsed.error().message, line.source, line.source_offset + parsed.error().offset};
      return out;
    }
    total += parsed->values.size();
    if (total > max_values) {
      const std::string message =
          "more than " + std::to_string(max_values) + " input values in one test group: mlmon refuses to load them";
      out.error = SeriesLoadError{message, message, line.source, line.source_offset};
      return out;
    }
    LoadedSeries series;
    series.labels = std::move(parsed->labels);
    series.native_histograms = parsed->has_histograms;
    series.source = line.source;
    int64_t t = start_ms;
    // Repeats of one histogram value share it.
    std::vector<std::shared_ptr<const engine::FloatHistogram>> shared;
    for (engine::FloatHistogram& h : parsed->histograms) {
      shared.push_back(std::make_shared<const engine::FloatHistogram>(std::move(h)));
    }
    for (const engine::SequenceValue& v : parsed->values) {
      if (v.histogram) {
        series.histograms.push_back({t, shared[v.index]});
      } else if (!v.omitted) {
        series.samples.push_back({t, v.value});
      }
      if (__builtin_add_overflow(t, interval_ms, &t)) {
        const std::string message = "sample times overflow: too many values for the interval";
        out.error = SeriesLoadError{message, message, line.source, line.source_offset};
        return out;
      }
    }
    // The same series again replaces the earlier definition.
    auto existing = std::find_if(out.series.begin(), out.series.end(),
                                 [&](const LoadedSeries& s) { return s.labels == series.labels; });
    if (existing != out.series.end()) {
      *existing = std::move(series);
    } else {
      out.series.push_back(std::move(series));
    }
  }
  return out;
}

Position error_position(const SourceFile& file, const SeriesLoadError& error) {
  if (error.source == nullptr) return {};
  const InputSeries& s = *error.source;
  const std::size_t series_size = s.series.size();
  if (error.offset <= series_size && s.series_at.known()) return s.series_at.at(file, s.series, error.offset);
  if (s.values_at.known()) {
    const std::size_t in_values = error.offset > series_size ? error.offset - series_size - 1 : 0;
    return s.values_at.at(file, s.values, in_values);
  }
  if (s.series_at.known()) return s.series_at.at(file, s.series, error.offset);
  return s.where.pos;
}

}  // namespace mlmon::ruletest
