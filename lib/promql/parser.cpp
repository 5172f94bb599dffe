// Recursive-descent / precedence-climbing parser that accepts exactly what Prometheus's yacc
// grammar (promql/parser/generated_parser.y) accepts and reports the same first error.
//
// How yacc's messages are reproduced: Prometheus's grammar has error productions only in a few
// places (after an aggregation operator, in grouping lists, in label matchers, after `offset`,
// after `@`, inside `[...]`). On a syntax error yacc unwinds to the innermost such place that is
// still open and reports "unexpected <token> in <context>, expected <what>", or just
// "unexpected <token>" if none is open. The parser keeps the innermost open context in
// `context_` (saved and restored by ContextScope), so every generic syntax error can be worded
// the same way. Semantic errors Prometheus raises while reducing a rule are raised here at the
// same point relative to reading the next token, so the first error is the same one.

#include "promql/parser.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/unicode.hpp"
#include "promql/duration.hpp"
#include "promql/go_format.hpp"
#include "promql/lexer.hpp"
#include "promql/regex.hpp"
#include "promql/type_check.hpp"

namespace mlmon::promql {

namespace {

// Thrown after the first error has been recorded; parse() catches it. Only the error path
// throws.
struct Abort {};

struct ErrorContext {
  const char* context = "";   // "aggregation", "offset", ...
  const char* expected = "";  // "number, duration, step(), or range()", ...
};

constexpr ErrorContext kAggregation{"aggregation", ""};
constexpr ErrorContext kOffset{"offset", "number, duration, step(), or range()"};
constexpr ErrorContext kAt{"@", "timestamp"};
constexpr ErrorContext kRangeStart{"subquery or range selector", "number, duration, step(), or range()"};
constexpr ErrorContext kRangeEnd{"subquery or range", "\":\" or \"]\""};
constexpr ErrorContext kStepStart{"subquery selector", "number, duration, step(), range(), or \"]\""};
constexpr ErrorContext kStepEnd{"subquery selector", "\"]\""};

// Largest duration literal in seconds that fits a time.Duration.
constexpr double kMaxDurationSeconds = 9223372036.854775807;

bool duration_out_of_range(double seconds) { return seconds > kMaxDurationSeconds || seconds < -kMaxDurationSeconds; }

int64_t seconds_to_ns(double seconds) {
  const double ns = std::round(seconds * 1e9);
  if (!(ns < 9.2233720368547758e18)) return std::numeric_limits<int64_t>::max();
  if (!(ns > -9.2233720368547758e18)) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(ns);
}

int binary_precedence(Tok t) {
  switch (t) {
    case Tok::lor: return 1;
    case Tok::land:
    case Tok::lunless: return 2;
    case Tok::eqlc:
    case Tok::neq:
    case Tok::lte:
    case Tok::lss:
    case Tok::gte:
    case Tok::gtr:
    case Tok::trim_upper:
    case Tok::trim_lower: return 3;
    case Tok::add:
    case Tok::sub: return 4;
    case Tok::mul:
    case Tok::div:
    case Tok::mod:
    case Tok::atan2: return 5;
    case Tok::pow: return 6;
    default: return -1;
  }
}
constexpr int kUnaryOperandPrecedence = 6;  // unary +/- binds like '*': only '^' is tighter

BinaryOp to_binary_op(Tok t) {
  switch (t) {
    case Tok::add: return BinaryOp::add;
    case Tok::sub: return BinaryOp::sub;
    case Tok::mul: return BinaryOp::mul;
    case Tok::div: return BinaryOp::div;
    case Tok::mod: return BinaryOp::mod;
    case Tok::pow: return BinaryOp::pow;
    case Tok::atan2: return BinaryOp::atan2;
    case Tok::eqlc: return BinaryOp::eqlc;
    case Tok::neq: return BinaryOp::neq;
    case Tok::gtr: return BinaryOp::gtr;
    case Tok::lss: return BinaryOp::lss;
    case Tok::gte: return BinaryOp::gte;
    case Tok::lte: return BinaryOp::lte;
    case Tok::trim_upper: return BinaryOp::trim_upper;
    case Tok::trim_lower: return BinaryOp::trim_lower;
    case Tok::land: return BinaryOp::land;
    case Tok::lor: return BinaryOp::lor;
    default: return BinaryOp::lunless;
  }
}

AggregateOp to_aggregate_op(Tok t) {
  switch (t) {
    case Tok::sum: return AggregateOp::sum;
    case Tok::avg: return AggregateOp::avg;
    case Tok::count: return AggregateOp::count;
    case Tok::min: return AggregateOp::min;
    case Tok::max: return AggregateOp::max;
    case Tok::group: return AggregateOp::group;
    case Tok::stddev: return AggregateOp::stddev;
    case Tok::stdvar: return AggregateOp::stdvar;
    case Tok::topk: return AggregateOp::topk;
    case Tok::bottomk: return AggregateOp::bottomk;
    case Tok::count_values: return AggregateOp::count_values;
    case Tok::quantile: return AggregateOp::quantile;
    case Tok::limitk: return AggregateOp::limitk;
    default: return AggregateOp::limit_ratio;
  }
}

// Tokens the grammar accepts as a metric name (metric_identifier).
bool is_metric_identifier(Tok t) {
  switch (t) {
    case Tok::identifier:
    case Tok::metric_identifier:
    case Tok::by:
    case Tok::land:
    case Tok::lor:
    case Tok::lunless:
    case Tok::offset:
    case Tok::without:
    case Tok::anchored:
    case Tok::smoothed:
    case Tok::fill:
    case Tok::fill_left:
    case Tok::fill_right: return true;
    default: return is_aggregator(t) || is_preprocessor(t);
  }
}

// Tokens the grammar accepts as a label name in grouping lists (maybe_label).
bool is_maybe_label(Tok t) {
  return t == Tok::identifier || t == Tok::metric_identifier || t == Tok::atan2 || is_aggregator(t) || is_keyword(t) ||
         is_preprocessor(t) || t == Tok::land || t == Tok::lor || t == Tok::lunless;
}

// Tokens that can begin an expression. Where yacc would otherwise reduce by default (after a
// comma in call arguments, after group_left/group_right), other tokens produce specific errors.
bool can_start_expr(Tok t) {
  switch (t) {
    case Tok::number:
    case Tok::duration:
    case Tok::string:
    case Tok::left_paren:
    case Tok::left_brace:
    case Tok::add:
    case Tok::sub: return true;
    default: return is_metric_identifier(t);
  }
}

bool is_match_op(Tok t) { return t == Tok::eql || t == Tok::neq || t == Tok::eql_regex || t == Tok::neq_regex; }

// Stacks for building lists, reused across parses on a thread to avoid allocations; nested
// lists push above their parent's items.
struct Scratch {
  std::vector<const Node*> nodes;
  std::vector<LabelMatcher> matchers;
  std::vector<std::string_view> labels;
  std::string text;
  void clear() {
    nodes.clear();
    matchers.clear();
    labels.clear();
  }
};

class Parser {
 public:
  Parser(const ParseOptions& options, Ast& ast, Scratch& scratch)
      : options_(options),
        arena_(ast.arena()),
        input_(ast.source()),
        lex_(input_),
        scratch_(scratch.text),
        node_stack_(scratch.nodes),
        matcher_stack_(scratch.matchers),
        label_stack_(scratch.labels) {}

