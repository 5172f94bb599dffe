#include "engine/series_notation.hpp"

#include <limits>

#include "core/go_number.hpp"
#include "core/go_quote.hpp"
#include "core/result.hpp"
#include "engine/histogram_notation.hpp"
#include "engine/value.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

EvalError error(std::string message) { return EvalError{std::move(message), false}; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  }
  return true;
}

// One NUMBER token (a number, Inf or NaN) at s[i].
Result<double> read_number(std::string_view s, size_t& i) {
  if (i < s.size() && is_alpha(s[i])) {
    size_t j = i;
    while (j < s.size() && (is_alnum(s[j]) || s[j] == ':')) ++j;
    const std::string_view word = s.substr(i, j - i);
    if (iequals(word, "inf") || iequals(word, "nan")) {
      i = j;
      return (word[0] | 0x20) == 'i' ? std::numeric_limits<double>::infinity()
                                     : std::numeric_limits<double>::quiet_NaN();
    }
    return fail("unexpected identifier \"" + std::string(word) + "\" in series values");
  }
  const size_t start = i;
  if (i >= s.size() || !(is_digit(s[i]) || (s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])))) {
    return fail(i >= s.size() ? "unexpected end of series values"
                              : "unexpected character in series values: '" + std::string(1, s[i]) + "'");
  }
  if (!scan_series_number(s, i).ok) {
    return fail("bad number syntax: \"" + std::string(s.substr(start, i - start)) + "\"");
  }
  const auto v = promql::go::parse_number(s.substr(start, i - start));
  if (!v) return fail(v.error().message);
  return *v;
}

Result<uint64_t> read_uint(std::string_view s, size_t& i) {
  const size_t start = i;
  MLMON_TRY(read_number(s, i));
  const std::string_view text = s.substr(start, i - start);
  const auto n = go::parse_uint(text, 10);
  if (!n) return fail("invalid repetition in series values: " + go::number_error_text("ParseUint", text, n.error));
  return n.value;
}

Result<void> too_many() {
  return fail("too many values in series (more than " + std::to_string(kMaxSeriesValues) + ")");
}

Result<void> push(std::vector<SequenceValue>& out, SequenceValue v, uint64_t copies) {
  if (!append_copies(out, v, copies)) return too_many();
  return {};
}

// One item of a value sequence (no spaces inside, except within {{...}}).
Result<void> parse_item(std::string_view s, std::vector<SequenceValue>& out) {
  size_t i = 0;
  if (s[0] == '_') {
    i = 1;
    if (i == s.size()) return push(out, {0, true, false}, 1);
    if (s[i] != 'x') {
      return fail("unexpected \"" + std::string(s) + "\" in series values");
    }
    ++i;
    uint64_t n = 0;
    n = MLMON_TRY(read_uint(s, i));
    if (i != s.size()) {
      return fail("unexpected \"" + std::string(s.substr(i)) + "\" in series values");
    }
    return push(out, {0, true, false}, n);
  }
  double value = 0;
  if (s.starts_with("stale")) {
    size_t j = 0;
    while (j < s.size() && (is_alnum(s[j]) || s[j] == ':')) ++j;
    if (j != 5) {
      return fail("unexpected identifier \"" + std::string(s.substr(0, j)) + "\" in series values");
    }
    value = stale_nan();
    i = 5;
  } else {
    double sign = 1;
    if (s[0] == '+' || s[0] == '-') {
      sign = s[0] == '-' ? -1 : 1;
      ++i;
    }
    value = MLMON_TRY(read_number(s, i));
    value *= sign;
  }
  if (i == s.size()) return push(out, {value, false, false}, 1);
  if (s[i] == 'x') {
    ++i;
    uint64_t n = 0;
    n = MLMON_TRY(read_uint(s, i));
    if (i != s.size()) {
      return fail("unexpected \"" + std::string(s.substr(i)) + "\" in series values");
    }
    if (!append_repeated(out, {value, false, false}, n)) return too_many();
    return {};
  }
  if (s[i] == '+' || s[i] == '-') {
    const double sign = s[i] == '-' ? -1 : 1;
    ++i;
    double delta = 0;
    delta = MLMON_TRY(read_number(s, i));
    delta *= sign;
    if (i >= s.size() || s[i] != 'x') {
      return fail("unexpected \"" + std::string(s.substr(i)) + "\" in series values, expected \"x\"");
    }
    ++i;
    uint64_t n = 0;
    n = MLMON_TRY(read_uint(s, i));
    if (i != s.size()) {
      return fail("unexpected \"" + std::string(s.substr(i)) + "\" in series values");
    }
    if (!append_sequence(out, value, delta, n)) return too_many();
    return {};
  }
  return fail("unexpected \"" + std::string(s.substr(i)) + "\" in series values");
}

