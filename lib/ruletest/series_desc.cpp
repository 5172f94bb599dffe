#include "ruletest/series_desc.hpp"

#include <cmath>
#include <optional>

#include "core/go_number.hpp"
#include "core/go_quote.hpp"
#include "core/result.hpp"
#include "engine/histogram_notation.hpp"
#include "engine/value.hpp"
#include "promql/error.hpp"
#include "promql/go_format.hpp"
#include "promql/lexer.hpp"
#include "promql/token.hpp"

namespace mlmon::ruletest {

namespace {

using promql::Tok;

std::unexpected<ParseFailure> failure(std::size_t offset, std::string message) {
  return std::unexpected(ParseFailure{offset, std::move(message)});
}

// Item.String() of tokens without a group: %q, or %.10q... when longer than 10 characters.
std::string quoted_item(std::string_view text) { return promql::describe_token(Tok::comma, text); }

// Tokens that may name a metric (the grammar's metric_identifier).
bool is_metric_identifier(Tok t) {
  switch (t) {
    case Tok::avg:
    case Tok::bottomk:
    case Tok::by:
    case Tok::count:
    case Tok::count_values:
    case Tok::fill:
    case Tok::fill_left:
    case Tok::fill_right:
    case Tok::group:
    case Tok::identifier:
    case Tok::land:
    case Tok::lor:
    case Tok::lunless:
    case Tok::max:
    case Tok::metric_identifier:
    case Tok::min:
    case Tok::offset:
    case Tok::quantile:
    case Tok::stddev:
    case Tok::stdvar:
    case Tok::sum:
    case Tok::topk:
    case Tok::without:
    case Tok::start:
    case Tok::end:
    case Tok::limitk:
    case Tok::limit_ratio:
    case Tok::step:
    case Tok::range:
    case Tok::anchored:
    case Tok::smoothed:
    case Tok::max_of:
    case Tok::min_of: return true;
    default: return false;
  }
}

std::string_view token_text(std::string_view input, const promql::Token& t) {
  return input.substr(t.begin, t.end - t.begin);
}

std::string describe(std::string_view input, const promql::Token& t) {
  return promql::describe_token(t.kind, token_text(input, t));
}

// The label set after its `{`, read with the PromQL lexer (which is in its inside-braces state).
// Returns the offset just past the closing `}`.
std::expected<std::size_t, ParseFailure> parse_label_set(std::string_view input, promql::Lexer& lexer,
                                                         std::vector<engine::Label>& labels) {
  auto lexer_error = [](const promql::Token& t) { return failure(t.begin, std::string(t.error)); };
  auto unexpected = [&](const promql::Token& t, std::string_view expected) {
    return failure(t.begin, "unexpected " + describe(input, t) + " in label set, expected " + std::string(expected));
  };
  auto unquote = [&](const promql::Token& t, std::string& out) -> std::optional<ParseFailure> {
    if (promql::go::unquote(token_text(input, t), out)) return std::nullopt;
    return ParseFailure{t.begin, "error unquoting string " + go::quote(token_text(input, t)) + ": invalid syntax"};
  };
  bool item_expected = true;  // after `{` or `,`
  std::optional<promql::Token> pending;
  for (;;) {
    promql::Token t = pending ? *pending : lexer.next();
    pending.reset();
    if (t.kind == Tok::error) return lexer_error(t);
    if (t.kind == Tok::right_brace) return t.end;
    if (!item_expected) {
      if (t.kind != Tok::comma) return unexpected(t, "\",\" or \"}\"");
      item_expected = true;
      continue;
    }
    if (t.kind == Tok::identifier) {
      const promql::Token eq = lexer.next();
      if (eq.kind == Tok::error) return lexer_error(eq);
      if (eq.kind != Tok::eql) return unexpected(eq, "\"=\"");
      const promql::Token value = lexer.next();
      if (value.kind == Tok::error) return lexer_error(value);
      if (value.kind != Tok::string) return unexpected(value, "string");
      std::string v;
      if (auto e = unquote(value, v)) return std::unexpected(*e);
      labels.push_back({std::string(token_text(input, t)), std::move(v)});
    } else if (t.kind == Tok::string) {
      std::string name;
      if (auto e = unquote(t, name)) return std::unexpected(*e);
      const promql::Token next = lexer.next();
      if (next.kind == Tok::error) return lexer_error(next);
      if (next.kind == Tok::eql) {
        const promql::Token value = lexer.next();
        if (value.kind == Tok::error) return lexer_error(value);
        if (value.kind != Tok::string) return unexpected(value, "string");
        std::string v;
        if (auto e = unquote(value, v)) return std::unexpected(*e);
        labels.push_back({std::move(name), std::move(v)});
      } else {
        // {"metric.name"}: a quoted metric name.
        labels.push_back({std::string(engine::kMetricName), std::move(name)});
        pending = next;
      }
    } else {
      return unexpected(t, "identifier or \"}\"");
    }
    item_expected = false;
  }
}

enum class Mode { SeriesDescription, Metric };

struct MetricPart {
  engine::Labels labels;
  std::size_t end = 0;                 // where the metric ends
  std::optional<promql::Token> after;  // Metric mode: the token after the metric
};

std::expected<MetricPart, ParseFailure> parse_metric_part(std::string_view input, Mode mode) {
  promql::Lexer lexer(input);
  std::vector<engine::Label> labels;
  std::string name;
  MetricPart out;
  promql::Token t = lexer.next();
  if (t.kind == Tok::error) return failure(t.begin, std::string(t.error));
  bool brace = t.kind == Tok::left_brace;
  if (is_metric_identifier(t.kind)) {
    name = std::string(token_text(input, t));
    out.end = t.end;
    if (mode == Mode::SeriesDescription) {
      // In a series description the label set must follow the name at once.
      brace = t.end < input.size() && input[t.end] == '{';
      if (brace) lexer.next();
    } else {
      t = lexer.next();
      if (t.kind == Tok::error) return failure(t.begin, std::string(t.error));
      brace = t.kind == Tok::left_brace;
      if (!brace) out.after = t;
    }
  } else if (!brace) {
    if (mode == Mode::Metric) {
      out.after = t;
    } else if (t.kind != Tok::eof) {
      return failure(t.begin, "unexpected " + describe(input, t) + " in series values");
    }
    out.end = t.begin;
  }
  if (brace) {
    auto end = MLMON_TRY(parse_label_set(input, lexer, labels));
    out.end = end;
    if (mode == Mode::Metric) {
      t = lexer.next();
      out.after = t;
    }
  }
  // Pushed last: the name written before the braces wins over a __name__ inside them.
  if (!name.empty()) labels.push_back({std::string(engine::kMetricName), std::move(name)});
  // As Prometheus's label sets: a label with an empty value is no label.
  std::erase_if(labels, [](const engine::Label& l) { return l.value.empty(); });
  out.labels = engine::Labels(std::move(labels));
  return out;
}

// The lexer's value-sequence state (lexValueSequence), for what follows the metric.
enum class V { Eof, Error, Space, Add, Sub, Times, Blank, Number, Word, Histogram, LeftBrace };

struct VToken {
  V kind = V::Eof;
  Tok word = Tok::identifier;  // V::Word: identifier, metric identifier, keyword
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string error;
};

class ValueLexer {
 public:
  ValueLexer(std::string_view input, std::size_t pos) : in_(input), pos_(pos) {}

