// Grammar features, the shape of the syntax tree, and feature gates.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "test_helpers.hpp"

using namespace mlmon::promql;
using mlmon::promql::test::verdict;

namespace {

std::unique_ptr<Ast> must_parse(std::string_view expr, const Features& features = Features::all()) {
  ParseResult r = parse(expr, features);
  if (r.error) FAIL_CHECK(expr << " => " << format_error(expr, *r.error));
  REQUIRE(r.ast);
  return std::move(r.ast);
}

template <class T>
const T& root_as(const Ast& ast) {
  const T* n = as<T>(ast.root());
  REQUIRE(n != nullptr);
  return *n;
}

}  // namespace

TEST_CASE("parser: number literals keep value, text and byte range") {
  auto ast = must_parse("  1_000.5e-1 ");
  const auto& n = root_as<NumberLiteral>(*ast);
  CHECK(n.value == doctest::Approx(100.05));
  CHECK(n.text == "1_000.5e-1");
  CHECK(n.begin == 2);
  CHECK(n.end == 12);
  CHECK(n.type == ValueType::scalar);

  auto neg = must_parse("x > -0x10");
  const auto& b = root_as<BinaryExpr>(*neg);
  const auto& rhs = *as<NumberLiteral>(b.rhs);
  CHECK(rhs.value == -16);
  CHECK(rhs.text == "0x10");
  CHECK(rhs.begin == 4);  // the folded sign
  CHECK(rhs.text_begin == 5);
  CHECK(rhs.text_end == 9);

  CHECK(std::isinf(root_as<NumberLiteral>(*must_parse("Inf")).value));
  CHECK(std::isnan(root_as<NumberLiteral>(*must_parse("NaN")).value));
  CHECK(root_as<NumberLiteral>(*must_parse("0755")).value == 493);
  CHECK(root_as<NumberLiteral>(*must_parse("08")).value == 8);
  CHECK(root_as<NumberLiteral>(*must_parse("1e3")).value == 1000);
  auto d_ast = must_parse("1h30m");
  const auto& d = root_as<NumberLiteral>(*d_ast);
  CHECK(d.value == 5400);
  CHECK(d.is_duration);
}

TEST_CASE("parser: strings in all quote styles with Go escapes") {
  CHECK(root_as<StringLiteral>(*must_parse("\"a\\nb\\\"\"")).value == "a\nb\"");
  CHECK(root_as<StringLiteral>(*must_parse("'it\\'s'")).value == "it's");
  CHECK(root_as<StringLiteral>(*must_parse("`raw\\n`")).value == "raw\\n");
  CHECK(root_as<StringLiteral>(*must_parse("\"\\u263a\\U0001F600\\101\\x41\"")).value == "☺😀AA");
}

TEST_CASE("parser: vector selectors and matchers") {
  auto ast = must_parse("http_requests_total{job=\"api\", code!~\"5..\", path=~'/a.*', method!=\"GET\",}");
  const auto& vs = root_as<VectorSelector>(*ast);
  CHECK(vs.name == "http_requests_total");
  REQUIRE(vs.matchers.size() == 4);
  CHECK(vs.matchers[0].name == "job");
  CHECK(vs.matchers[0].op == MatchOp::equal);
  CHECK(vs.matchers[0].value == "api");
  CHECK(vs.matchers[1].op == MatchOp::not_regex);
  CHECK(vs.matchers[2].op == MatchOp::regex);
  CHECK(vs.matchers[2].value == "/a.*");
  CHECK(vs.matchers[3].op == MatchOp::not_equal);
  CHECK(vs.begin == 0);
  CHECK(vs.end == ast->source().size());
  CHECK(vs.matchers[0].value_begin == 24);
  CHECK(vs.matchers[0].value_end == 29);

  auto utf8 = must_parse("{\"http.requests\", \"service.name\"=\"api\"}");
  const auto& u = root_as<VectorSelector>(*utf8);
  CHECK(u.name.empty());
  REQUIRE(u.matchers.size() == 2);
  CHECK(u.matchers[0].name == "__name__");
  CHECK(u.matchers[0].value == "http.requests");
  CHECK(u.matchers[1].name == "service.name");

  // Keywords are metric names where an expression is expected.
  for (const char* name :
       {"sum", "by", "offset", "without", "and", "start", "end", "step", "range", "anchored", "fill"}) {
    INFO(name);
    CHECK(root_as<VectorSelector>(*must_parse(name)).name == name);
  }
  CHECK(verdict("{__name__=\"a\", __name__=\"b\"}") == "OK");
  CHECK(verdict("foo{NaN='bc'}") == "OK");
  CHECK(verdict("foo{bar='}'}") == "OK");
}