// Reads a quoted string (", ' or `) at s[i].
Result<std::string> read_string(std::string_view s, size_t& i) {
  const char q = s[i];
  size_t j = i + 1;
  while (j < s.size() && s[j] != q) {
    if (s[j] == '\\' && q != '`') ++j;
    ++j;
  }
  if (j >= s.size()) {
    return fail("unterminated quoted string");
  }
  std::string out;
  if (!go::unquote(s.substr(i, j + 1 - i), out, go::LiteralRules::promql)) {
    return fail("invalid syntax in quoted string " + std::string(s.substr(i, j + 1 - i)));
  }
  i = j + 1;
  return out;
}

void skip_spaces(std::string_view s, size_t& i) {
  while (i < s.size() && is_space(s[i])) ++i;
}

// The metric at the start of s; i ends after it.
Result<Labels> parse_metric(std::string_view s, size_t& i) {
  std::vector<Label> out;
  std::string name;
  skip_spaces(s, i);
  if (i < s.size() && (is_alpha(s[i]) || s[i] == ':')) {
    const size_t start = i;
    while (i < s.size() && (is_alnum(s[i]) || s[i] == ':')) ++i;
    name = std::string(s.substr(start, i - start));
  }
  if (i < s.size() && s[i] == '{') {
    ++i;
    for (;;) {
      skip_spaces(s, i);
      if (i >= s.size()) {
        return fail("unexpected end of input inside braces");
      }
      if (s[i] == '}') {
        ++i;
        break;
      }
      std::string lname;
      bool quoted = false;
      if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
        lname = MLMON_TRY(read_string(s, i));
        quoted = true;
      } else if (is_alpha(s[i])) {
        const size_t start = i;
        while (i < s.size() && is_alnum(s[i])) ++i;
        lname = std::string(s.substr(start, i - start));
      } else {
        return fail("unexpected character inside braces: '" + std::string(1, s[i]) + "'");
      }
      skip_spaces(s, i);
      if (quoted && i < s.size() && (s[i] == ',' || s[i] == '}')) {
        name = lname;  // {"metric.name"}
      } else {
        if (i >= s.size() || s[i] != '=') {
          return fail("unexpected character in label set, expected \"=\"");
        }
        ++i;
        skip_spaces(s, i);
        std::string value;
        if (i >= s.size() || (s[i] != '"' && s[i] != '\'' && s[i] != '`')) {
          return fail("unexpected character in label set, expected string");
        }
        value = MLMON_TRY(read_string(s, i));
        if (!value.empty()) out.push_back({std::move(lname), std::move(value)});
      }
      skip_spaces(s, i);
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == '}') {
        ++i;
        break;
      }
      return fail("unexpected character in label set, expected \",\" or \"}\"");
    }
  } else if (name.empty()) {
    return fail("expected a metric name or label set");
  }
  if (!name.empty()) out.push_back({std::string(kMetricName), std::move(name)});
  return Labels(std::move(out));
}

}  // namespace