  VToken next() {
    const std::size_t start = pos_;
    const bool after_word = brace_next_;
    brace_next_ = false;
    if (pos_ >= in_.size()) return {V::Eof, Tok::eof, start, start, {}};
    const char c = in_[pos_];
    // A word followed by `{` leaves the value sequence: the brace is then a token of its own.
    if (c == '{' && after_word) return single(V::LeftBrace);
    if (c == '{' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '{') return histogram(start);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos_;
      const VToken t{V::Space, Tok::eof, start, pos_, {}};
      while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r')) {
        ++pos_;
      }
      return t;
    }
    if (c == '+') return single(V::Add);
    if (c == '-') return single(V::Sub);
    if (c == 'x') return single(V::Times);
    if (c == '_') return single(V::Blank);
    if (is_digit(c) || (c == '.' && pos_ + 1 < in_.size() && is_digit(in_[pos_ + 1]))) {
      const engine::NumberScan scan = engine::scan_series_number(in_, pos_);
      if (!scan.ok) {
        if (scan.repeated) ++pos_;  // the lexer's error token takes the second '.' or exponent
        return {V::Error, Tok::error, start, pos_, "bad number syntax: " + go::quote(in_.substr(start, pos_ - start))};
      }
      return {V::Number, Tok::number, start, pos_, {}};
    }
    if (is_alpha(c)) {
      while (pos_ < in_.size() && (is_alnum(in_[pos_]) || in_[pos_] == ':')) ++pos_;
      const std::string_view word = in_.substr(start, pos_ - start);
      Tok kind = promql::Lexer::keyword(word);
      if (kind == Tok::identifier && word.find(':') != std::string_view::npos) kind = Tok::metric_identifier;
      brace_next_ = true;
      return {kind == Tok::number ? V::Number : V::Word, kind, start, pos_, {}};
    }
    const promql::go::Rune r = promql::go::decode_rune(in_, pos_);
    return {V::Error, Tok::error, start, pos_, "unexpected character in series sequence: " + go::quote_rune(r.value)};
  }