  const Node* parse_top();

  ParseError error;

 private:
  // ---- tokens ----
  const Token& peek() {
    if (buffered_ == 0) {
      buffer_[0] = lex_.next();
      buffered_ = 1;
      if (buffer_[0].kind == Tok::error) fail(buffer_[0].begin, buffer_[0].end, std::string(buffer_[0].error));
    }
    return buffer_[0];
  }
  Token take() {
    peek();
    const Token t = buffer_[0];
    buffer_[0] = buffer_[1];
    --buffered_;
    prev_end_ = t.end;
    return t;
  }
  // Puts a taken token back in front of the lookahead (one level only).
  void untake(const Token& t, uint32_t prev_end) {
    buffer_[1] = buffer_[0];
    buffer_[0] = t;
    ++buffered_;
    prev_end_ = prev_end;
  }
  std::string_view text(const Token& t) const { return input_.substr(t.begin, t.end - t.begin); }

  // ---- errors ----
  [[noreturn]] void fail(uint32_t begin, uint32_t end, std::string message) {
    error.begin = begin;
    error.end = end;
    error.message = std::move(message);
    throw Abort{};
  }
  [[noreturn]] void fail_at(const Node& n, std::string message) { fail(n.begin, n.end, std::move(message)); }
  // "unexpected <token>[ in <context>][, expected <what>]" for the current token.
  [[noreturn]] void unexpected(const ErrorContext& ctx) {
    const Token& t = peek();
    std::string message = "unexpected " + describe_token(t.kind, text(t));
    if (*ctx.context) {
      message += " in ";
      message += ctx.context;
    }
    if (*ctx.expected) {
      message += ", expected ";
      message += ctx.expected;
    }
    fail(t.begin, t.end, std::move(message));
  }
  [[noreturn]] void unexpected() { unexpected(context_); }
  [[noreturn]] void unexpected(const char* context, const char* expected) {
    unexpected(ErrorContext{context, expected});
  }

  struct ContextScope {
    ContextScope(Parser& p, const ErrorContext& ctx) : p(p), saved(p.context_) { p.context_ = ctx; }
    ~ContextScope() { p.context_ = saved; }
    Parser& p;
    ErrorContext saved;
  };

  struct DepthScope {
    explicit DepthScope(Parser& p) : p(p) {
      if (++p.depth_ > p.options_.max_depth) {
        const Token& t = p.peek();
        p.fail(t.begin, t.end, fmt::format("expression nests too deeply (more than {} levels)", p.options_.max_depth));
      }
    }
    ~DepthScope() { --p.depth_; }
    Parser& p;
  };

  // ---- node construction ----
  template <class T>
  T* make(ValueType type, uint32_t begin, uint32_t end, std::initializer_list<const Node*> kids = {}) {
    T* n = arena_.make<T>();
    n->kind = T::kKind;
    n->type = type;
    n->begin = begin;
    n->end = end;
    unsigned h = 0;
    for (const Node* k : kids) {
      if (k && k->height > h) h = k->height;
    }
    set_height(*n, h + 1);
    return n;
  }
  void set_height(Node& n, unsigned h) {
    if (h > options_.max_depth) {
      fail(n.begin, n.end, fmt::format("expression nests too deeply (more than {} levels)", options_.max_depth));
    }
    n.height = static_cast<uint16_t>(h);
  }
  void raise_height(Node& n, const Node* child) {
    if (child && child->height + 1u > n.height) set_height(n, child->height + 1u);
  }

