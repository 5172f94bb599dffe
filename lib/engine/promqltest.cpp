#include "engine/promqltest.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <unordered_map>
#include <variant>

#include "core/go_quote.hpp"
#include "core/go_regexp.hpp"
#include "engine/quantile.hpp"
#include "engine/series_notation.hpp"
#include "promql/duration.hpp"
#include "promql/go_format.hpp"
#include "promql/parser.hpp"
#include "promql/printer.hpp"

namespace mlmon::engine::promqltest {

namespace {

constexpr double kEpsilon = 0.000001;  // defaultEpsilon: relative error allowed for sample values

// ---- Patterns of test.go ----

const re2::RE2& pattern(const char* text) {
  // The few patterns below live for the program's lifetime.
  static std::unordered_map<const char*, std::unique_ptr<re2::RE2>> compiled;
  auto& re = compiled[text];
  if (!re) re = std::make_unique<re2::RE2>(text);
  return *re;
}
constexpr const char* kPatLoad = R"(^load(?:_(with_nhcb))?\s+(.+?)$)";
constexpr const char* kPatEvalInstant = R"(^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$)";
constexpr const char* kPatEvalRange =
    R"(^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$)";
constexpr const char* kPatExpect = R"(^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$)";
constexpr const char* kPatExpectRange = R"(^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$)";
constexpr const char* kPatQueryContext = R"((start|end|range|step)\(\))";

std::string trim(std::string_view s) {
  // strings.TrimSpace (ASCII whitespace is what test files hold).
  size_t b = 0;
  size_t e = s.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

struct ScriptError {
  int line;  // 0-based
  std::string message;
};

// ---- Commands ----

struct Matcher {
  // An expect line's message (exact) or pattern (unanchored).
  std::string message;
  std::shared_ptr<re2::RE2> regex;
  bool check(const std::string& s) const {
    if (!regex) return message == s;
    return re2::RE2::PartialMatch(s, *regex);
  }
  std::string describe() const { return regex ? regex->pattern() : message; }
  std::string kind() const { return regex ? "pattern" : "message"; }
};

enum ExpectType { kOrdered, kFail, kWarn, kNoWarn, kInfo, kNoInfo, kExpectTypes };

struct ExpectedSeries {
  Labels labels;
  int pos = 0;
  std::vector<SequenceValue> values;
};

struct LoadCmd {
  int line = 0;
  int64_t gap = 0;
  bool with_nhcb = false;
  std::vector<SeriesDescription> series;  // later definitions of the same series replace earlier ones
  std::vector<Labels> start_timestamps;   // series given @st lines
};

struct ClearCmd {};

struct EvalCmd {
  int line = 0;  // 1-based
  std::string text;
  std::string expr;
  std::unique_ptr<promql::Ast> ast;
  std::string unsupported;  // set when the expression needs a parser feature that is off
  bool is_range = false;
  int64_t start = 0;
  int64_t end = 0;
  int64_t step = 0;
  int64_t eval_time = 0;
  bool fail = false, warn = false, ordered = false, info = false;
  std::string expected_fail_message;
  std::shared_ptr<re2::RE2> expected_fail_regexp;
  std::vector<Matcher> expects[kExpectTypes];
  bool has_expect[kExpectTypes] = {};
  std::vector<ExpectedSeries> metrics;
  bool expect_scalar = false;
  double scalar = 0;
  bool has_expected_string = false;
  std::string expected_string;
  bool exclude_from_range = false;
  std::vector<std::string> raw_expected;

  bool is_ordered() const { return ordered || has_expect[kOrdered]; }
  bool is_fail() const { return fail || has_expect[kFail]; }
};

using Command = std::variant<LoadCmd, ClearCmd, EvalCmd>;

// parseNumber: strconv.ParseInt(s, 0, 64), then ParseFloat.
std::optional<double> parse_number(std::string_view s) {
  auto v = promql::go::parse_number(s);
  return v ? std::optional<double>(*v) : std::nullopt;
}

Expected<SeriesDescription> parse_series(const std::string& line) { return parse_series_description(line); }

bool is_st_line(const std::string& line) {
  const size_t space = line.find_first_of(" \t");
  if (space == std::string::npos) return false;
  return std::string_view(line).substr(0, space).ends_with("@st");
}

std::optional<ScriptError> parse_load(const std::vector<std::string>& lines, size_t& i, LoadCmd& cmd) {
  std::string with_nhcb, step;
  if (!re2::RE2::FullMatch(lines[i], pattern(kPatLoad), &with_nhcb, &step)) {
    return ScriptError{static_cast<int>(i), "invalid load command. (load[_with_nhcb] <step:duration>)"};
  }
  cmd.line = static_cast<int>(i) + 1;
  cmd.with_nhcb = with_nhcb == "with_nhcb";
  auto gap = promql::parse_duration_ms(step);
  if (!gap) {
    return ScriptError{static_cast<int>(i), "invalid step definition " + go::quote(step) + ": " + gap.error().message};
  }
  cmd.gap = *gap;
  std::optional<Labels> pending_st;
  while (i + 1 < lines.size()) {
    ++i;
    const std::string& def = lines[i];
    if (def.empty()) {
      --i;
      break;
    }
    if (is_st_line(def)) {
      const size_t space = def.find_first_of(" \t");
      auto metric = parse_series_labels(def.substr(0, space - 3));
      if (!metric) return ScriptError{static_cast<int>(i), "invalid @st line metric: " + metric.error().message};
      pending_st = *metric;
      cmd.start_timestamps.push_back(*metric);
      continue;
    }
    auto series = parse_series(def);
    if (!series) return ScriptError{static_cast<int>(i), series.error().message};
    if (pending_st && !(*pending_st == series->labels)) {
      return ScriptError{static_cast<int>(i) - 1, "@st metric does not match the following sample line metric"};
    }
    pending_st.reset();
    auto it = std::find_if(cmd.series.begin(), cmd.series.end(),
                           [&](const SeriesDescription& d) { return d.labels == series->labels; });
    if (it != cmd.series.end()) {
      *it = std::move(*series);
    } else {
      cmd.series.push_back(std::move(*series));
    }
  }
  return std::nullopt;
}

std::optional<ScriptError> parse_eval(const std::vector<std::string>& lines, size_t& i, const Options& options,
                                      EvalCmd& cmd) {
  const std::string& line = lines[i];
  std::string mod, at, expr, from, to, step;
  const bool instant = re2::RE2::FullMatch(line, pattern(kPatEvalInstant), &mod, &at, &expr);
  const bool range = !instant && re2::RE2::FullMatch(line, pattern(kPatEvalRange), &mod, &from, &to, &step, &expr);
  if (!instant && !range) {
    return ScriptError{
        static_cast<int>(i),
        "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at "
        "<offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'"};
  }
  cmd.line = static_cast<int>(i) + 1;
  cmd.text = line;
  cmd.expr = expr;
  auto parsed = promql::parse(expr, options.features);
  if (parsed.error) {
    auto with_all = promql::parse(expr, promql::Features::all());
    if (with_all.error) {
      return ScriptError{static_cast<int>(i), promql::format_error(expr, *parsed.error)};
    }
    cmd.unsupported = "needs --enable-feature: " + parsed.error->message;
    cmd.ast = std::move(with_all.ast);
  } else {
    cmd.ast = std::move(parsed.ast);
  }
  auto format_err = [&](const std::string& msg) {
    return ScriptError{static_cast<int>(i), "error in eval " + expr + " (line " + std::to_string(i + 1) + "): " + msg};
  };
  if (instant) {
    auto t = promql::parse_duration_ms(at);
    if (!t) return format_err("invalid timestamp definition " + go::quote(at) + ": " + t.error().message);
    cmd.start = cmd.eval_time = *t;
  } else {
    auto f = promql::parse_duration_ms(from);
    if (!f) return format_err("invalid start timestamp definition " + go::quote(from) + ": " + f.error().message);
    auto t = promql::parse_duration_ms(to);
    if (!t) return format_err("invalid end timestamp definition " + go::quote(to) + ": " + t.error().message);
    if (*t < *f) {
      return format_err("invalid test definition, end timestamp (" + to + ") is before start timestamp (" + from + ")");
    }
    auto s = promql::parse_duration_ms(step);
    if (!s) return format_err("invalid step definition " + go::quote(step) + ": " + s.error().message);
    cmd.is_range = true;
    cmd.start = *f;
    cmd.end = *t;
    cmd.step = *s;
  }
  if (mod == "ordered") cmd.ordered = true;
  if (mod == "fail") cmd.fail = true;
  if (mod == "warn") cmd.warn = true;
  if (mod == "info") cmd.info = true;

  bool expect_range_vector = false;
  int j = 1;
  for (; i + 1 < lines.size(); ++j) {
    ++i;
    const std::string& def = lines[i];
    if (def.empty()) {
      --i;
      break;
    }
    if (cmd.fail && def.starts_with("expected_fail_message")) {
      cmd.expected_fail_message = trim(std::string_view(def).substr(21));
      break;
    }
    if (cmd.fail && def.starts_with("expected_fail_regexp")) {
      const std::string p = trim(std::string_view(def).substr(20));
      auto re = std::make_shared<re2::RE2>(go_regexp::to_re2(p), re2::RE2::Quiet);
      if (!re->ok()) return format_err("invalid regexp '" + p + "' for expected_fail_regexp");
      cmd.expected_fail_regexp = re;
      break;
    }
    if (def.starts_with("expect range vector")) {
      std::string rf, rt, rs;
      if (!re2::RE2::FullMatch(def, pattern(kPatExpectRange), &rf, &rt, &rs)) {
        return format_err("invalid range vector definition " + go::quote(def));
      }
      auto f = promql::parse_duration_ms(rf);
      if (!f) return format_err("invalid start timestamp definition " + go::quote(rf) + ": " + f.error().message);
      auto t = promql::parse_duration_ms(rt);
      if (!t) return format_err("invalid end timestamp definition " + go::quote(rt) + ": " + t.error().message);
      if (*t < *f) {
        return format_err("invalid test definition, end timestamp (" + rt + ") is before start timestamp (" + rf + ")");
      }
      auto s = promql::parse_duration_ms(rs);
      if (!s) return format_err("invalid step definition " + go::quote(rs) + ": " + s.error().message);
      expect_range_vector = true;
      cmd.start = *f;
      cmd.end = *t;
      cmd.step = *s;
      cmd.eval_time = *t;
      cmd.exclude_from_range = true;
      continue;
    }
    if (def.starts_with("expect string")) {
      if (def == "expect string") {
        return format_err("expected string literal not valid - a quoted string literal is required");
      }
      std::string_view rest = std::string_view(def);
      if (!rest.starts_with("expect string ")) {
        return format_err("expected string literal not valid - a quoted string literal is required");
      }
      rest.remove_prefix(14);
      std::string value;
      if (rest.empty() || !go::unquote(rest, value, go::LiteralRules::go)) {
        return format_err(rest.empty()
                              ? "expected string literal not valid - a quoted string literal is required"
                              : "expected string literal not valid - check that the string is correctly quoted");
      }
      cmd.has_expected_string = true;
      cmd.expected_string = value;
      cmd.exclude_from_range = true;
      continue;
    }
    if (def.substr(0, def.find(' ')) == "expect") {
      std::string type, kind, text;
      if (!re2::RE2::FullMatch(trim(def), pattern(kPatExpect), &type, &kind, &text)) {
        return format_err("invalid expect statement, must match `expect <type> <match_type>: <string>` format");
      }
      static const std::map<std::string, ExpectType> kTypes = {{"ordered", kOrdered}, {"fail", kFail},
                                                               {"warn", kWarn},       {"no_warn", kNoWarn},
                                                               {"info", kInfo},       {"no_info", kNoInfo}};
      const ExpectType t = kTypes.at(type);
      Matcher m;
      if (kind == "msg") {
        m.message = trim(text);
      } else if (kind == "regex") {
        const std::string p = trim(text);
        m.regex = std::make_shared<re2::RE2>(go_regexp::to_re2(p), re2::RE2::Quiet);
        if (!m.regex->ok()) return format_err("invalid regex " + p + " for " + type);
      } else {
        m.regex = std::make_shared<re2::RE2>(".*");
      }
      cmd.expects[t].push_back(std::move(m));
      cmd.has_expect[t] = true;
      --j;
      if (cmd.has_expect[kInfo] && cmd.has_expect[kNoInfo]) {
        return format_err("invalid expect lines, info and no_info cannot be used together");
      }
      if (cmd.has_expect[kWarn] && cmd.has_expect[kNoWarn]) {
        return format_err("invalid expect lines, warn and no_warn cannot be used together");
      }
      if (cmd.expects[kFail].size() > 1) {
        return format_err("invalid expect lines, multiple expect fail lines are not allowed");
      }
      continue;
    }
    if (auto n = parse_number(def)) {
      cmd.expect_scalar = true;
      cmd.scalar = *n;
      cmd.metrics.clear();
      cmd.raw_expected.push_back(def);
      break;
    }
    auto series = parse_series(def);
    if (!series) return ScriptError{static_cast<int>(i), series.error().message};
    if (series->values.size() > 1 && instant && !expect_range_vector) {
      return format_err(
          "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' "
          "directive to enable a range vector result for an instant query");
    }
    cmd.expect_scalar = false;
    cmd.raw_expected.push_back(def);
    auto it = std::find_if(cmd.metrics.begin(), cmd.metrics.end(),
                           [&](const ExpectedSeries& e) { return e.labels == series->labels; });
    ExpectedSeries e{series->labels, j, std::move(series->values)};
    if (it != cmd.metrics.end()) {
      *it = std::move(e);
    } else {
      cmd.metrics.push_back(std::move(e));
    }
  }
  return std::nullopt;
}

// ---- Rendering results ----

std::string format_value(double v) { return promql::go::format_float_v(v); }

std::vector<std::string> render(const Value& value, const EvalCmd& cmd) {
  std::vector<std::string> out;
  if (const auto* s = std::get_if<Scalar>(&value)) {
    out.push_back(format_value(s->v));
  } else if (const auto* v = std::get_if<Vector>(&value)) {
    for (const Sample& x : *v) out.push_back(x.metric.to_series_string() + " " + format_value(x.v));
  } else if (const auto* m = std::get_if<Matrix>(&value)) {
    for (const Series& s : *m) {
      std::string line = s.metric.to_series_string();
      if (cmd.step > 0 && !s.points.empty()) {
        // On the eval's step grid: "_" for steps without a point.
        size_t p = 0;
        for (int64_t t = cmd.start; t <= cmd.end && p < s.points.size(); t += cmd.step) {
          if (s.points[p].t == t) {
            line += " " + format_value(s.points[p].v);
            ++p;
          } else {
            line += " _";
          }
        }
        for (; p < s.points.size(); ++p)
          line += " " + format_value(s.points[p].v) + "@" + std::to_string(s.points[p].t);
      } else {
        for (const Point& pt : s.points) line += " " + format_value(pt.v) + "@" + std::to_string(pt.t);
      }
      out.push_back(std::move(line));
    }
  } else if (const auto* str = std::get_if<String>(&value)) {
    out.push_back("string " + go::quote(str->v));
  }
  return out;
}

// fmt's %v of []SequenceValue: "[1.000000 _]".
std::string sequence_string(const std::vector<SequenceValue>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += " ";
    if (values[i].omitted) {
      out += "_";
    } else if (std::isnan(values[i].value) || std::isinf(values[i].value)) {
      out += std::isnan(values[i].value) ? "NaN" : (values[i].value > 0 ? "+Inf" : "-Inf");
    } else {
      out += fmt::format("{:.6f}", values[i].value);
    }
  }
  return out + "]";
}

std::string points_string(const Series& s) {
  std::string out = std::to_string(s.points.size()) + (s.points.size() == 1 ? " float point [" : " float points [");
  for (size_t i = 0; i < s.points.size(); ++i) {
    if (i > 0) out += " ";
    out += format_value(s.points[i].v) + " @[" + std::to_string(s.points[i].t) + "]";
  }
  return out + "]";
}

// ---- Checks (test.go) ----

using Outcome = std::optional<std::string>;  // a failure message, or nothing

Outcome check_annotations(const EvalCmd& cmd, const std::string& expr, const Annotations& annos) {
  if (cmd.warn && annos.warnings.empty()) {
    return "expected warnings evaluating query " + go::quote(expr) + " but got none";
  }
  if (cmd.info && annos.infos.empty())
    return "expected info annotations evaluating query " + go::quote(expr) + " but got none";
  auto all = [&]() {
    std::string s = "[";
    bool first = true;
    for (const auto* set : {&annos.warnings, &annos.infos}) {
      for (const std::string& a : *set) {
        if (!first) s += " ";
        s += a;
        first = false;
      }
    }
    return s + "]";
  };
  auto validate = [&](ExpectType type, const std::set<std::string>& actual, const char* name) -> Outcome {
    const auto& expected = cmd.expects[type];
    if (expected.empty()) return std::nullopt;
    if (actual.empty()) {
      return std::string("expected ") + name + " annotations but none were found for query " + go::quote(expr);
    }
    for (const Matcher& e : expected) {
      if (std::none_of(actual.begin(), actual.end(), [&](const std::string& a) { return e.check(a); })) {
        return std::string("expected ") + name + " annotation matching " + e.kind() + " " + go::quote(e.describe()) +
               " but no matching annotation was found for query " + go::quote(expr) + ", found: " + all();
      }
    }
    for (const std::string& a : actual) {
      if (std::none_of(expected.begin(), expected.end(), [&](const Matcher& e) { return e.check(a); })) {
        return std::string("unexpected ") + name + " annotation " + go::quote(a) + " found for query " + expr;
      }
    }
    return std::nullopt;
  };
  if (auto o = validate(kWarn, annos.warnings, "warn")) return o;
  if (auto o = validate(kInfo, annos.infos, "info")) return o;
  if (cmd.has_expect[kNoWarn] && !annos.warnings.empty()) {
    return "unexpected warning annotations evaluating query " + go::quote(expr) + ": " + all();
  }
  if (cmd.has_expect[kNoInfo] && !annos.infos.empty()) {
    return "unexpected info annotations evaluating query " + go::quote(expr) + ": " + all();
  }
  return std::nullopt;
}

const ExpectedSeries* find_expected(const EvalCmd& cmd, const Labels& l) {
  for (const ExpectedSeries& e : cmd.metrics) {
    if (e.labels == l) return &e;
  }
  return nullptr;
}

Outcome compare_result(const EvalCmd& cmd, const Value& value) {
  if (const auto* m = std::get_if<Matrix>(&value)) {
    if (cmd.is_ordered()) return std::string("expected ordered result, but query returned a matrix");
    if (cmd.expect_scalar) return std::string("expected scalar result, but got matrix");
    for (size_t i = 0; i + 1 < m->size(); ++i) {
      if (engine::compare((*m)[i].metric, (*m)[i + 1].metric) > 0) {
        return "matrix results should always be sorted by labels, but matrix is not sorted: series at index " +
               std::to_string(i + 1) + " with labels " + (*m)[i + 1].metric.to_string() +
               " sorts before series at index " + std::to_string(i) + " with labels " + (*m)[i].metric.to_string();
      }
    }
    size_t seen = 0;
    for (const Series& s : *m) {
      const ExpectedSeries* exp = find_expected(cmd, s.metric);
      if (!exp) return "unexpected metric " + s.metric.to_string() + " in result, has " + points_string(s);
      ++seen;
      std::vector<Point> expected;
      for (size_t i = 0; i < exp->values.size(); ++i) {
        const int64_t t = cmd.start + static_cast<int64_t>(i) * cmd.step;
        if (t > cmd.end) {
          return "expected " + std::to_string(exp->values.size()) + " points for " + exp->labels.to_string() +
                 ", but query time range cannot return this many points";
        }
        if (!exp->values[i].omitted) expected.push_back({t, exp->values[i].value});
      }
      if (expected.size() != s.points.size()) {
        return "expected " + std::to_string(expected.size()) + " float points and 0 histogram points for " +
               exp->labels.to_string() + ", but got " + points_string(s);
      }
      for (size_t i = 0; i < expected.size(); ++i) {
        if (expected[i].t != s.points[i].t) {
          return "expected float value at index " + std::to_string(i) + " for " + exp->labels.to_string() +
                 " to have timestamp " + std::to_string(expected[i].t) + ", but it had timestamp " +
                 std::to_string(s.points[i].t) + " (result has " + points_string(s) + ")";
        }
        if (!almost_equal(s.points[i].v, expected[i].v, kEpsilon)) {
          return "expected float value at index " + std::to_string(i) + " (t=" + std::to_string(s.points[i].t) +
                 ") for " + exp->labels.to_string() + " to be " + format_value(expected[i].v) + ", but got " +
                 format_value(s.points[i].v) + " (result has " + points_string(s) + ")";
        }
      }
    }
    if (seen != cmd.metrics.size()) {
      for (const ExpectedSeries& e : cmd.metrics) {
        if (std::none_of(m->begin(), m->end(), [&](const Series& s) { return s.metric == e.labels; })) {
          return "expected metric " + e.labels.to_string() + " not found";
        }
      }
    }
    return std::nullopt;
  }
  if (const auto* v = std::get_if<Vector>(&value)) {
    if (cmd.expect_scalar) return std::string("expected scalar result, but got vector");
    std::vector<const ExpectedSeries*> seen;
    for (size_t pos = 0; pos < v->size(); ++pos) {
      const Sample& s = (*v)[pos];
      const ExpectedSeries* exp = find_expected(cmd, s.metric);
      if (!exp) {
        return "unexpected metric " + s.metric.to_string() + " in result, has value " + format_value(s.v);
      }
      if (cmd.is_ordered() && exp->pos != static_cast<int>(pos) + 1) {
        return "expected metric " + s.metric.to_string() + " with " + sequence_string(exp->values) + " at position " +
               std::to_string(exp->pos) + " but was at " + std::to_string(pos + 1);
      }
      const double want = exp->values.empty() ? 0 : exp->values[0].value;
      if (!almost_equal(want, s.v, kEpsilon)) {
        return "expected " + format_value(want) + " for " + s.metric.to_string() + " but got " + format_value(s.v);
      }
      seen.push_back(exp);
    }
    for (const ExpectedSeries& e : cmd.metrics) {
      if (std::find(seen.begin(), seen.end(), &e) == seen.end()) {
        return "expected metric " + e.labels.to_string() + " with " + std::to_string(e.pos) + ": " +
               sequence_string(e.values) + " not found";
      }
    }
    return std::nullopt;
  }
  if (const auto* s = std::get_if<Scalar>(&value)) {
    if (!cmd.expect_scalar) return "expected vector or matrix result, but got scalar " + format_value(s->v);
    if (!almost_equal(cmd.scalar, s->v, kEpsilon)) {
      return "expected scalar " + format_value(cmd.scalar) + " but got " + format_value(s->v);
    }
    return std::nullopt;
  }
  const auto& str = std::get<String>(value);
  if (cmd.expected_string != str.v) {
    return "expected string \"" + cmd.expected_string + "\" but got \"" + str.v + "\"";
  }
  return std::nullopt;
}

Outcome check_expected_failure(const EvalCmd& cmd, const std::string& error) {
  if (!cmd.expected_fail_message.empty() && cmd.expected_fail_message != error) {
    return "expected error " + go::quote(cmd.expected_fail_message) + " evaluating query " + go::quote(cmd.expr) +
           ", but got: " + error;
  }
  if (cmd.expected_fail_regexp && !re2::RE2::PartialMatch(error, *cmd.expected_fail_regexp)) {
    return "expected error matching pattern " + go::quote(cmd.expected_fail_regexp->pattern()) + " evaluating query " +
           go::quote(cmd.expr) + ", but got: " + error;
  }
  if (!cmd.expects[kFail].empty() && !cmd.expects[kFail][0].check(error)) {
    return "expected error matching " + go::quote(cmd.expects[kFail][0].describe()) + " evaluating query " +
           go::quote(cmd.expr) + ", but got: " + error;
  }
  return std::nullopt;
}

// Any native histogram in the expected values: such evals are not run.
bool expects_histograms(const EvalCmd& cmd) {
  for (const ExpectedSeries& e : cmd.metrics) {
    for (const SequenceValue& v : e.values) {
      if (v.histogram) return true;
    }
  }
  return false;
}

bool uses_at_unsafe_function(const promql::Node& root) {
  bool unsafe = false;
  promql::walk(root, [&](const promql::Node& n) {
    if (n.kind == promql::NodeKind::call && is_at_modifier_unsafe(static_cast<const promql::Call&>(n).name())) {
      unsafe = true;
    }
  });
  return unsafe;
}

class Runner {
 public:
  Runner(Storage& storage, EvalResult& result) : storage_(storage), result_(result) {}