  std::string_view text(const VToken& t) const { return in_.substr(t.begin, t.end - t.begin); }
  std::string_view input() const { return in_; }
  void seek(std::size_t pos) {
    pos_ = pos;
    brace_next_ = false;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_alpha(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

  VToken single(V kind) {
    const std::size_t start = pos_++;
    return {kind, Tok::eof, start, pos_, {}};
  }

  // The `{{` of a histogram item, which engine::parse_histogram_item reads from here.
  VToken histogram(std::size_t start) {
    pos_ += 2;
    return {V::Histogram, Tok::eof, start, pos_, {}};
  }

  std::string_view in_;
  std::size_t pos_;
  bool brace_next_ = false;
};

std::string describe(const ValueLexer& lexer, const VToken& t) {
  switch (t.kind) {
    case V::Eof: return "end of input";
    case V::Add: return "<op:+>";
    case V::Sub: return "<op:->";
    case V::Number: return promql::describe_token(Tok::number, lexer.text(t));
    case V::Word: return promql::describe_token(t.word, lexer.text(t));
    case V::Histogram: return quoted_item("{{");
    default: return quoted_item(lexer.text(t));
  }
}

class ValuesParser {
 public:
  ValuesParser(std::string_view input, std::size_t pos, ParsedSeries& out) : lexer_(input, pos), out_(out) {}

  std::optional<ParseFailure> run() {
    // [metric]: values may start (with a space) or the input ends; anything else is caught by
    // the grammar's `series_values: error` ("... in series values").
    VToken t = lexer_.next();
    if (t.kind == V::Eof) return std::nullopt;
    if (t.kind == V::Error) return lexer_failure(t);
    if (t.kind != V::Space) return in_series_values(t);
    for (;;) {
      // After a space: an item, or the end.
      t = lexer_.next();
      if (t.kind == V::Eof) return std::nullopt;
      if (t.kind == V::Error) return lexer_failure(t);
      std::optional<VToken> rest;
      if (auto e = item(t, rest)) return e;
      // After a complete item: a space or the end; anything else is reduced to a complete
      // description first, so the error has no context ("unexpected \"x\"").
      t = rest ? *rest : lexer_.next();
      if (t.kind == V::Eof) return std::nullopt;
      if (t.kind == V::Error) return lexer_failure(t);
      if (t.kind != V::Space) return bare(t);
    }
  }

 private:
  std::optional<ParseFailure> lexer_failure(const VToken& t) { return ParseFailure{t.begin, t.error}; }
  std::optional<ParseFailure> in_series_values(const VToken& t) {
    if (t.kind == V::Error) return lexer_failure(t);
    return ParseFailure{t.begin, "unexpected " + describe(lexer_, t) + " in series values"};
  }
  std::optional<ParseFailure> bare(const VToken& t) {
    return ParseFailure{t.begin, "unexpected " + describe(lexer_, t)};
  }

  static ParseFailure too_many(const VToken& at) {
    return ParseFailure{at.begin, "too many values in one series (more than " +
                                      std::to_string(engine::kMaxSeriesValues) + "): mlmon refuses to expand them"};
  }

  std::optional<ParseFailure> push(engine::SequenceValue v, uint64_t copies, const VToken& at) {
    if (!engine::append_copies(out_.values, v, copies)) return too_many(at);
    return std::nullopt;
  }

  // uint: NUMBER, whose repetition count must parse as ParseUint(s, 10, 64).
  std::expected<uint64_t, ParseFailure> repetitions() {
    const VToken n = lexer_.next();
    if (n.kind != V::Number) return std::unexpected(*in_series_values(n));
    const std::string_view text = lexer_.text(n);
    const auto count = go::parse_uint(text, 10);
    if (!count) {
      return std::unexpected(ParseFailure{
          n.begin, "invalid repetition in series values: " + go::number_error_text("ParseUint", text, count.error)});
    }
    return count.value;
  }

  // number: NUMBER through p.number (ParseInt base 0, then ParseFloat).
  std::expected<double, ParseFailure> number(const VToken& t) {
    const auto v = promql::go::parse_number(lexer_.text(t));
    if (!v) return std::unexpected(ParseFailure{t.begin, "error parsing number: " + v.error().message});
    return *v;
  }

  // One series_item starting at `t`. `rest` receives a token read past the item, if any.
  std::optional<ParseFailure> item(const VToken& t, std::optional<VToken>& rest) {
    switch (t.kind) {
      case V::Blank: {
        const VToken next = lexer_.next();
        if (next.kind != V::Times) {
          rest = next;
          return push({0, true, false}, 1, t);
        }
        auto n = repetitions();
        if (!n) return n.error();
        return push({0, true, false}, *n, t);
      }
      case V::Histogram: {
        out_.has_histograms = true;
        // The lexer only delimited `{{`...`}}`; the histogram parser reads the item from its start.
        std::size_t end = t.begin;
        auto parsed = engine::parse_histogram_item(lexer_.input(), end, engine::kMaxSeriesValues);
        if (!parsed) return ParseFailure{parsed.error().offset, parsed.error().message};
        if (parsed->too_many) return too_many(t);
        lexer_.seek(end);
        for (engine::FloatHistogram& h : parsed->values) {
          const auto index = static_cast<uint32_t>(out_.histograms.size());
          out_.histograms.push_back(std::move(h));
          if (auto e = push({0, false, true, index}, parsed->repeat, t)) return e;
        }
        return std::nullopt;
      }
      case V::Word: {
        // series_value: IDENTIFIER, which must be `stale`.
        if (t.word != Tok::identifier) return bare(t);
        if (lexer_.text(t) != "stale") {
          return ParseFailure{t.begin,
                              "unexpected " + describe(lexer_, t) + " in series values, expected number or \"stale\""};
        }
        return value(engine::stale_nan(), t, rest);
      }
      case V::Number: {
        auto v = number(t);
        if (!v) return v.error();
        return value(*v, t, rest);
      }
      case V::Add:
      case V::Sub: {
        const VToken n = lexer_.next();
        if (n.kind != V::Number) return in_series_values(n);
        auto v = number(n);
        if (!v) return v.error();
        return value(t.kind == V::Sub ? -*v : *v, t, rest);
      }
      default: return bare(t);
    }
  }

  // After a series_value: `xN`, `+bxN`, `-bxN`, or the value alone.
  std::optional<ParseFailure> value(double v, const VToken& at, std::optional<VToken>& rest) {
    const VToken next = lexer_.next();
    if (next.kind == V::Times) {
      auto n = repetitions();
      if (!n) return n.error();
      if (!engine::append_repeated(out_.values, {v, false, false}, *n)) return too_many(at);
      return std::nullopt;
    }
    if (next.kind == V::Add || next.kind == V::Sub) {
      const VToken d = lexer_.next();
      if (d.kind != V::Number) return in_series_values(d);
      auto delta = number(d);
      if (!delta) return delta.error();
      const VToken times = lexer_.next();
      if (times.kind != V::Times) return in_series_values(times);
      auto n = repetitions();
      if (!n) return n.error();
      if (!engine::append_sequence(out_.values, v, next.kind == V::Sub ? -*delta : *delta, *n)) return too_many(at);
      return std::nullopt;
    }
    rest = next;
    return push({v, false, false}, 1, at);
  }

  ValueLexer lexer_;
  ParsedSeries& out_;
};

}  // namespace

std::expected<ParsedSeries, ParseFailure> parse_series_desc(std::string_view text) {
  auto metric = MLMON_TRY(parse_metric_part(text, Mode::SeriesDescription));
  ParsedSeries out;
  out.labels = std::move(metric.labels);
  ValuesParser values(text, metric.end, out);
  if (auto e = values.run()) return std::unexpected(*e);
  return out;
}

std::expected<engine::Labels, ParseFailure> parse_metric(std::string_view text) {
  auto metric = MLMON_TRY(parse_metric_part(text, Mode::Metric));
  const promql::Token& after = *metric.after;
  if (after.kind == Tok::error) return failure(after.begin, std::string(after.error));
  if (after.kind != Tok::eof) return failure(after.begin, "unexpected " + describe(text, after));
  return std::move(metric.labels);
}

std::string format_parse_error(std::string_view text, const ParseFailure& failure, int line_offset) {
  if (text.empty()) return "unknown position: parse error: " + failure.message;
  if (failure.offset > text.size()) return "invalid position: parse error: " + failure.message;
  const auto lc = promql::line_col(text, static_cast<uint32_t>(failure.offset));
  return std::to_string(static_cast<int>(lc.line) + line_offset) + ":" + std::to_string(lc.col) +
         ": parse error: " + failure.message;
}

}  // namespace mlmon::ruletest