  // ---- grammar ----
  const Node* parse_expr(int min_precedence);
  const Node* parse_unary();
  const Node* parse_primary();
  const Node* parse_postfix(const Node* expr);
  const Node* parse_paren();
  const Node* parse_number_literal();
  const Node* parse_string_literal();
  std::string_view parse_string_literal_value(const Token& t);
  const Node* parse_selector(const Token* name);
  std::span<const LabelMatcher> parse_label_matchers();
  LabelMatcher parse_label_matcher();
  const Node* parse_call(const Token& name);
  std::span<const Node* const> parse_call_body();
  const Node* parse_aggregate(const Token& op);
  std::span<const std::string_view> parse_grouping_labels();
  void parse_binary_modifiers(BinaryExpr& b);
  double parse_fill_value();
  const Node* parse_range_or_subquery(const Node* expr);
  void parse_offset(Node* expr);
  void parse_at(Node* expr);
  void apply_anchored_or_smoothed(Node* expr, bool anchored);

  // Durations: `[...]`, subquery steps, offsets.
  const Node* parse_positive_duration();
  const Node* parse_duration_expr(int min_precedence);
  const Node* parse_duration_expr_rest(const Node* lhs, int min_precedence);
  const Node* parse_duration_unary();
  const Node* parse_duration_primary();
  const Node* parse_duration_call(const Token& name);
  // check_enabled: Prometheus's offset rule `- ( expr )` does not apply the duration-expr gate.
  const Node* parse_duration_paren(bool check_enabled = true);
  const Node* duration_literal_checked();
  void check_duration_enabled(const Node& at);
  const Node* wrap_paren_duration(const Node* inner, uint32_t begin, uint32_t end);

  TimeModifiers* modifiers_of(Node* expr, const char* what);