  // Returns the status; fills the result's message and got.
  Status run(const EvalCmd& cmd) {
    if (!cmd.unsupported.empty()) return unsupported(cmd.unsupported);
    if (expects_histograms(cmd)) return unsupported("expects native histogram results");
    return cmd.is_range ? run_range(cmd) : run_instant(cmd);
  }

 private:
  Status unsupported(std::string why) {
    result_.message = std::move(why);
    return Status::unsupported;
  }
  Status failed(std::string why) {
    result_.message = std::move(why);
    return Status::failed;
  }

  Status run_range(const EvalCmd& cmd) {
    auto res = evaluate_range(storage_, cmd.ast->root(), cmd.start, cmd.end, cmd.step, options_);
    if (!res) {
      if (res.error().unsupported) return unsupported(res.error().message);
      if (cmd.is_fail()) {
        if (auto o = check_expected_failure(cmd, res.error().message)) return failed(*o);
        return Status::passed;
      }
      return failed("error evaluating query " + go::quote(cmd.expr) + ": " + res.error().message);
    }
    result_.got = render(res->value, cmd);
    if (cmd.is_fail()) return failed("expected error evaluating query " + go::quote(cmd.expr) + " but got none");
    if (auto o = check_annotations(cmd, cmd.expr, res->annotations)) return failed(*o);
    if (auto o = compare_result(cmd, res->value)) return failed(*o);
    return Status::passed;
  }

