// The PromQL syntax tree. Nodes are plain structs allocated in an arena owned by Ast; every
// string_view in a node points into memory the Ast owns (its copy of the input, or unquoted
// text). Node kinds mirror Prometheus's AST (promql/parser/ast.go) so rules about them carry over:
// offsets and @ live on selectors and subqueries, a unary minus on a number literal is folded
// into the literal, parentheses are kept as ParenExpr.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "promql/functions.hpp"
#include "promql/value_type.hpp"

namespace mlmon::promql {

enum class NodeKind : uint8_t {
  number_literal,
  string_literal,
  vector_selector,
  matrix_selector,
  subquery,
  call,
  aggregate,
  binary,
  unary,
  paren,
  duration_expr,  // arithmetic inside [...] and after offset (promql-duration-expr)
};

// Every node: what it is, its value type, and its byte range [begin, end) in the input.
struct Node {
  NodeKind kind;
  ValueType type;
  uint16_t height;  // 1 + height of the tallest child; bounded by ParseOptions::max_depth
  uint32_t begin;
  uint32_t end;
};

// 1, 0x1f, 1e3, Inf, 5m (a duration used as a number, in seconds), and -1 (sign folded in).
struct NumberLiteral : Node {
  static constexpr NodeKind kKind = NodeKind::number_literal;
  double value;
  bool is_duration;       // written as a duration ("5m"): value is in seconds
  std::string_view text;  // the number token exactly as written, without a folded sign
  uint32_t text_begin;    // byte range of `text` (begin/end include a folded sign)
  uint32_t text_end;
};

struct StringLiteral : Node {
  static constexpr NodeKind kKind = NodeKind::string_literal;
  std::string_view value;  // unquoted
};

enum class MatchOp : uint8_t { equal, not_equal, regex, not_regex };
std::string_view to_string(MatchOp op);  // "=", "!=", "=~", "!~"

struct LabelMatcher {
  std::string_view name;  // unquoted; "__name__" for a bare {"metric"} name
  MatchOp op;
  std::string_view value;  // unquoted
  uint32_t begin;          // the whole matcher
  uint32_t end;
  uint32_t value_begin;  // the quoted value token (for a bare {"metric"}: the name string)
  uint32_t value_end;
  // Whether the matcher accepts the empty string (Prometheus's Matches("")). For regex
  // matchers this needs the compiled regex; without regex validation it is a guess
  // ("" and ".*" match empty, anything else is assumed not to).
  bool matches_empty;
};

enum class AtModifier : uint8_t { none, timestamp, start, end };

struct DurationExpr;

// offset and @, as Prometheus stores them on selectors and subqueries.
struct TimeModifiers {
  int64_t offset_ns = 0;                      // "offset 5m" / "offset -5m"
  const DurationExpr* offset_expr = nullptr;  // "offset (1h*2)", "offset step()"
  AtModifier at = AtModifier::none;
  int64_t at_ms = 0;  // for AtModifier::timestamp
  bool has_offset() const { return offset_ns != 0 || offset_expr != nullptr; }
};

// foo, foo{a="b"}, {"foo.bar", a=~"x"}. The metric name written outside braces is `name`;
// `matchers` are exactly the matchers written inside the braces.
struct VectorSelector : Node {
  static constexpr NodeKind kKind = NodeKind::vector_selector;
  std::string_view name;
  std::span<const LabelMatcher> matchers;
  TimeModifiers modifiers;
  bool anchored = false;
  bool smoothed = false;
  // Set for info()'s second argument, which may match only empty strings.
  bool bypass_empty_matcher_check = false;
};

// foo[5m]. Offset/@ written after the range are stored on the selector (as in Prometheus).
struct MatrixSelector : Node {
  static constexpr NodeKind kKind = NodeKind::matrix_selector;
  const VectorSelector* selector;
  int64_t range_ns;                // when range_expr is null
  const DurationExpr* range_expr;  // [5m+1m], [step()]
};

// expr[30m:1m], expr[30m:].
struct Subquery : Node {
  static constexpr NodeKind kKind = NodeKind::subquery;
  const Node* expr;
  int64_t range_ns;
  const DurationExpr* range_expr;
  int64_t step_ns;  // 0: default step
  const DurationExpr* step_expr;
  TimeModifiers modifiers;
};

struct Call : Node {
  static constexpr NodeKind kKind = NodeKind::call;
  const Function* function;
  std::span<const Node* const> args;
  std::string_view name() const { return function->name; }
};

enum class AggregateOp : uint8_t {
  sum,
  avg,
  count,
  min,
  max,
  group,
  stddev,
  stdvar,
  topk,
  bottomk,
  count_values,
  quantile,
  limitk,
  limit_ratio,
};
std::string_view to_string(AggregateOp op);
bool has_parameter(AggregateOp op);  // topk, bottomk, quantile, count_values, limitk, limit_ratio

struct AggregateExpr : Node {
  static constexpr NodeKind kKind = NodeKind::aggregate;
  AggregateOp op;
  bool without;                                // `without (...)` instead of `by (...)`
  std::span<const std::string_view> grouping;  // unquoted label names
  const Node* param;                           // topk's k etc.; null when the op has none
  const Node* expr;
};

enum class BinaryOp : uint8_t {
  add,
  sub,
  mul,
  div,
  mod,
  pow,
  atan2,
  eqlc,
  neq,
  gtr,
  lss,
  gte,
  lte,
  trim_upper,
  trim_lower,  // </ and >/ (Prometheus 3.11)
  land,
  lor,
  lunless,
};
std::string_view to_string(BinaryOp op);
bool is_comparison(BinaryOp op);
bool is_set_operator(BinaryOp op);

enum class Cardinality : uint8_t { one_to_one, many_to_one, one_to_many, many_to_many };

struct VectorMatching {
  Cardinality card = Cardinality::one_to_one;
  bool on = false;                            // on(...) rather than ignoring(...)
  std::span<const std::string_view> labels;   // on/ignoring labels
  std::span<const std::string_view> include;  // group_left/group_right labels
  bool has_fill_lhs = false;                  // fill(v) / fill_left(v)
  bool has_fill_rhs = false;                  // fill(v) / fill_right(v)
  double fill_lhs = 0;
  double fill_rhs = 0;
};

struct BinaryExpr : Node {
  static constexpr NodeKind kKind = NodeKind::binary;
  BinaryOp op;
  bool return_bool;
  VectorMatching matching;
  const Node* lhs;
  const Node* rhs;
  uint32_t op_begin;  // the operator token
  uint32_t op_end;
};

enum class UnaryOp : uint8_t { plus, minus };

struct UnaryExpr : Node {
  static constexpr NodeKind kKind = NodeKind::unary;
  UnaryOp op;
  const Node* expr;
};

struct ParenExpr : Node {
  static constexpr NodeKind kKind = NodeKind::paren;
  const Node* expr;
};

enum class DurationOp : uint8_t { add, sub, mul, div, mod, pow, negate, plus, step, range, min_of, max_of };

// Arithmetic on durations: `[5m+1m]`, `offset -(1h*2)`, `[step()]`, `[min_of(step(), 1m)]`.
// Operands are NumberLiterals or DurationExprs. negate/plus use only rhs; step/range use neither.
// plus appears only wrapped (a parenthesised bare number) or as the explicit sign in `offset +(...)`.
struct DurationExpr : Node {
  static constexpr NodeKind kKind = NodeKind::duration_expr;
  DurationOp op;
  bool wrapped;  // written in parentheses
  const Node* lhs;
  const Node* rhs;
};

// Checked downcast: returns nullptr when the node is of another kind.
template <class T>
const T* as(const Node& n) {
  return n.kind == T::kKind ? static_cast<const T*>(&n) : nullptr;
}
template <class T>
const T* as(const Node* n) {
  return n && n->kind == T::kKind ? static_cast<const T*>(n) : nullptr;
}

// Calls f(child) for each direct child in source order. Duration expressions (ranges, steps,
// offsets given as expressions) are visited too, after the expression children.
template <class F>
void for_each_child(const Node& n, F&& f) {
  auto visit = [&](const Node* c) {
    if (c) f(*c);
  };
  switch (n.kind) {
    case NodeKind::number_literal:
    case NodeKind::string_literal: break;
    case NodeKind::vector_selector: visit(static_cast<const VectorSelector&>(n).modifiers.offset_expr); break;
    case NodeKind::matrix_selector: {
      const auto& m = static_cast<const MatrixSelector&>(n);
      visit(m.selector);
      visit(m.range_expr);
      break;
    }
    case NodeKind::subquery: {
      const auto& s = static_cast<const Subquery&>(n);
      visit(s.expr);
      visit(s.range_expr);
      visit(s.step_expr);
      visit(s.modifiers.offset_expr);
      break;
    }
    case NodeKind::call:
      for (const Node* a : static_cast<const Call&>(n).args) visit(a);
      break;
    case NodeKind::aggregate: {
      const auto& a = static_cast<const AggregateExpr&>(n);
      visit(a.param);
      visit(a.expr);
      break;
    }
    case NodeKind::binary: {
      const auto& b = static_cast<const BinaryExpr&>(n);
      visit(b.lhs);
      visit(b.rhs);
      break;
    }
    case NodeKind::unary: visit(static_cast<const UnaryExpr&>(n).expr); break;
    case NodeKind::paren: visit(static_cast<const ParenExpr&>(n).expr); break;
    case NodeKind::duration_expr: {
      const auto& d = static_cast<const DurationExpr&>(n);
      visit(d.lhs);
      visit(d.rhs);
      break;
    }
  }
}

// Pre-order traversal. If f returns bool, returning false skips that node's children.
// Depth is bounded by the parser's nesting limit.
template <class F>
void walk(const Node& n, F&& f) {
  if constexpr (std::is_same_v<std::invoke_result_t<F&, const Node&>, bool>) {
    if (!f(n)) return;
  } else {
    f(n);
  }
  for_each_child(n, [&](const Node& c) { walk(c, f); });
}

// Direct children as a vector (convenience; for_each_child avoids the allocation).
std::vector<const Node*> children(const Node& n);

// Structural equality: same kinds, operators, values, names, matchers, modifiers (byte ranges
// and source text are ignored). parse(print(ast)) is equal to ast in this sense.
bool equal(const Node& a, const Node& b);

// equal(), with parentheses ignored: `(a > 0.5)` and `a > 0.5` mean the same. Parentheses that
// change precedence still differ, as the trees below them do.
bool same_meaning(const Node& a, const Node& b);

// Bump allocator for nodes. The first block is sized from the query (an AST takes about 7 bytes
// per byte of query text), so a typical query allocates once and keeps little slack: a rule file
// keeps one AST per rule alive for the lint checks.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(size_t size, size_t align);

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  template <class T>
  std::span<T> copy(std::span<const T> items) {
    if (items.empty()) return {};
    T* out = static_cast<T*>(
        allocate(sizeof(T) * items.size(), alignof(T)));  // NOLINT(bugprone-sizeof-expression): T may be a pointer
    for (size_t i = 0; i < items.size(); ++i) new (out + i) T(items[i]);
    return {out, items.size()};
  }

  std::string_view copy(std::string_view s);

  // The size of the next block to allocate (used once, for the first block).
  void size_next_block(size_t bytes) { next_block_ = bytes; }

  // Bytes handed out so far (for the benchmark's memory figures).
  size_t bytes_used() const { return used_; }

 private:
  static constexpr size_t kMinBlock = 256;
  static constexpr size_t kGrowthBlock = 8192;
  std::byte* cur_ = nullptr;
  std::byte* end_ = nullptr;
  size_t used_ = 0;
  size_t next_block_ = kGrowthBlock;
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
};

// Owns a parsed expression: its nodes and a copy of the input they point into.
class Ast {
 public:
  Ast() = default;

  const Node& root() const { return *root_; }
  std::string_view source() const { return source_; }

  // Internal: used by the parser.
  Arena& arena() { return arena_; }
  size_t arena_bytes() const { return arena_.bytes_used(); }
  void set_source(std::string_view s) {
    arena_.size_next_block(8 * s.size() + 512);
    source_ = arena_.copy(s);
  }
  void set_root(const Node* n) { root_ = n; }

 private:
  Arena arena_;
  std::string_view source_;
  const Node* root_ = nullptr;
};

}  // namespace mlmon::promql
