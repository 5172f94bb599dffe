// Lexical tokens of PromQL, grouped like Prometheus's item types (operators, aggregators,
// keywords, preprocessors) because error messages describe them by group: `<op:+>`,
// `<aggr:sum>`, `<by>`, `identifier "foo"`, `end of input`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mlmon::promql {

enum class Tok : uint8_t {
  eof,
  error,
  comment,
  identifier,         // foo (no colon); inside braces every label name
  metric_identifier,  // foo:bar
  number,             // 1, 0x1f, 1e3, Inf, NaN
  duration,           // 5m, 1h30m
  string,             // "a", 'a', `a`
  left_paren,
  right_paren,
  left_brace,
  right_brace,
  left_bracket,
  right_bracket,
  comma,
  eql,  // "=" (label matching)
  colon,

  // Operators.
  operators_begin,
  add,
  div,
  eqlc,       // ==
  eql_regex,  // =~
  gte,
  gtr,
  land,
  lor,
  lss,
  lte,
  lunless,
  mod,
  mul,
  neq,
  neq_regex,  // !~
  pow,
  sub,
  at,
  atan2,
  trim_upper,  // </
  trim_lower,  // >/
  operators_end,

  // Aggregators.
  aggregators_begin,
  avg,
  bottomk,
  count,
  count_values,
  group,
  max,
  min,
  quantile,
  stddev,
  stdvar,
  sum,
  topk,
  limitk,
  limit_ratio,
  aggregators_end,

  // Keywords.
  keywords_begin,
  kw_bool,
  by,
  group_left,
  group_right,
  ignoring,
  offset,
  smoothed,
  anchored,
  on,
  without,
  fill,
  fill_left,
  fill_right,
  keywords_end,

  // Preprocessors and duration functions (printed quoted, not as keywords).
  preprocessors_begin,
  start,
  end,
  step,
  range,
  min_of,
  max_of,
  preprocessors_end,
};

struct Token {
  Tok kind = Tok::eof;
  uint32_t begin = 0;  // byte offsets into the input
  uint32_t end = 0;
  // For Tok::error: the lexer's message (points into storage owned by the lexer).
  std::string_view error;
};

inline bool is_operator(Tok t) { return t > Tok::operators_begin && t < Tok::operators_end; }
inline bool is_aggregator(Tok t) { return t > Tok::aggregators_begin && t < Tok::aggregators_end; }
inline bool is_keyword(Tok t) { return t > Tok::keywords_begin && t < Tok::keywords_end; }
inline bool is_preprocessor(Tok t) { return t > Tok::preprocessors_begin && t < Tok::preprocessors_end; }

// Fixed spelling of a token kind ("+", "sum", "by", "("), or "" for kinds with variable text.
std::string_view token_text(Tok t);

// Describes a token for "unexpected ..." messages exactly like Prometheus's Item.desc():
// `<op:+>`, `<aggr:sum>`, `<by>`, `identifier "foo"`, `number "1"`, `string "\"abc\""`,
// `"("`, `end of input`. `text` is the token's source text.
std::string describe_token(Tok t, std::string_view text);

}  // namespace mlmon::promql