  Status run_instant(const EvalCmd& cmd) {
    const promql::Node& root = cmd.ast->root();
    struct Variant {
      std::string expr;
      int64_t time;
      std::optional<int64_t> pin;
    };
    std::vector<Variant> variants{{cmd.expr, cmd.eval_time, std::nullopt}};
    if (!uses_at_unsafe_function(root)) {
      // atModifierTestCases: the same query with @ <eval time> on every selector and subquery,
      // evaluated at other times.
      const int64_t ts = cmd.eval_time;
      const std::string printed = promql::print(root);
      std::vector<int64_t> times = {-10 * ts, 0, ts / 5, ts, 10 * ts};
      if (ts == 0) times = {-1000, 0, 1000};
      for (int64_t t : times) variants.push_back({printed, t, ts});
    }
    for (const Variant& v : variants) {
      const Status s = run_variant(cmd, v.expr, v.time, v.pin);
      if (s != Status::passed) return s;
    }
    return Status::passed;
  }

  Status run_variant(const EvalCmd& cmd, const std::string& expr, int64_t time, std::optional<int64_t> pin) {
    EvalOptions opts = options_;
    opts.force_at_ms = pin;
    const promql::Node& root = cmd.ast->root();
    auto res = evaluate_instant(storage_, root, time, opts);
    const std::string where = pin ? " (with @ " + format_value(static_cast<double>(*pin) / 1000) + " at " +
                                        format_value(static_cast<double>(time) / 1000) + "s)"
                                  : "";
    if (!res) {
      if (res.error().unsupported) return unsupported(res.error().message);
      if (cmd.is_fail()) {
        if (auto o = check_expected_failure(cmd, res.error().message)) return failed(*o + where);
        return Status::passed;
      }
      return failed("error evaluating query " + go::quote(expr) + where + ": " + res.error().message);
    }
    result_.got = render(res->value, cmd);
    if (cmd.is_fail()) return failed("expected error evaluating query " + go::quote(expr) + where + " but got none");
    if (auto o = check_annotations(cmd, expr, res->annotations)) return failed(*o + where);
    if (auto o = compare_result(cmd, res->value)) return failed(*o + where);
    if (cmd.exclude_from_range) return Status::passed;
    if (re2::RE2::PartialMatch(expr, pattern(kPatQueryContext))) return Status::passed;

    // The same query as a range query around the time: its middle step must agree.
    auto range = evaluate_range(storage_, root, time - 60'000, time + 60'000, 60'000, opts);
    if (!range) {
      if (range.error().unsupported) return unsupported(range.error().message);
      return failed("error evaluating query " + go::quote(expr) + where + " in range mode: " + range.error().message);
    }
    if (cmd.is_ordered()) return Status::passed;
    const Matrix& m = std::get<Matrix>(range->value);
    for (size_t i = 0; i + 1 < m.size(); ++i) {
      if (engine::compare(m[i].metric, m[i + 1].metric) > 0) {
        return failed("matrix results should always be sorted by labels, but matrix is not sorted" + where);
      }
    }
    Vector vec;
    for (const Series& s : m) {
      for (const Point& p : s.points) {
        if (p.t == time) {
          vec.push_back({s.metric, p.t, p.v});
          break;
        }
      }
    }
    Value mid;
    if (std::holds_alternative<Scalar>(res->value)) {
      mid = Scalar{time, vec.empty() ? 0 : vec[0].v};
    } else {
      mid = std::move(vec);
    }
    if (auto o = compare_result(cmd, mid)) {
      result_.got = render(mid, cmd);
      return failed(*o + where + " (range mode)");
    }
    return Status::passed;
  }

  Storage& storage_;
  EvalResult& result_;
  EvalOptions options_ = test_engine_options();
};

std::optional<std::string> apply_load(Storage& storage, const LoadCmd& cmd) {
  for (const Labels& l : cmd.start_timestamps) storage.mark_start_timestamps(l);
  for (const SeriesDescription& d : cmd.series) {
    StoredSeries& series = storage.series(d.labels);
    // Repeats of one histogram value share it.
    std::vector<std::shared_ptr<const FloatHistogram>> histograms;
    for (const FloatHistogram& h : d.histograms) histograms.push_back(std::make_shared<const FloatHistogram>(h));
    int64_t t = 0;
    for (const SequenceValue& v : d.values) {
      if (v.histogram) {
        // Stored (and validated as the TSDB does); evaluations that read them stay unsupported.
        if (auto err = Storage::append_histogram(series, t, histograms[v.index])) return *err;
      } else if (!v.omitted) {
        if (auto err = Storage::append(series, t, v.value)) return *err;
      }
      t += cmd.gap;
    }
  }
  if (cmd.with_nhcb) {
    // load_with_nhcb adds a native histogram series per classic histogram (its name without
    // _bucket/_count/_sum, without le).
    for (const SeriesDescription& d : cmd.series) {
      const std::string_view name = d.labels.get(kMetricName);
      std::string_view base;
      for (std::string_view suffix : {"_bucket", "_count", "_sum"}) {
        if (name.ends_with(suffix)) base = name.substr(0, name.size() - suffix.size());
      }
      if (base.empty()) continue;
      if (name.ends_with("_bucket")) {
        const auto le = promql::go::parse_float(d.labels.get(kBucketLabel));
        if (!le || std::isnan(*le)) continue;
      }
      static constexpr std::string_view kLe[] = {"le"};
      storage.mark_native_histograms(d.labels.without(kLe).with(kMetricName, base));
    }
  }
  return std::nullopt;
}

}  // namespace

EvalOptions test_engine_options() {
  EvalOptions o;
  o.lookback_delta_ms = 5 * 60 * 1000;
  o.max_samples = 10000;  // DefaultMaxSamplesPerQuery
  o.default_subquery_step_ms = 60'000;
  o.delayed_name_removal = true;
  o.use_start_timestamps = true;
  o.enable_at_modifier = true;
  o.enable_negative_offset = true;
  o.max_points_per_series = 0;  // the runner calls the engine directly, not the HTTP API
  return o;
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::passed: return "passed";
    case Status::failed: return "failed";
    case Status::unsupported: return "unsupported";
  }
  return "failed";
}

size_t FileResult::count(Status s) const {
  return static_cast<size_t>(
      std::count_if(evals.begin(), evals.end(), [&](const EvalResult& e) { return e.status == s; }));
}

FileResult run_script(std::string_view script, const Options& options) {
  FileResult out;
  // getLines: trimmed lines, comments blanked.
  std::vector<std::string> lines;
  {
    size_t start = 0;
    for (;;) {
      const size_t nl = script.find('\n', start);
      std::string l = trim(script.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
      if (!l.empty() && l[0] == '#') l.clear();
      lines.push_back(std::move(l));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }
  // Every eval line, so that evals of a script that fails to parse are still reported.
  auto fail_all = [&](int line0, const std::string& message, size_t from_line) {
    out.error = message;
    out.error_line = line0 + 1;
    for (size_t i = from_line; i < lines.size(); ++i) {
      if (std::string_view(lines[i]).substr(0, 4) == "eval" || std::string_view(lines[i]).substr(0, 4) == "EVAL") {
        EvalResult r;
        r.line = static_cast<int>(i) + 1;
        r.command = lines[i];
        r.status = Status::failed;
        r.message = "not run: " + message + " (line " + std::to_string(line0 + 1) + ")";
        out.evals.push_back(std::move(r));
      }
    }
  };

  std::vector<Command> commands;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.empty()) continue;
    std::string word = l.substr(0, l.find_first_of(" \t"));
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::optional<ScriptError> err;
    if (word == "clear") {
      commands.emplace_back(ClearCmd{});
    } else if (word.starts_with("load")) {
      LoadCmd cmd;
      err = parse_load(lines, i, cmd);
      if (!err) commands.emplace_back(std::move(cmd));
    } else if (word.starts_with("eval")) {
      EvalCmd cmd;
      err = parse_eval(lines, i, options, cmd);
      if (!err) commands.emplace_back(std::move(cmd));
    } else {
      err = ScriptError{static_cast<int>(i), "invalid command " + go::quote(l)};
    }
    if (err) {
      fail_all(err->line, err->message, 0);
      return out;
    }
  }

  Storage storage;
  for (const Command& c : commands) {
    if (std::holds_alternative<ClearCmd>(c)) {
      storage.clear();
    } else if (const auto* load = std::get_if<LoadCmd>(&c)) {
      if (auto err = apply_load(storage, *load)) {
        fail_all(load->line - 1, *err, static_cast<size_t>(load->line));
        return out;
      }
    } else {
      const auto& eval = std::get<EvalCmd>(c);
      EvalResult r;
      r.line = eval.line;
      r.command = eval.text;
      r.expr = eval.expr;
      r.expected = eval.raw_expected;
      Runner runner(storage, r);
      r.status = runner.run(eval);
      out.evals.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace mlmon::engine::promqltest
