#include "engine/histogram_notation.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "core/go_quote.hpp"
#include "promql/go_format.hpp"

namespace mlmon::engine {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// The lexer's isAlpha: letters and '_'.
bool is_alpha(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::unexpected<HistogramNotationError> fail(std::size_t at, std::string message) {
  return std::unexpected(HistogramNotationError{at, std::move(message)});
}

// Tokens of lexHistogram/lexBuckets.
enum class T { Space, Key, Hint, Number, Colon, Sub, LeftBracket, RightBracket, Close, Eof };

struct Tok {
  T kind = T::Eof;
  std::size_t begin = 0;
  std::size_t end = 0;
  int item = 0;  // Key, Hint: the parser's token number (in messages, as "<Item N>")
};

// The generated parser's token numbers of the descriptor keys and hints (Prometheus v3.14).
int key_item(std::string_view k) {
  static const std::pair<std::string_view, int> kItems[] = {{"sum", 57370},
                                                            {"count", 57371},
                                                            {"schema", 57372},
                                                            {"offset", 57373},
                                                            {"n_offset", 57374},
                                                            {"buckets", 57375},
                                                            {"n_buckets", 57376},
                                                            {"z_bucket", 57377},
                                                            {"z_bucket_w", 57378},
                                                            {"custom_values", 57379},
                                                            {"counter_reset_hint", 57380}};
  for (const auto& [name, item] : kItems) {
    if (name == k) return item;
  }
  return 0;
}
int hint_item(std::string_view k) {
  if (k == "unknown") return 57445;
  if (k == "reset") return 57446;
  if (k == "not_reset") return 57447;
  if (k == "gauge") return 57448;
  return 0;
}

class DescParser {
 public:
  DescParser(std::string_view s, std::size_t pos) : s_(s), i_(pos + 2) {}

  std::expected<FloatHistogram, HistogramNotationError> run(std::size_t& pos) {
    FloatHistogram h;
    std::set<std::string> seen;
    std::vector<double> buckets, n_buckets;
    int64_t offset = 0, n_offset = 0;
    bool any_item = false;
    Tok t = next();
    if (!ok_) return std::unexpected(*error_);
    if (t.kind == T::Space) {
      // `{{ }}` only: an item may not follow a leading space.
      t = next();
      if (!ok_) return std::unexpected(*error_);
      if (t.kind != T::Close) return unexpected(t, any_item);
    }
    while (t.kind != T::Close) {
      // item: KEY ":" value
      if (t.kind != T::Key) return unexpected(t, any_item);
      const std::string key = lower(text(t));
      const Tok colon = next();
      if (!ok_) return std::unexpected(*error_);
      if (colon.kind != T::Colon) return unexpected(colon, any_item);
      if (key == "schema" || key == "offset" || key == "n_offset") {
        auto v = integer(any_item);
        if (!v) return std::unexpected(v.error());
        if (key == "schema") {
          h.schema = static_cast<int32_t>(*v);
        } else {
          (key == "n_offset" ? n_offset : offset) = *v;
        }
      } else if (key == "sum" || key == "count" || key == "z_bucket" || key == "z_bucket_w") {
        auto v = number(key != "z_bucket_w", any_item);
        if (!v) return std::unexpected(v.error());
        (key == "sum" ? h.sum : key == "count" ? h.count : key == "z_bucket" ? h.zero_count : h.zero_threshold) = *v;
      } else if (key == "buckets" || key == "n_buckets" || key == "custom_values") {
        auto v = bucket_set(any_item);
        if (!v) return std::unexpected(v.error());
        (key == "buckets" ? buckets : key == "n_buckets" ? n_buckets : h.custom_values) = std::move(*v);
      } else {
        const Tok w = next();
        if (!ok_) return std::unexpected(*error_);
        if (w.kind != T::Hint) return unexpected(w, any_item);
        const std::string word = lower(text(w));
        h.hint = word == "reset"       ? CounterResetHint::reset
                 : word == "not_reset" ? CounterResetHint::not_reset
                 : word == "gauge"     ? CounterResetHint::gauge
                                       : CounterResetHint::unknown;
      }
      // mergeMaps: a repeated key is an error positioned nowhere (offset 0).
      if (!seen.insert(key).second) return fail(0, "duplicate key \"" + key + "\" in histogram");
      any_item = true;
      // Then a space and another item, a space and "}}", or "}}".
      t = next();
      if (!ok_) return std::unexpected(*error_);
      if (t.kind == T::Space) {
        t = next();
        if (!ok_) return std::unexpected(*error_);
      } else if (t.kind != T::Close) {
        return unexpected(t, any_item);
      }
    }
    // buildHistogramBucketsAndSpans: one span per side, at its offset.
    if (!buckets.empty()) h.positive_spans = {{static_cast<int32_t>(offset), static_cast<uint32_t>(buckets.size())}};
    if (!n_buckets.empty())
      h.negative_spans = {{static_cast<int32_t>(n_offset), static_cast<uint32_t>(n_buckets.size())}};
    h.positive_buckets = std::move(buckets);
    h.negative_buckets = std::move(n_buckets);
    pos = i_;
    return h;
  }

 private:
  std::string_view text(const Tok& t) const { return s_.substr(t.begin, t.end - t.begin); }

  void lex_error(std::size_t at, std::string message) {
    ok_ = false;
    error_ = HistogramNotationError{at, std::move(message)};
  }

  std::string rune_at(std::size_t at) const {
    if (at >= s_.size()) return go::quote_rune(0xFFFD);  // Go quotes the eof rune as U+FFFD
    return go::quote_rune(promql::go::decode_rune(s_, at).value);
  }

  // Item.desc() of a token, as the parser's messages show it.
  std::string describe(const Tok& t) const {
    switch (t.kind) {
      case T::Eof: return "end of input";
      case T::Sub: return "<op:->";
      case T::Number: return "number " + go::quote(text(t));
      case T::Key:
      case T::Hint: return "\"<Item " + std::to_string(t.item) + ">\" " + go::quote(text(t));
      default: return go::quote(text(t));
    }
  }

  // A grammar error: before any complete item the parser recovers in series_values, after one
  // in histogram_desc_map (generated_parser.y).
  std::unexpected<HistogramNotationError> unexpected(const Tok& t, bool any_item) const {
    if (!any_item) return fail(t.begin, "unexpected " + describe(t) + " in series values");
    return fail(t.begin, "unexpected " + describe(t) +
                             " in histogram description, expected histogram description key, e.g. buckets:[5 10 7]");
  }

  // A NUMBER: scanNumber's characters.
  void scan_number() {
    while (i_ < s_.size() && (is_digit(s_[i_]) || s_[i_] == '.' || s_[i_] == '_' || s_[i_] == 'e' || s_[i_] == 'E' ||
                              ((s_[i_] == '+' || s_[i_] == '-') && (s_[i_ - 1] == 'e' || s_[i_ - 1] == 'E')))) {
      ++i_;
    }
  }

  // scanNumber: the number may be followed by `x` (a repetition) but by no other letter or digit.
  Tok number_token(std::size_t start) {
    scan_number();
    if (i_ < s_.size() && s_[i_] != 'x' && (is_alpha(s_[i_]) || is_digit(s_[i_]))) {
      lex_error(start, "bad number syntax: " + go::quote(s_.substr(start, i_ - start)));
      return {};
    }
    return {T::Number, start, i_};
  }

  Tok next() {
    const std::size_t start = i_;
    if (in_brackets_) return next_in_brackets();
    if (i_ >= s_.size()) {
      lex_error(i_, "histogram description incomplete unexpected: " + rune_at(i_));
      return {};
    }
    const char c = s_[i_];
    if (is_space(c)) {
      while (i_ < s_.size() && is_space(s_[i_])) ++i_;
      return {T::Space, start, i_};
    }
    if (is_alpha(c)) {
      while (i_ < s_.size() && is_alpha(s_[i_])) ++i_;
      const std::string word = lower(s_.substr(start, i_ - start));
      if (const int item = key_item(word)) {
        if (i_ < s_.size() && s_[i_] == ':') return {T::Key, start, i_, item};
        lex_error(start, "missing `:` for histogram descriptor");
        return {};
      }
      if (word == "inf" || word == "nan") return {T::Number, start, i_};
      if (const int item = hint_item(word)) return {T::Hint, start, i_, item};
      lex_error(start, "bad histogram descriptor found: " + go::quote(s_.substr(start, i_ - start)));
      return {};
    }
    ++i_;
    if (c == ':') return {T::Colon, start, i_};
    if (c == '-') return {T::Sub, start, i_};
    if (c == '[') {
      in_brackets_ = true;
      return {T::LeftBracket, start, i_};
    }
    if (c == '}' && i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return {T::Close, start, i_};
    }
    if (is_digit(c)) return number_token(start);
    lex_error(start, "histogram description incomplete unexpected: " + rune_at(start));
    return {};
  }

  Tok next_in_brackets() {
    for (;;) {
      const std::size_t start = i_;
      if (i_ >= s_.size()) {
        lex_error(i_, "invalid character in buckets description: " + rune_at(i_));
        return {};
      }
      const char c = s_[i_];
      if (is_space(c)) {
        while (i_ < s_.size() && is_space(s_[i_])) ++i_;
        return {T::Space, start, i_};
      }
      ++i_;
      if (c == '-') return {T::Sub, start, i_};
      if (c == ']') {
        in_brackets_ = false;
        return {T::RightBracket, start, i_};
      }
      if (is_digit(c)) return number_token(start);
      if (is_alpha(c)) {
        // lexBuckets emits a word only once it reads Inf or NaN; other letters vanish.
        while (i_ < s_.size() && is_alpha(s_[i_])) ++i_;
        const std::string word = lower(s_.substr(start, i_ - start));
        if (word == "inf" || word == "nan") return {T::Number, start, i_};
        continue;
      }
      lex_error(start, "invalid character in buckets description: " + rune_at(start));
      return {};
    }
  }

  // int: ["-"] uint, the uint through strconv.ParseUint (whose errors the grammar words as
  // repetitions, as Prometheus does).
  std::expected<int64_t, HistogramNotationError> integer(bool any_item) {
    Tok t = next();
    if (!ok_) return std::unexpected(*error_);
    const bool neg = t.kind == T::Sub;
    if (neg) {
      t = next();
      if (!ok_) return std::unexpected(*error_);
    }
    if (t.kind != T::Number) return unexpected(t, any_item);
    const std::string_view digits_text = text(t);
    uint64_t v = 0;
    const bool digits = digits_text.find_first_not_of("0123456789") == std::string_view::npos;
    const auto [p, ec] = std::from_chars(digits_text.data(), digits_text.data() + digits_text.size(), v);
    if (!digits || ec != std::errc() || p != digits_text.data() + digits_text.size()) {
      return fail(t.begin, "invalid repetition in series values: strconv.ParseUint: parsing " + go::quote(digits_text) +
                               ": " + (digits ? "value out of range" : "invalid syntax"));
    }
    return neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  }

  // number, or with `signed_ok` also signed_number ("-" number; "+" is no token here).
  std::expected<double, HistogramNotationError> number(bool signed_ok, bool any_item, std::optional<Tok> first = {}) {
    Tok t = first ? *first : next();
    if (!ok_) return std::unexpected(*error_);
    double sign = 1;
    if (signed_ok && t.kind == T::Sub) {
      sign = -1;
      t = next();
      if (!ok_) return std::unexpected(*error_);
    }
    if (t.kind != T::Number) return unexpected(t, any_item);
    const auto v = promql::go::parse_number(text(t));
    if (!v) return fail(t.begin, "error parsing number: " + v.error().message);
    return sign * *v;
  }

  // bucket_set: "[" numbers separated by spaces, optionally a space, "]".
  std::expected<std::vector<double>, HistogramNotationError> bucket_set(bool any_item) {
    Tok t = next();
    if (!ok_) return std::unexpected(*error_);
    if (t.kind != T::LeftBracket) return unexpected(t, any_item);
    std::vector<double> out;
    auto first = number(true, any_item);
    if (!first) return std::unexpected(first.error());
    out.push_back(*first);
    for (;;) {
      t = next();
      if (!ok_) return std::unexpected(*error_);
      if (t.kind == T::RightBracket) return out;
      if (t.kind != T::Space) return unexpected(t, any_item);
      t = next();  // a number, or "]" after a trailing space
      if (!ok_) return std::unexpected(*error_);
      if (t.kind == T::RightBracket) return out;
      auto v = number(true, any_item, t);
      if (!v) return std::unexpected(v.error());
      out.push_back(*v);
    }
  }

  std::string_view s_;
  std::size_t i_;
  bool in_brackets_ = false;
  bool ok_ = true;
  std::optional<HistogramNotationError> error_;
};

// The value-sequence token at text[i] as the parser's messages describe it (a number, an end, or
// a character).
std::string describe_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return "end of input";
  if (is_digit(text[i])) {
    std::size_t j = i;
    while (j < text.size() && (is_digit(text[j]) || text[j] == '.')) ++j;
    return "number " + go::quote(text.substr(i, j - i));
  }
  if (text[i] == '+' || text[i] == '-') return std::string("<op:") + text[i] + ">";
  return go::quote(text.substr(i, 1));
}

// uint after "x": a NUMBER through strconv.ParseUint.
std::expected<uint64_t, HistogramNotationError> repetitions(std::string_view s, std::size_t& i) {
  const std::size_t at = i;
  while (i < s.size() && (is_digit(s[i]) || is_alpha(s[i]) || s[i] == '.')) ++i;
  const std::string_view text = s.substr(at, i - at);
  if (text.empty() || !(is_digit(text[0]) || text[0] == '.')) {
    return fail(at, "unexpected " + (at >= s.size() ? std::string("end of input") : go::quote(s.substr(at, 1))) +
                        " in series values");
  }
  uint64_t v = 0;
  const bool digits = text.find_first_not_of("0123456789") == std::string_view::npos;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (!digits || ec != std::errc() || p != text.data() + text.size()) {
    return fail(at, "invalid repetition in series values: strconv.ParseUint: parsing " + go::quote(text) + ": " +
                        (digits ? "value out of range" : "invalid syntax"));
  }
  return v;
}

}  // namespace