TEST_CASE("parser: ranges, subqueries, offset and @") {
  auto m = must_parse("rate(foo[5m] offset -1h)");
  const auto& call = root_as<Call>(*m);
  CHECK(call.name() == "rate");
  REQUIRE(call.args.size() == 1);
  const auto& ms = *as<MatrixSelector>(call.args[0]);
  CHECK(ms.range_ns == 300'000'000'000);
  CHECK(ms.selector->modifiers.offset_ns == -3'600'000'000'000);
  CHECK(ms.type == ValueType::matrix);

  auto s = must_parse("max_over_time(rate(x[1m])[30m:1m] @ end())");
  const auto& sq = *as<Subquery>(root_as<Call>(*s).args[0]);
  CHECK(sq.range_ns == 1'800'000'000'000);
  CHECK(sq.step_ns == 60'000'000'000);
  CHECK(sq.modifiers.at == AtModifier::end);

  auto at_ast = must_parse("foo @ 1609746000.5");
  const auto& at = root_as<VectorSelector>(*at_ast);
  CHECK(at.modifiers.at == AtModifier::timestamp);
  CHECK(at.modifiers.at_ms == 1609746000500);

  CHECK(verdict("x[1h:]") == "OK");
  CHECK(verdict("foo[ 5m ]") == "OK");
  CHECK(verdict("foo[300]") == "OK");
  CHECK(verdict("foo offset 5") == "OK");
  CHECK(verdict("foo @ start()") == "OK");
  CHECK(verdict("foo @ start() [5m]") == "OK");  // rejected only after 3.14
  CHECK(verdict("foo offset 5m @ 100 [1m:]") == "OK");
  CHECK(verdict("foo OFFSET 1h30m") == "OK");
}

TEST_CASE("parser: operator precedence and associativity") {
  // 1 + 2 * 3 ^ 2 ^ 2 == 1 + (2 * (3 ^ (2 ^ 2)))
  auto ast = must_parse("1 + 2 * 3 ^ 2 ^ 2");
  const auto& add = root_as<BinaryExpr>(*ast);
  CHECK(add.op == BinaryOp::add);
  const auto& mul = *as<BinaryExpr>(add.rhs);
  CHECK(mul.op == BinaryOp::mul);
  const auto& pow1 = *as<BinaryExpr>(mul.rhs);
  CHECK(pow1.op == BinaryOp::pow);
  CHECK(as<BinaryExpr>(pow1.rhs)->op == BinaryOp::pow);

  // Left associativity: a - b - c == (a - b) - c
  auto sub_ast = must_parse("a - b - c");
  const auto& sub = root_as<BinaryExpr>(*sub_ast);
  CHECK(as<BinaryExpr>(sub.lhs) != nullptr);

  // or < and/unless < comparisons < +- < */%atan2 < ^
  auto lor_ast = must_parse("a or b and c unless d == e + f * g");
  const auto& lor = root_as<BinaryExpr>(*lor_ast);
  CHECK(lor.op == BinaryOp::lor);
  const auto& unless = *as<BinaryExpr>(lor.rhs);
  CHECK(unless.op == BinaryOp::lunless);
  CHECK(as<BinaryExpr>(unless.lhs)->op == BinaryOp::land);

  // Unary minus binds like '*': -1^2 == -(1^2), -1*2 == (-1)*2
  auto u_ast = must_parse("-1^2");
  const auto& u = root_as<UnaryExpr>(*u_ast);
  CHECK(u.op == UnaryOp::minus);
  CHECK(as<BinaryExpr>(u.expr)->op == BinaryOp::pow);
  auto m_ast = must_parse("-1*2");
  const auto& m = root_as<BinaryExpr>(*m_ast);
  CHECK(as<NumberLiteral>(m.lhs)->value == -1);

  CHECK(root_as<BinaryExpr>(*must_parse("a atan2 b")).op == BinaryOp::atan2);
  CHECK(root_as<BinaryExpr>(*must_parse("a </ 5")).op == BinaryOp::trim_upper);
  CHECK(root_as<BinaryExpr>(*must_parse("a >/ 5")).op == BinaryOp::trim_lower);
}

TEST_CASE("parser: binary modifiers") {
  auto ast = must_parse("a / on(x, y) group_left(z) b");
  const auto& b = root_as<BinaryExpr>(*ast);
  CHECK(b.matching.on);
  CHECK(b.matching.card == Cardinality::many_to_one);
  REQUIRE(b.matching.labels.size() == 2);
  CHECK(b.matching.labels[1] == "y");
  REQUIRE(b.matching.include.size() == 1);
  CHECK(b.matching.include[0] == "z");
  CHECK(b.op_begin == 2);

  auto c_ast = must_parse("a > bool ignoring(x) group_right b");
  const auto& c = root_as<BinaryExpr>(*c_ast);
  CHECK(c.return_bool);
  CHECK(!c.matching.on);
  CHECK(c.matching.card == Cardinality::one_to_many);

  auto s_ast = must_parse("a and b");
  const auto& s = root_as<BinaryExpr>(*s_ast);
  CHECK(s.matching.card == Cardinality::many_to_many);
  CHECK(verdict("a + on(\"weird.label\") b") == "OK");
}

TEST_CASE("parser: aggregations") {
  auto ast = must_parse("topk by (job) (5, rate(x[5m]))");
  const auto& a = root_as<AggregateExpr>(*ast);
  CHECK(a.op == AggregateOp::topk);
  CHECK(!a.without);
  REQUIRE(a.grouping.size() == 1);
  CHECK(a.grouping[0] == "job");
  CHECK(as<NumberLiteral>(a.param)->value == 5);
  CHECK(as<Call>(a.expr) != nullptr);

  auto w_ast = must_parse("sum(x) without (a, b,)");
  const auto& w = root_as<AggregateExpr>(*w_ast);
  CHECK(w.without);
  CHECK(w.grouping.size() == 2);
  CHECK(w.param == nullptr);

  auto cv_ast = must_parse("count_values(\"v\", x)");
  const auto& cv = root_as<AggregateExpr>(*cv_ast);
  CHECK(as<StringLiteral>(cv.param)->value == "v");
  CHECK(verdict("quantile(0.9, x)") == "OK");
  CHECK(verdict("sum without(and, by, avg, count, alert, annotations)(x)") == "OK");
  CHECK(verdict("sum by (foo:bar) (x)") == "OK");    // any UTF-8 name is a valid label in 3.x
  CHECK(verdict("topk(scalar(foo), bar)") == "OK");  // non-constant parameter
  CHECK(verdict("sum(sum)") == "OK");
}

TEST_CASE("parser: functions, arity and argument types") {
  CHECK(verdict("time()") == "OK");
  CHECK(verdict("round(x)") == "OK");
  CHECK(verdict("round(x, 5)") == "OK");
  CHECK(verdict("label_join(x, \"a\", \",\", \"b\", \"c\", \"d\")") == "OK");
  CHECK(verdict("label_join(x, \"a\", \",\")") == "OK");
  CHECK(verdict("label_join(x, \"a\")") ==
        "1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 2");
  CHECK(verdict("histogram_quantiles(x, \"q\", 0.1, 0.2, 0.3)") == "OK");
  CHECK(verdict("histogram_quantiles(x, \"q\", 1,2,3,4,5,6,7,8,9,10,11)") ==
        "1:1: parse error: expected at most 12 argument(s) in call to \"histogram_quantiles\", got 13");
  CHECK(verdict("day_of_week()") == "OK");
  CHECK(verdict("vector(1)") == "OK");
  CHECK(verdict("clamp(x, 0, 1)") == "OK");
  CHECK(verdict("label_replace(x, \"a\", \"b\", \"c\", 1)") ==
        "1:33: parse error: expected type string in call to function \"label_replace\", got scalar");
  CHECK(verdict("RATE(foo[5m])") == "1:1: parse error: unknown function with name \"RATE\"");
  CHECK(verdict("rate(hi)") ==
        "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector");
  CHECK(verdict("info(x)") == "OK");
  CHECK(verdict("info(x, {a=\"b\"})") == "OK");
  CHECK(verdict("info(x, {a=~\".*\"})") == "OK");  // exempt from the empty-matcher rule
  CHECK(verdict("start()") == "OK");
  CHECK(verdict("min_of(1, 2)") == "OK");
  // Every function in the table parses when called with well-typed arguments.
  for (const Function& f : all_functions()) {
    std::string call = std::string(f.name) + "(";
    for (size_t i = 0; i < f.min_args(); ++i) {
      if (i > 0) call += ", ";
      switch (f.arg_types()[i]) {
        case ValueType::scalar: call += "1"; break;
        case ValueType::vector: call += "x"; break;
        case ValueType::matrix: call += "x[5m]"; break;
        case ValueType::string: call += "\"s\""; break;
        case ValueType::none: break;
      }
    }
    call += ")";
    INFO(call);
    CHECK(verdict(call) == "OK");
  }
}

TEST_CASE("parser: comments, whitespace, case-insensitive keywords, multi-line positions") {
  CHECK(verdict("sum(x) # total\n  by (job)") == "OK");
  CHECK(verdict("SUM BY (a) (foo)") == "OK");
  CHECK(verdict("iNf + nAn") == "OK");
  CHECK(verdict("foo OFFSET 5m") == "OK");
  CHECK(verdict("a AND b OR c UNLESS d") == "OK");
  CHECK(verdict("a == BOOL b") == "OK");
  CHECK(verdict("foo\n+ bar baz") == "2:7: parse error: unexpected identifier \"baz\"");
  CHECK(verdict("sum(\n  rate(x[5m]\n)") == "3:2: parse error: unclosed left parenthesis");
}

TEST_CASE("parser: feature flags gate experimental syntax") {
  const Features none;
  CHECK(verdict("limitk(2, foo)", none) ==
        "1:1: parse error: limitk() is experimental and must be enabled with "
        "--enable-feature=promql-experimental-functions");
  CHECK(verdict("limit_ratio(0.5, foo)", none) ==
        "1:1: parse error: limit_ratio() is experimental and must be enabled with "
        "--enable-feature=promql-experimental-functions");
  CHECK(verdict("sort_by_label(foo, \"a\")", none) == "1:1: parse error: function \"sort_by_label\" is not enabled");
  CHECK(verdict("mad_over_time(foo[5m])", none) == "1:1: parse error: function \"mad_over_time\" is not enabled");
  CHECK(verdict("first_over_time(foo[5m])", none) == "OK");
  // Duration expressions are on by default since Prometheus v3.14 (promql-duration-expr is a no-op).
  CHECK(verdict("foo[5m+1m]", none) == "OK");
  CHECK(verdict("rate(x[1m * 2])", none) == "OK");
  CHECK(verdict("foo offset (1h)", none) == "OK");
  Features before_3_14;
  before_3_14.duration_expr = false;
  CHECK(verdict("foo[5m+1m]", before_3_14) == "1:5: parse error: experimental duration expression is not enabled");
  CHECK(verdict("rate(foo[5m] anchored)", none) ==
        "1:6: parse error: anchored modifier is experimental and not enabled");
  CHECK(verdict("rate(foo[5m] smoothed)", none) ==
        "1:6: parse error: smoothed modifier is experimental and not enabled");
  CHECK(verdict("a + fill(0) b", none) == "1:1: parse error: binop fill modifiers are experimental and not enabled");
  CHECK(verdict("rate(foo[5m] anchored smoothed)") ==
        "1:6: parse error: anchored and smoothed modifiers cannot be used together");
  CHECK(verdict("foo[5m:1m] anchored") == "1:1: parse error: anchored modifier is not supported for subqueries");
  CHECK(verdict("sum(x) smoothed") == "1:1: parse error: smoothed modifier not implemented");
  CHECK(verdict("a and fill(0) b") == "1:1: parse error: filling in missing series not allowed for set operators");
  CHECK(verdict("1 + fill(0) 2") == "1:1: parse error: filling in missing series only allowed between instant vectors");
  // Without a flag, the same syntax as stable Prometheus works.
  CHECK(verdict("sum by (job) (rate(http_requests_total[5m]))", none) == "OK");
  CHECK(verdict("foo[300] offset 5", none) == "OK");
  CHECK(verdict("foo[step()]", none) == "OK");
}

TEST_CASE("parser: features from --enable-feature values") {
  std::string unknown;
  const std::vector<std::string> flags = {"promql-experimental-functions,promql-duration-expr", "utf8-names"};
  auto f = Features::from_flags(flags, &unknown);
  REQUIRE(f.has_value());
  CHECK(f->experimental_functions);
  CHECK(f->duration_expr);
  CHECK(!f->extended_range_selectors);
  const std::vector<std::string> bad = {"promql-experimental-functions,no-such-flag"};
  CHECK(!Features::from_flags(bad, &unknown).has_value());
  CHECK(unknown == "no-such-flag");
  CHECK(Features::all().binop_fill_modifiers);
}

TEST_CASE("parser: regex validation is cached and can be skipped") {
  CHECK(verdict("foo{a=~\"(\"}") == "1:5: parse error: error parsing regexp: missing closing ): `(`");
  CHECK(verdict("foo{a=~\"[z-a]\"}") == "1:5: parse error: error parsing regexp: invalid character class range: `z-a`");
  CHECK(verdict("foo{a=~\"a**\"}") ==
        "1:5: parse error: error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(verdict("foo{a=~\"\\\\q\"}") == "1:5: parse error: error parsing regexp: invalid escape sequence: `\\q`");
  CHECK(verdict("foo{a=~\"x{1001}\"}") == "1:5: parse error: error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(verdict("foo{a=~\"*\"}") ==
        "1:5: parse error: error parsing regexp: missing argument to repetition operator: `*`");
  CHECK(verdict("foo{a=~\"a)\"}") == "1:5: parse error: error parsing regexp: unexpected ): `a)`");
  // Prometheus 3 is built with Go 1.22+, whose regexp also spells named groups (?<name>re).
  CHECK(verdict("foo{a=~\"(?<code>5..)\"}") == "OK");
  CHECK(verdict("foo{a=~\"(?P<code>5..)\"}") == "OK");
  CHECK(verdict("foo{a=~\"(?<=5)\"}") ==
        "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
  CHECK(verdict("{a=~\"\"}") == "1:1: parse error: vector selector must contain at least one non-empty matcher");
  CHECK(verdict("{a=~\"a|\"}") == "1:1: parse error: vector selector must contain at least one non-empty matcher");
  CHECK(verdict("{a!~\"\"}") == "OK");
  CHECK(verdict("{a=~\".+\"}") == "OK");
  ParseOptions fast;
  fast.validate_regex = false;
  CHECK(!parse("foo{a=~\"(\"}", fast).error);
}

TEST_CASE("parser: nesting depth is limited and deep input never crashes") {
  ParseOptions options;
  options.max_depth = 50;
  std::string deep(60, '(');
  deep += "1";
  deep += std::string(60, ')');
  auto r = parse(deep, options);
  REQUIRE(r.error);
  CHECK(r.error->message == "expression nests too deeply (more than 50 levels)");

  // A long flat chain is deep as a tree too.
  std::string chain = "a";
  for (int i = 0; i < 100; ++i) chain += " + a";
  r = parse(chain, options);
  REQUIRE(r.error);
  CHECK(r.error->message == "expression nests too deeply (more than 50 levels)");

  // The default limit handles 100k levels of input without exhausting the stack.
  std::string huge(100000, '(');
  CHECK(parse(huge).error.has_value());
  std::string minus(100000, '-');
  minus += "1";
  CHECK(parse(minus).error.has_value());
  std::string ok(200, '(');
  ok += "1";
  ok += std::string(200, ')');
  CHECK(!parse(ok).error);
}

TEST_CASE("parser: walk visits every node in source order") {
  auto ast = must_parse("sum by (job) (rate(x{a=\"b\"}[5m])) / on(job) group_left count(y offset 1m)");
  std::vector<NodeKind> kinds;
  walk(ast->root(), [&](const Node& n) { kinds.push_back(n.kind); });
  const std::vector<NodeKind> expected = {NodeKind::binary,          NodeKind::aggregate,       NodeKind::call,
                                          NodeKind::matrix_selector, NodeKind::vector_selector, NodeKind::aggregate,
                                          NodeKind::vector_selector};
  CHECK(kinds == expected);
  CHECK(children(ast->root()).size() == 2);
  // Returning false prunes.
  int visited = 0;
  walk(ast->root(), [&](const Node& n) {
    ++visited;
    return n.kind != NodeKind::aggregate;
  });
  CHECK(visited == 3);
}

TEST_CASE("parser: the tree outlives the input buffer") {
  std::unique_ptr<Ast> ast;
  {
    std::string input = "foo{a=\"b\\n\"} + 1";
    ast = must_parse(input);
    input.assign(input.size(), 'x');
  }
  const auto& b = root_as<BinaryExpr>(*ast);
  CHECK(as<VectorSelector>(b.lhs)->name == "foo");
  CHECK(as<VectorSelector>(b.lhs)->matchers[0].value == "b\n");
  CHECK(ast->source() == "foo{a=\"b\\n\"} + 1");
}