NumberScan scan_series_number(std::string_view s, size_t& i) {
  const size_t start = i;
  auto is = [&](std::string_view set) { return i < s.size() && set.find(s[i]) != std::string_view::npos; };
  auto accept = [&](std::string_view set) {
    if (is(set)) {
      ++i;
      return true;
    }
    return false;
  };
  constexpr std::string_view kDigits = "0123456789";
  accept(".");
  accept(kDigits);
  bool dot = false;
  bool exponent = false;
  while (is("0123456789._eE")) {
    if ((is(".") && dot) || (is("eE") && exponent)) return {false, true};
    if (accept(".")) {
      dot = true;
      if (accept("_.")) return {};
      continue;
    }
    if (accept("eE")) {
      exponent = true;
      accept("+-");
      if (accept("._eE") || i >= s.size()) return {};
      continue;
    }
    if (accept("_")) {
      if (accept("._eE") || i >= s.size()) return {};
      continue;
    }
    while (accept(kDigits)) {}
  }
  if (i == start) return {};
  return {i >= s.size() || s[i] == 'x' || !is_alnum(s[i]), false};
}

bool append_copies(std::vector<SequenceValue>& out, SequenceValue v, uint64_t copies) {
  if (copies > kMaxSeriesValues || out.size() + copies > kMaxSeriesValues) return false;
  out.insert(out.end(), copies, v);
  return true;
}

bool append_repeated(std::vector<SequenceValue>& out, SequenceValue v, uint64_t n) {
  // n + 1 would wrap for the largest n.
  return n < kMaxSeriesValues && append_copies(out, v, n + 1);
}

bool append_sequence(std::vector<SequenceValue>& out, double first, double step, uint64_t n) {
  if (n >= kMaxSeriesValues || out.size() + n + 1 > kMaxSeriesValues) return false;
  double value = first;
  for (uint64_t k = 0; k <= n; ++k) {
    out.push_back({value, false, false});
    value += step;
  }
  return true;
}

Expected<std::vector<SequenceValue>> parse_series_values(std::string_view text,
                                                         std::vector<FloatHistogram>* histograms) {
  std::vector<SequenceValue> out;
  std::vector<FloatHistogram> ignored;
  std::vector<FloatHistogram>& table = histograms ? *histograms : ignored;
  size_t i = 0;
  for (;;) {
    skip_spaces(text, i);
    if (i >= text.size()) break;
    if (text.substr(i).starts_with("{{")) {
      // A histogram item may hold spaces inside its braces: its parser finds its end.
      auto item = parse_histogram_item(text, i, kMaxSeriesValues);
      if (!item) return error(item.error().message);
      if (item->too_many || out.size() + item->values.size() * item->repeat > kMaxSeriesValues) {
        return error("too many values in series (more than " + std::to_string(kMaxSeriesValues) + ")");
      }
      if (i < text.size() && !is_space(text[i])) {
        return error("unexpected \"" + std::string(text.substr(i)) + "\" after histogram");
      }
      for (FloatHistogram& h : item->values) {
        const auto index = static_cast<uint32_t>(histograms ? table.size() : 0);
        if (histograms) table.push_back(std::move(h));
        out.insert(out.end(), item->repeat, SequenceValue{0, false, true, index});
      }
      continue;
    }
    size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    if (auto item = parse_item(text.substr(i, j - i), out); !item) return error(item.error().message);
    i = j;
  }
  return out;
}

Expected<SeriesDescription> parse_series_description(std::string_view text) {
  SeriesDescription d;
  size_t i = 0;
  auto labels = parse_metric(text, i);
  if (!labels) return error(labels.error().message);
  d.labels = std::move(*labels);
  if (i < text.size() && !is_space(text[i])) {
    return error("unexpected character after the metric: '" + std::string(1, text[i]) + "'");
  }
  auto values = parse_series_values(text.substr(i), &d.histograms);
  if (!values) return values.error();
  d.values = std::move(*values);
  return d;
}

Expected<Labels> parse_series_labels(std::string_view text) {
  size_t i = 0;
  auto labels = parse_metric(text, i);
  if (!labels) return error(labels.error().message);
  skip_spaces(text, i);
  if (i != text.size()) return error("unexpected \"" + std::string(text.substr(i)) + "\" after the metric");
  return std::move(*labels);
}

}  // namespace mlmon::engine
