#include "promql/token.hpp"

#include "promql/go_format.hpp"

namespace mlmon::promql {

std::string_view token_text(Tok t) {
  switch (t) {
    case Tok::left_paren: return "(";
    case Tok::right_paren: return ")";
    case Tok::left_brace: return "{";
    case Tok::right_brace: return "}";
    case Tok::left_bracket: return "[";
    case Tok::right_bracket: return "]";
    case Tok::comma: return ",";
    case Tok::eql: return "=";
    case Tok::colon: return ":";
    case Tok::add: return "+";
    case Tok::div: return "/";
    case Tok::eqlc: return "==";
    case Tok::eql_regex: return "=~";
    case Tok::gte: return ">=";
    case Tok::gtr: return ">";
    case Tok::land: return "and";
    case Tok::lor: return "or";
    case Tok::lss: return "<";
    case Tok::lte: return "<=";
    case Tok::lunless: return "unless";
    case Tok::mod: return "%";
    case Tok::mul: return "*";
    case Tok::neq: return "!=";
    case Tok::neq_regex: return "!~";
    case Tok::pow: return "^";
    case Tok::sub: return "-";
    case Tok::at: return "@";
    case Tok::atan2: return "atan2";
    case Tok::trim_upper: return "</";
    case Tok::trim_lower: return ">/";
    case Tok::avg: return "avg";
    case Tok::bottomk: return "bottomk";
    case Tok::count: return "count";
    case Tok::count_values: return "count_values";
    case Tok::group: return "group";
    case Tok::max: return "max";
    case Tok::min: return "min";
    case Tok::quantile: return "quantile";
    case Tok::stddev: return "stddev";
    case Tok::stdvar: return "stdvar";
    case Tok::sum: return "sum";
    case Tok::topk: return "topk";
    case Tok::limitk: return "limitk";
    case Tok::limit_ratio: return "limit_ratio";
    case Tok::kw_bool: return "bool";
    case Tok::by: return "by";
    case Tok::group_left: return "group_left";
    case Tok::group_right: return "group_right";
    case Tok::ignoring: return "ignoring";
    case Tok::offset: return "offset";
    case Tok::smoothed: return "smoothed";
    case Tok::anchored: return "anchored";
    case Tok::on: return "on";
    case Tok::without: return "without";
    case Tok::fill: return "fill";
    case Tok::fill_left: return "fill_left";
    case Tok::fill_right: return "fill_right";
    case Tok::start: return "start";
    case Tok::end: return "end";
    case Tok::step: return "step";
    case Tok::range: return "range";
    case Tok::min_of: return "min_of";
    case Tok::max_of: return "max_of";
    default: return "";
  }
}

namespace {

// Item.String() for items without a group: %q, or %.10q... for long values.
std::string quoted_value(std::string_view text) {
  size_t runes = 0;
  for (size_t i = 0; i < text.size(); i += go::decode_rune(text, i).width) ++runes;
  if (runes > 10) return go::quote(text, 10) + "...";
  return go::quote(text);
}

}  // namespace

namespace {

// Appends pieces without `"literal" + std::string`, which trips GCC 12's -Wrestrict at -O2.
std::string concat(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string out;
  out.reserve(a.size() + b.size() + c.size());
  out.append(a);
  out.append(b);
  out.append(c);
  return out;
}

}  // namespace

std::string describe_token(Tok t, std::string_view text) {
  switch (t) {
    case Tok::eof: return "end of input";
    case Tok::error: return std::string(text);
    case Tok::comment: return concat("comment ", quoted_value(text));
    case Tok::identifier: return concat("identifier ", go::quote(text));
    case Tok::metric_identifier: return concat("metric identifier ", go::quote(text));
    case Tok::number: return concat("number ", quoted_value(text));
    case Tok::duration: return concat("duration ", quoted_value(text));
    case Tok::string: return concat("string ", quoted_value(text));
    default: break;
  }
  if (is_keyword(t)) return concat("<", text, ">");
  if (is_operator(t)) return concat("<op:", text, ">");
  if (is_aggregator(t)) return concat("<aggr:", text, ">");
  return quoted_value(text);
}

}  // namespace mlmon::promql