std::expected<FloatHistogram, HistogramNotationError> parse_histogram_desc(std::string_view text, std::size_t& pos) {
  return DescParser(text, pos).run(pos);
}

std::expected<HistogramItem, HistogramNotationError> parse_histogram_item(std::string_view text, std::size_t& pos,
                                                                          std::size_t max_values) {
  std::size_t i = pos;
  auto base = parse_histogram_desc(text, i);
  if (!base) return std::unexpected(base.error());
  HistogramItem out;
  if (i < text.size() && text[i] == 'x') {
    ++i;
    auto n = repetitions(text, i);
    if (!n) return std::unexpected(n.error());
    out.values.push_back(std::move(*base));
    if (*n >= max_values) out.too_many = true;
    else out.repeat = *n + 1;
    pos = i;
    return out;
  }
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    const bool plus = text[i] == '+';
    ++i;
    if (!text.substr(i).starts_with("{{")) return fail(i, "unexpected " + describe_at(text, i) + " in series values");
    auto inc = parse_histogram_desc(text, i);
    if (!inc) return std::unexpected(inc.error());
    if (i >= text.size() || text[i] != 'x') return fail(i, "unexpected " + describe_at(text, i) + " in series values");
    ++i;
    const std::size_t count_at = i;
    auto n = repetitions(text, i);
    if (!n) return std::unexpected(n.error());
    pos = i;
    if (*n >= max_values || *n >= kMaxExpandedHistograms) {
      out.too_many = true;
      return out;
    }
    // histogramsSeries: the base, then each step combined with the increment.
    out.values.reserve(*n + 1);
    out.values.push_back(std::move(*base));
    for (uint64_t k = 1; k <= *n; ++k) {
      const FloatHistogram& cur = out.values.back();
      if (cur.schema > inc->schema) {
        return fail(count_at, "error combining histograms: cannot merge from schema " + std::to_string(inc->schema) +
                                  " to " + std::to_string(cur.schema));
      }
      auto next = plus ? add(cur, *inc) : sub(cur, *inc);
      if (!next) return fail(count_at, next.error());
      out.values.push_back(std::move(*next));
    }
    return out;
  }
  out.values.push_back(std::move(*base));
  pos = i;
  return out;
}

}  // namespace mlmon::engine
