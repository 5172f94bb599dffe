#include "rules/expr_diff.hpp"

#include <algorithm>
#include <cmath>

#include "promql/parser.hpp"
#include "promql/printer.hpp"
#include "rules/change_values.hpp"
#include "thresholds/find_thresholds.hpp"

namespace mlmon::rules {

namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

std::shared_ptr<const promql::Ast> parse(std::string_view text) {
  promql::ParseOptions options;
  options.features = promql::Features::all();
  options.validate_regex = false;  // a bad regex is no reason to compare text instead of trees
  promql::ParseResult parsed = promql::parse(text, options);
  if (parsed.error) return nullptr;
  return std::shared_ptr<const promql::Ast>(std::move(parsed.ast));
}

/// The literal's source bytes with a folded sign (`begin` starts at the sign), spaces after the
/// sign dropped.
std::string literal_text(const promql::Ast& ast, const promql::NumberLiteral& literal) {
  std::string text(ast.source().substr(literal.begin, literal.text_end - literal.begin));
  std::erase_if(text, [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return text;
}

/// The expression with every threshold number replaced by 0: the same meaning for two
/// expressions that differ in their threshold numbers only.
std::shared_ptr<const promql::Ast> without_thresholds(const promql::Ast& ast,
                                                      const std::vector<thresholds::ThresholdSite>& sites) {
  std::string text(ast.source());
  for (auto site = sites.rbegin(); site != sites.rend(); ++site) {  // back to front keeps offsets valid
    const promql::NumberLiteral& literal = *site->literal;
    text.replace(literal.begin, literal.text_end - literal.begin, "0");
  }
  return parse(text);
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

/// The threshold fields, or nothing when more than threshold numbers differ.
std::vector<FieldChange> threshold_changes(const promql::Ast& old_ast, const promql::Ast& new_ast) {
  const auto old_sites = thresholds::find_thresholds(old_ast.root());
  const auto new_sites = thresholds::find_thresholds(new_ast.root());
  if (old_sites.empty() || old_sites.size() != new_sites.size()) return {};
  const auto old_rest = without_thresholds(old_ast, old_sites);
  const auto new_rest = without_thresholds(new_ast, new_sites);
  if (!old_rest || !new_rest || !promql::same_meaning(old_rest->root(), new_rest->root())) return {};
  std::vector<FieldChange> fields;
  for (std::size_t i = 0; i < old_sites.size(); ++i) {
    const promql::NumberLiteral& a = *old_sites[i].literal;
    const promql::NumberLiteral& b = *new_sites[i].literal;
    if (same_number(a.value, b.value)) continue;
    const std::string path = old_sites.size() == 1 ? "threshold" : "threshold[" + std::to_string(i) + "]";
    fields.push_back(
        {path, json_number_or_string(literal_text(old_ast, a)), json_number_or_string(literal_text(new_ast, b))});
  }
  return fields;
}

}  // namespace

ComparableExpr ComparableExpr::of(std::string_view expr) {
  ComparableExpr out;
  out.text = std::string(trim(expr));
  out.ast = parse(out.text);
  out.canonical = out.ast ? promql::print(out.ast->root()) : out.text;
  return out;
}

bool ComparableExpr::same_as(const ComparableExpr& other) const {
  if (ast && other.ast) return promql::same_meaning(ast->root(), other.ast->root());
  return !ast && !other.ast && text == other.text;
}

std::vector<FieldChange> diff_exprs(const ComparableExpr& old_expr, const ComparableExpr& new_expr, bool thresholds) {
  if (old_expr.same_as(new_expr)) return {};
  if (thresholds && old_expr.ast && new_expr.ast) {
    std::vector<FieldChange> fields = threshold_changes(*old_expr.ast, *new_expr.ast);
    if (!fields.empty()) return fields;
  }
  return {FieldChange{"expr", json_string(old_expr.canonical), json_string(new_expr.canonical)}};
}

}  // namespace mlmon::rules