  const ParseOptions& options_;
  Arena& arena_;
  std::string_view input_;
  Lexer lex_;
  Token buffer_[2];
  int buffered_ = 0;
  uint32_t prev_end_ = 0;
  unsigned depth_ = 0;
  ErrorContext context_;
  std::string& scratch_;
  std::vector<const Node*>& node_stack_;
  std::vector<LabelMatcher>& matcher_stack_;
  std::vector<std::string_view>& label_stack_;
};

const Node* Parser::parse_top() {
  if (peek().kind == Tok::eof) fail(0, 0, "no expression found in input");
  const Node* root = parse_expr(0);
  if (peek().kind != Tok::eof) unexpected();
  return root;
}

const Node* Parser::parse_expr(int min_precedence) {
  DepthScope depth(*this);
  const Node* lhs = parse_unary();
  for (;;) {
    const Token& t = peek();
    const int precedence = binary_precedence(t.kind);
    if (precedence < 0 || precedence < min_precedence) return lhs;
    const Token op = take();
    auto* b = arena_.make<BinaryExpr>();
    b->kind = NodeKind::binary;
    b->op = to_binary_op(op.kind);
    b->op_begin = op.begin;
    b->op_end = op.end;
    parse_binary_modifiers(*b);
    // '^' is right-associative; everything else is left-associative.
    const Node* rhs = parse_expr(op.kind == Tok::pow ? precedence : precedence + 1);
    b->lhs = lhs;
    b->rhs = rhs;
    b->begin = lhs->begin;
    b->end = rhs->end;
    b->type =
        (lhs->type == ValueType::scalar && rhs->type == ValueType::scalar) ? ValueType::scalar : ValueType::vector;
    set_height(*b, std::max(lhs->height, rhs->height) + 1u);
    if (!options_.features.binop_fill_modifiers && (b->matching.has_fill_lhs || b->matching.has_fill_rhs)) {
      fail_at(*b, "binop fill modifiers are experimental and not enabled");
    }
    lhs = b;
  }
}

void Parser::parse_binary_modifiers(BinaryExpr& b) {
  if (peek().kind == Tok::kw_bool) {
    take();
    b.return_bool = true;
  }
  const Tok t = peek().kind;
  if (t == Tok::on || t == Tok::ignoring) {
    take();
    b.matching.on = t == Tok::on;
    b.matching.labels = parse_grouping_labels();
    const Tok g = peek().kind;
    if (g == Tok::group_left || g == Tok::group_right) {
      take();
      b.matching.card = g == Tok::group_left ? Cardinality::many_to_one : Cardinality::one_to_many;
      const Tok next = peek().kind;
      if (next == Tok::left_paren) {
        b.matching.include = parse_grouping_labels();
      } else if (!can_start_expr(next)) {
        unexpected("grouping opts", "\"(\"");
      }
    }
  }
  for (;;) {
    const Tok f = peek().kind;
    if (f != Tok::fill && f != Tok::fill_left && f != Tok::fill_right) break;
    const uint32_t before = prev_end_;
    const Token keyword = take();
    if (peek().kind != Tok::left_paren) {
      // Not a modifier: `fill` is the metric name on the right-hand side.
      untake(keyword, before);
      break;
    }
    const double v = parse_fill_value();
    if (f != Tok::fill_right) {
      b.matching.has_fill_lhs = true;
      b.matching.fill_lhs = v;
    }
    if (f != Tok::fill_left) {
      b.matching.has_fill_rhs = true;
      b.matching.fill_rhs = v;
    }
  }
}

double Parser::parse_fill_value() {
  if (peek().kind != Tok::left_paren) unexpected();
  take();
  double sign = 1;
  if (peek().kind == Tok::add || peek().kind == Tok::sub) {
    if (take().kind == Tok::sub) sign = -1;
  }
  if (peek().kind != Tok::number && peek().kind != Tok::duration) unexpected();
  const Node* n = parse_number_literal();
  if (peek().kind != Tok::right_paren) unexpected();
  take();
  return sign * static_cast<const NumberLiteral*>(n)->value;
}

const Node* Parser::parse_unary() {
  const Tok t = peek().kind;
  if (t != Tok::add && t != Tok::sub) return parse_postfix(parse_primary());
  DepthScope depth(*this);
  const Token op = take();
  const Node* operand = parse_expr(kUnaryOperandPrecedence);
  if (operand->kind == NodeKind::number_literal) {
    // Prometheus folds the sign into the literal and starts it at the operator.
    auto* n = const_cast<NumberLiteral*>(static_cast<const NumberLiteral*>(operand));
    if (op.kind == Tok::sub) n->value = -n->value;
    n->begin = op.begin;
    return n;
  }
  auto* u = make<UnaryExpr>(operand->type, op.begin, operand->end, {operand});
  u->op = op.kind == Tok::sub ? UnaryOp::minus : UnaryOp::plus;
  u->expr = operand;
  return u;
}

const Node* Parser::parse_primary() {
  const Token& t = peek();
  switch (t.kind) {
    case Tok::number:
    case Tok::duration: return parse_number_literal();
    case Tok::string: return parse_string_literal();
    case Tok::left_paren: return parse_paren();
    case Tok::left_brace: return parse_selector(nullptr);
    case Tok::identifier: {
      const Token name = take();
      if (peek().kind == Tok::left_paren) return parse_call(name);
      return parse_selector(&name);
    }
    default: break;
  }
  if (is_aggregator(t.kind)) {
    const Token op = take();
    const Tok next = peek().kind;
    if (next == Tok::left_paren || next == Tok::by || next == Tok::without) return parse_aggregate(op);
    return parse_selector(&op);
  }
  if (is_preprocessor(t.kind)) {
    // start(), end(), step(), range(), min_of(), max_of() are functions (Prometheus 3.12+);
    // without parentheses they are metric names.
    const Token name = take();
    if (peek().kind == Tok::left_paren) return parse_call(name);
    return parse_selector(&name);
  }
  if (is_metric_identifier(t.kind)) {
    const Token name = take();
    return parse_selector(&name);
  }
  unexpected();
}

const Node* Parser::parse_paren() {
  const Token open = take();
  const Node* inner = parse_expr(0);
  if (peek().kind != Tok::right_paren) unexpected();
  const Token close = take();
  auto* p = make<ParenExpr>(inner->type, open.begin, close.end, {inner});
  p->expr = inner;
  return p;
}

const Node* Parser::parse_number_literal() {
  const Token t = take();
  const std::string_view s = text(t);
  double value = 0;
  const bool is_duration = t.kind == Tok::duration;
  if (is_duration) {
    const auto ns = parse_duration_ns(s);
    if (!ns) fail(t.begin, t.end, ns.error().message);
    // time.Duration.Seconds()
    value = static_cast<double>(*ns / 1'000'000'000) +  // NOLINT(bugprone-integer-division): Go's way
            static_cast<double>(*ns % 1'000'000'000) / 1e9;
  } else {
    const auto v = go::parse_number(s);
    if (!v) fail(t.begin, t.end, "error parsing number: " + v.error().message);
    value = *v;
  }
  auto* n = make<NumberLiteral>(ValueType::scalar, t.begin, t.end);
  n->value = value;
  n->is_duration = is_duration;
  n->text = s;
  n->text_begin = t.begin;
  n->text_end = t.end;
  return n;
}

const Node* Parser::parse_string_literal() {
  const Token t = take();
  auto* n = make<StringLiteral>(ValueType::string, t.begin, t.end);
  n->value = parse_string_literal_value(t);
  return n;
}

std::string_view Parser::parse_string_literal_value(const Token& t) {
  const std::string_view quoted = text(t);
  if (go::unquote_is_identity(quoted)) return quoted.substr(1, quoted.size() - 2);
  if (!go::unquote(quoted, scratch_)) {
    fail(t.begin, t.end, "error unquoting string " + go::quote(quoted) + ": invalid syntax");
  }
  return arena_.copy(scratch_);
}

const Node* Parser::parse_selector(const Token* name) {
  auto* vs = arena_.make<VectorSelector>();
  vs->kind = NodeKind::vector_selector;
  vs->type = ValueType::vector;
  vs->height = 1;
  if (name) {
    vs->name = text(*name);
    vs->begin = name->begin;
    vs->end = name->end;
    if (peek().kind != Tok::left_brace) return vs;
  } else {
    vs->begin = peek().begin;
  }
  vs->matchers = parse_label_matchers();
  vs->end = prev_end_;
  return vs;
}

std::span<const LabelMatcher> Parser::parse_label_matchers() {
  take();  // '{'
  const size_t mark = matcher_stack_.size();
  if (peek().kind == Tok::right_brace) {
    take();
    return {};
  }
  for (;;) {
    matcher_stack_.push_back(parse_label_matcher());
    const Tok t = peek().kind;
    if (t == Tok::right_brace) break;
    if (t != Tok::comma) unexpected("label matching", "\",\" or \"}\"");
    take();
    if (peek().kind == Tok::right_brace) break;
  }
  take();  // '}'
  const auto out =
      arena_.copy(std::span<const LabelMatcher>(matcher_stack_.data() + mark, matcher_stack_.size() - mark));
  matcher_stack_.resize(mark);
  return out;
}

LabelMatcher Parser::parse_label_matcher() {
  const Token name = peek();
  LabelMatcher m{};
  m.begin = name.begin;
  if (name.kind == Tok::identifier) {
    take();
    m.name = text(name);
    if (!is_match_op(peek().kind)) unexpected("label matching", "label matching operator");
  } else if (name.kind == Tok::string) {
    take();
    m.name = parse_string_literal_value(name);
    if (!is_match_op(peek().kind)) {
      // {"metric.name"}: a bare string is the metric name.
      m.op = MatchOp::equal;
      m.value = m.name;
      m.name = "__name__";
      m.end = name.end;
      m.value_begin = name.begin;
      m.value_end = name.end;
      m.matches_empty = m.value.empty();
      return m;
    }
  } else {
    unexpected("label matching", "identifier or \"}\"");
  }
  const Token op = take();
  switch (op.kind) {
    case Tok::eql: m.op = MatchOp::equal; break;
    case Tok::neq: m.op = MatchOp::not_equal; break;
    case Tok::eql_regex: m.op = MatchOp::regex; break;
    default: m.op = MatchOp::not_regex; break;
  }
  if (peek().kind != Tok::string) unexpected("label matching", "string");
  const Token value = take();
  m.value = parse_string_literal_value(value);
  m.end = value.end;
  m.value_begin = value.begin;
  m.value_end = value.end;
  bool empty_matches = m.value.empty();  // for = and =~; != and !~ invert below
  if (m.op == MatchOp::regex || m.op == MatchOp::not_regex) {
    if (options_.validate_regex) {
      const RegexCheck& check = check_regex(m.value);
      if (!check.ok) fail(m.begin, m.end, check.error);
      empty_matches = check.matches_empty;
    } else {
      empty_matches = m.value.empty() || m.value == ".*";
    }
  }
  m.matches_empty = (m.op == MatchOp::equal || m.op == MatchOp::regex) ? empty_matches : !empty_matches;
  return m;
}

const Node* Parser::parse_call(const Token& name) {
  const auto args = parse_call_body();
  const std::string_view fname = text(name);
  const Function* f = find_function(fname);
  if (!f) fail(name.begin, name.end, "unknown function with name " + go::quote(fname));
  if (f->experimental && !options_.features.experimental_functions) {
    fail(name.begin, name.end, "function " + go::quote(fname) + " is not enabled");
  }
  auto* c = make<Call>(f->return_type, name.begin, prev_end_);
  c->function = f;
  c->args = args;
  for (const Node* a : args) raise_height(*c, a);
  return c;
}

std::span<const Node* const> Parser::parse_call_body() {
  take();  // '('
  if (peek().kind == Tok::right_paren) {
    take();
    return {};
  }
  const size_t mark = node_stack_.size();
  for (;;) {
    node_stack_.push_back(parse_expr(0));
    const Tok t = peek().kind;
    if (t == Tok::right_paren) break;
    if (t != Tok::comma) unexpected();
    const Token comma = take();
    if (!can_start_expr(peek().kind)) {
      fail(comma.begin, comma.end, "trailing commas not allowed in function call args");
    }
  }
  take();  // ')'
  const auto out = arena_.copy(std::span<const Node* const>(node_stack_.data() + mark, node_stack_.size() - mark));
  node_stack_.resize(mark);
  return out;
}

const Node* Parser::parse_aggregate(const Token& op) {
  ContextScope scope(*this, kAggregation);
  auto* a = arena_.make<AggregateExpr>();
  a->kind = NodeKind::aggregate;
  a->type = ValueType::vector;
  a->op = to_aggregate_op(op.kind);
  a->begin = op.begin;
  bool modifier_first = false;
  if (peek().kind == Tok::by || peek().kind == Tok::without) {
    modifier_first = true;
    a->without = take().kind == Tok::without;
    a->grouping = parse_grouping_labels();
  }
  if (peek().kind != Tok::left_paren) unexpected();
  const auto args = parse_call_body();
  // With the modifier after the arguments, yacc reads one more token before reducing, so a
  // lexer error there comes first.
  if (!modifier_first && (peek().kind == Tok::by || peek().kind == Tok::without)) {
    a->without = take().kind == Tok::without;
    a->grouping = parse_grouping_labels();
  }
  a->end = prev_end_;
  a->height = 1;
  if (args.empty()) fail_at(*a, "no arguments for aggregate expression provided");
  size_t wanted = 1;
  if (has_parameter(a->op)) {
    if (!options_.features.experimental_functions &&
        (a->op == AggregateOp::limitk || a->op == AggregateOp::limit_ratio)) {
      fail_at(*a, fmt::format("{}() is experimental and must be enabled with "
                              "--enable-feature=promql-experimental-functions",
                              to_string(a->op)));
    }
    wanted = 2;
    a->param = args[0];
  }
  if (args.size() != wanted) {
    fail_at(*a, fmt::format("wrong number of arguments for aggregate expression provided, expected {}, got {}", wanted,
                            args.size()));
  }
  a->expr = args[wanted - 1];
  raise_height(*a, a->param);
  raise_height(*a, a->expr);
  return a;
}

std::span<const std::string_view> Parser::parse_grouping_labels() {
  if (peek().kind != Tok::left_paren) unexpected("grouping opts", "\"(\"");
  take();
  const size_t mark = label_stack_.size();
  if (peek().kind != Tok::right_paren) {
    for (;;) {
      const Token t = peek();
      if (t.kind == Tok::string) {
        take();
        const std::string_view name = parse_string_literal_value(t);
        if (name.empty() || !unicode::valid_utf8(name)) {
          fail(t.begin, t.end, "invalid label name for grouping: " + go::quote(name));
        }
        label_stack_.push_back(name);
      } else if (is_maybe_label(t.kind)) {
        take();
        label_stack_.push_back(text(t));
      } else {
        unexpected("grouping opts", "label");
      }
      const Tok next = peek().kind;
      if (next == Tok::right_paren) break;
      if (next != Tok::comma) unexpected("grouping opts", "\",\" or \")\"");
      take();
      if (peek().kind == Tok::right_paren) break;
    }
  }
  take();  // ')'
  const auto out =
      arena_.copy(std::span<const std::string_view>(label_stack_.data() + mark, label_stack_.size() - mark));
  label_stack_.resize(mark);
  if (out.empty()) {
    // Keep "by ()" distinguishable from no clause for callers: a non-null empty span.
    static constexpr std::string_view kNone[1] = {};
    return std::span<const std::string_view>(kNone, 0);
  }
  return out;
}

const Node* Parser::parse_postfix(const Node* expr) {
  for (;;) {
    switch (peek().kind) {
      case Tok::left_bracket: expr = parse_range_or_subquery(expr); break;
      case Tok::offset: parse_offset(const_cast<Node*>(expr)); break;
      case Tok::at: parse_at(const_cast<Node*>(expr)); break;
      case Tok::anchored:
      case Tok::smoothed: apply_anchored_or_smoothed(const_cast<Node*>(expr), peek().kind == Tok::anchored); break;
      default: return expr;
    }
  }
}

const Node* Parser::parse_range_or_subquery(const Node* expr) {
  const Token open = take();  // '['
  const Node* range = nullptr;
  {
    ContextScope scope(*this, kRangeStart);
    range = parse_positive_duration();
  }
  const Tok t = peek().kind;
  if (t == Tok::right_bracket) {
    const Token close = take();
    const auto* vs = as<VectorSelector>(expr);
    if (!vs) fail(open.begin, close.end, "ranges only allowed for vector selectors");
    if (vs->modifiers.offset_ns != 0) fail(open.begin, close.end, "no offset modifiers allowed before range");
    if (vs->modifiers.at == AtModifier::timestamp) fail(open.begin, close.end, "no @ modifiers allowed before range");
    auto* m = make<MatrixSelector>(ValueType::matrix, expr->begin, close.end, {expr, range});
    m->selector = vs;
    if (const auto* n = as<NumberLiteral>(range)) {
      m->range_ns = seconds_to_ns(n->value);
    } else {
      m->range_expr = static_cast<const DurationExpr*>(range);
    }
    return m;
  }
  if (t != Tok::colon) unexpected(kRangeEnd);
  take();
  const Node* step = nullptr;
  if (peek().kind != Tok::right_bracket) {
    {
      ContextScope scope(*this, kStepStart);
      step = parse_positive_duration();
    }
    if (peek().kind != Tok::right_bracket) unexpected(kStepEnd);
  }
  const Token close = take();
  auto* s = make<Subquery>(ValueType::matrix, expr->begin, close.end, {expr, range, step});
  s->expr = expr;
  if (const auto* n = as<NumberLiteral>(range)) {
    s->range_ns = seconds_to_ns(n->value);
  } else {
    s->range_expr = static_cast<const DurationExpr*>(range);
  }
  if (step) {
    if (const auto* n = as<NumberLiteral>(step)) {
      s->step_ns = seconds_to_ns(n->value);
    } else {
      s->step_expr = static_cast<const DurationExpr*>(step);
    }
  }
  return s;
}

TimeModifiers* Parser::modifiers_of(Node* expr, const char* what) {
  switch (expr->kind) {
    case NodeKind::vector_selector: return &static_cast<VectorSelector*>(expr)->modifiers;
    case NodeKind::matrix_selector:
      return &const_cast<VectorSelector*>(static_cast<MatrixSelector*>(expr)->selector)->modifiers;
    case NodeKind::subquery: return &static_cast<Subquery*>(expr)->modifiers;
    default:
      fail_at(*expr, fmt::format("{} modifier must be preceded by an instant vector selector or range vector "
                                 "selector or a subquery",
                                 what));
  }
}

void Parser::parse_offset(Node* expr) {
  take();  // offset
  const Node* value = nullptr;
  {
    ContextScope scope(*this, kOffset);
    const Tok t = peek().kind;
    if (t == Tok::number || t == Tok::duration) {
      value = duration_literal_checked();
    } else if (t == Tok::add || t == Tok::sub) {
      const Token op = take();
      const Tok next = peek().kind;
      if (next == Tok::number || next == Tok::duration) {
        auto* n = const_cast<NumberLiteral*>(static_cast<const NumberLiteral*>(parse_number_literal()));
        if (op.kind == Tok::sub) n->value = -n->value;
        if (duration_out_of_range(n->value)) fail(op.begin, op.end, "duration out of range");
        n->begin = op.begin;
        value = n;
      } else {
        const Node* operand =
            next == Tok::left_paren ? parse_duration_paren(/*check_enabled=*/false) : parse_duration_primary();
        // Keep an explicit unary node either way: printed without its sign, `offset +(1m) + 2`
        // would read back as `offset ((1m) + 2)`, since a leading parenthesis continues.
        auto* d = make<DurationExpr>(ValueType::scalar, op.begin, operand->end, {operand});
        d->op = op.kind == Tok::sub ? DurationOp::negate : DurationOp::plus;
        d->rhs = operand;
        value = d;
      }
    } else if (t == Tok::left_paren) {
      // A parenthesised offset continues as a duration expression: yacc shifts the operator.
      value = parse_duration_expr_rest(parse_duration_paren(), 0);
    } else {
      value = parse_duration_primary();
    }
  }
  TimeModifiers* mods = modifiers_of(expr, "offset");
  if (mods->has_offset()) fail_at(*expr, "offset may not be set multiple times");
  if (const auto* n = as<NumberLiteral>(value)) {
    mods->offset_ns = seconds_to_ns(n->value);
  } else {
    mods->offset_expr = static_cast<const DurationExpr*>(value);
    raise_height(*expr, value);
  }
  expr->end = prev_end_;
}

void Parser::parse_at(Node* expr) {
  take();  // @
  double ts = 0;
  AtModifier kind = AtModifier::timestamp;
  {
    ContextScope scope(*this, kAt);
    const Tok t = peek().kind;
    if (t == Tok::start || t == Tok::end) {
      take();
      if (peek().kind != Tok::left_paren) unexpected();
      take();
      if (peek().kind != Tok::right_paren) unexpected();
      take();
      kind = t == Tok::start ? AtModifier::start : AtModifier::end;
    } else {
      double sign = 1;
      if (t == Tok::add || t == Tok::sub) {
        if (take().kind == Tok::sub) sign = -1;
      }
      const Tok n = peek().kind;
      if (n != Tok::number && n != Tok::duration) unexpected();
      ts = sign * static_cast<const NumberLiteral*>(parse_number_literal())->value;
    }
  }
  if (kind == AtModifier::timestamp &&
      (std::isinf(ts) || std::isnan(ts) || ts >= 9.2233720368547758e18 || ts <= -9.2233720368547758e18)) {
    std::string shown = std::isnan(ts)   ? "NaN"
                        : std::isinf(ts) ? (ts > 0 ? "+Inf" : "-Inf")
                                         : fmt::format("{:.6f}", ts);
    fail_at(*expr, "timestamp out of bounds for @ modifier: " + shown);
  }
  TimeModifiers* mods = modifiers_of(expr, "@");
  if (mods->at != AtModifier::none) fail_at(*expr, "@ <timestamp> may not be set multiple times");
  mods->at = kind;
  if (kind == AtModifier::timestamp) {
    // Seconds within int64 can still overflow as milliseconds; Go's conversion then yields
    // MinInt64 on amd64 (Prometheus does not check), C++'s would be undefined.
    const double ms = std::round(ts * 1000.0);
    mods->at_ms = ms >= -9.2233720368547758e18 && ms < 9.2233720368547758e18 ? static_cast<int64_t>(ms)
                                                                             : std::numeric_limits<int64_t>::min();
  }
  expr->end = prev_end_;
}

void Parser::apply_anchored_or_smoothed(Node* expr, bool anchored) {
  take();
  const char* name = anchored ? "anchored" : "smoothed";
  if (!options_.features.extended_range_selectors) {
    fail_at(*expr, fmt::format("{} modifier is experimental and not enabled", name));
  }
  VectorSelector* vs = nullptr;
  switch (expr->kind) {
    case NodeKind::vector_selector: vs = static_cast<VectorSelector*>(expr); break;
    case NodeKind::matrix_selector:
      vs = const_cast<VectorSelector*>(static_cast<MatrixSelector*>(expr)->selector);
      break;
    case NodeKind::subquery: fail_at(*expr, fmt::format("{} modifier is not supported for subqueries", name));
    default: fail_at(*expr, fmt::format("{} modifier not implemented", name));
  }
  if (anchored) {
    vs->anchored = true;
  } else {
    vs->smoothed = true;
  }
  if (vs->anchored && vs->smoothed) fail_at(*expr, "anchored and smoothed modifiers cannot be used together");
  expr->end = prev_end_;
}

// ---- durations ----

const Node* Parser::duration_literal_checked() {
  const Node* n = parse_number_literal();
  if (duration_out_of_range(static_cast<const NumberLiteral*>(n)->value)) fail_at(*n, "duration out of range");
  return n;
}

void Parser::check_duration_enabled(const Node& at) {
  if (!options_.features.duration_expr) fail_at(at, "experimental duration expression is not enabled");
}

const Node* Parser::parse_positive_duration() {
  const Node* d = parse_duration_expr(0);
  if (const auto* n = as<NumberLiteral>(d); n && n->value <= 0) fail_at(*n, "duration must be greater than 0");
  return d;
}

int duration_precedence(Tok t) {
  switch (t) {
    case Tok::add:
    case Tok::sub: return 4;
    case Tok::mul:
    case Tok::div:
    case Tok::mod: return 5;
    case Tok::pow: return 6;
    default: return -1;
  }
}

const Node* Parser::parse_duration_expr(int min_precedence) {
  DepthScope depth(*this);
  return parse_duration_expr_rest(parse_duration_unary(), min_precedence);
}

const Node* Parser::parse_duration_expr_rest(const Node* lhs, int min_precedence) {
  for (;;) {
    const int precedence = duration_precedence(peek().kind);
    if (precedence < 0 || precedence < min_precedence) return lhs;
    const Token op = take();
    const Node* rhs = parse_duration_expr(op.kind == Tok::pow ? precedence : precedence + 1);
    check_duration_enabled(*lhs);
    DurationOp dop = DurationOp::add;
    switch (op.kind) {
      case Tok::add: dop = DurationOp::add; break;
      case Tok::sub: dop = DurationOp::sub; break;
      case Tok::mul: dop = DurationOp::mul; break;
      case Tok::div: dop = DurationOp::div; break;
      case Tok::mod: dop = DurationOp::mod; break;
      default: dop = DurationOp::pow; break;
    }
    if (dop == DurationOp::div || dop == DurationOp::mod) {
      if (const auto* n = as<NumberLiteral>(rhs); n && n->value == 0) {
        fail(op.begin, op.end, dop == DurationOp::div ? "division by zero" : "modulo by zero");
      }
    }
    auto* d = make<DurationExpr>(ValueType::scalar, lhs->begin, rhs->end, {lhs, rhs});
    d->op = dop;
    d->lhs = lhs;
    d->rhs = rhs;
    lhs = d;
  }
}

const Node* Parser::parse_duration_unary() {
  const Tok t = peek().kind;
  if (t != Tok::add && t != Tok::sub) return parse_duration_primary();
  const Token op = take();
  const Node* operand = parse_duration_expr(kUnaryOperandPrecedence);
  if (operand->kind == NodeKind::number_literal) {
    auto* n = const_cast<NumberLiteral*>(static_cast<const NumberLiteral*>(operand));
    if (op.kind == Tok::sub) n->value = -n->value;
    if (duration_out_of_range(n->value)) fail(op.begin, op.end, "duration out of range");
    n->begin = op.begin;
    return n;
  }
  if (op.kind == Tok::add) return operand;
  auto* d = make<DurationExpr>(ValueType::scalar, op.begin, operand->end, {operand});
  d->op = DurationOp::negate;
  d->rhs = operand;
  return d;
}

const Node* Parser::parse_duration_primary() {
  const Token& t = peek();
  switch (t.kind) {
    case Tok::number:
    case Tok::duration: return duration_literal_checked();
    case Tok::left_paren: return parse_duration_paren();
    case Tok::step:
    case Tok::range:
    case Tok::min_of:
    case Tok::max_of: {
      const Token name = take();
      return parse_duration_call(name);
    }
    default: unexpected();
  }
}

const Node* Parser::parse_duration_call(const Token& name) {
  if (peek().kind != Tok::left_paren) unexpected();
  take();
  if (name.kind == Tok::step || name.kind == Tok::range) {
    if (peek().kind != Tok::right_paren) unexpected();
    const Token close = take();
    auto* d = make<DurationExpr>(ValueType::scalar, name.begin, close.end);
    d->op = name.kind == Tok::step ? DurationOp::step : DurationOp::range;
    return d;
  }
  const Node* a = parse_duration_expr(0);
  if (peek().kind != Tok::comma) unexpected();
  take();
  const Node* b = parse_duration_expr(0);
  if (peek().kind != Tok::right_paren) unexpected();
  const Token close = take();
  auto* d = make<DurationExpr>(ValueType::scalar, name.begin, close.end, {a, b});
  d->op = name.kind == Tok::min_of ? DurationOp::min_of : DurationOp::max_of;
  d->lhs = a;
  d->rhs = b;
  return d;
}

const Node* Parser::parse_duration_paren(bool check_enabled) {
  DepthScope depth(*this);
  const Token open = take();
  const Node* inner = parse_duration_expr(0);
  if (peek().kind != Tok::right_paren) unexpected();
  const Token close = take();
  if (check_enabled) check_duration_enabled(*inner);
  return wrap_paren_duration(inner, open.begin, close.end);
}

const Node* Parser::wrap_paren_duration(const Node* inner, uint32_t begin, uint32_t end) {
  if (inner->kind == NodeKind::duration_expr) {
    auto* d = const_cast<DurationExpr*>(static_cast<const DurationExpr*>(inner));
    d->wrapped = true;
    d->begin = begin;
    d->end = end;
    return d;
  }
  // A bare number in parentheses becomes a wrapped unary plus, so printing keeps the parentheses.
  auto* d = make<DurationExpr>(ValueType::scalar, begin, end, {inner});
  d->op = DurationOp::plus;
  d->wrapped = true;
  d->rhs = inner;
  return d;
}

}  // namespace

ParseResult parse(std::string_view input, const Features& features) {
  ParseOptions options;
  options.features = features;
  return parse(input, options);
}

ParseResult parse(std::string_view input, const ParseOptions& options) {
  ParseResult result;
  if (input.size() >= std::numeric_limits<uint32_t>::max()) {
    result.error = ParseError{0, 0, "expression too long", false};
    return result;
  }
  std::unique_ptr<Ast> ast(new Ast);
  ast->set_source(input);
  thread_local Scratch scratch;
  scratch.clear();
  Parser parser(options, *ast, scratch);
  const Node* root = nullptr;
  try {
    root = parser.parse_top();
  } catch (const Abort&) {
    result.error = std::move(parser.error);
    return result;
  }
  if (auto err = type_check(*root, ast->source())) {
    result.error = std::move(err);
    return result;
  }
  ast->set_root(root);
  result.ast = std::move(ast);
  return result;
}

}  // namespace mlmon::promql
