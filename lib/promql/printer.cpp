#include "promql/printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "promql/duration.hpp"
#include "promql/go_format.hpp"

namespace mlmon::promql {

namespace {

bool is_legacy_label_name(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void write_labels(std::string& out, std::span<const std::string_view> labels) {
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ", ";
    if (is_legacy_label_name(labels[i])) {
      out += labels[i];
    } else {
      out += go::quote(labels[i]);
    }
  }
}

std::string matcher_string(const LabelMatcher& m) {
  std::string s = is_legacy_label_name(m.name) ? std::string(m.name) : go::quote(m.name);
  s += to_string(m.op);
  s += go::quote(m.value);
  return s;
}

void write_duration_ns(std::string& out, int64_t ns) {
  if (ns % 1'000'000 != 0) {
    // Below millisecond precision a duration string would lose digits (Prometheus prints
    // "0s" for 100us); a number of seconds is also valid PromQL and keeps the value.
    out += go::format_float(static_cast<double>(ns) / 1e9);
    return;
  }
  if (ns < 0) {
    out += '-';
    out += format_duration_ms(-(ns / 1'000'000));
  } else {
    out += format_duration_ms(ns / 1'000'000);
  }
}

void write_at(std::string& out, const TimeModifiers& m) {
  switch (m.at) {
    case AtModifier::timestamp: out += fmt::format(" @ {:.3f}", static_cast<double>(m.at_ms) / 1000.0); break;
    case AtModifier::start: out += " @ start()"; break;
    case AtModifier::end: out += " @ end()"; break;
    case AtModifier::none: break;
  }
}

void write_offset(std::string& out, const TimeModifiers& m) {
  if (m.offset_expr) {
    out += " offset ";
    print_to(out, *m.offset_expr);
  } else if (m.offset_ns != 0) {
    out += " offset ";
    write_duration_ns(out, m.offset_ns);
  }
}

void write_selector_core(std::string& out, const VectorSelector& vs) {
  out += vs.name;
  if (vs.matchers.empty()) {
    // Only info()'s label selector may be empty; without braces it would vanish.
    if (vs.name.empty()) out += "{}";
    return;
  }
  std::vector<std::string> parts;
  parts.reserve(vs.matchers.size());
  for (const LabelMatcher& m : vs.matchers) parts.push_back(matcher_string(m));
  std::sort(parts.begin(), parts.end());
  out += '{';
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ',';
    out += parts[i];
  }
  out += '}';
}

void write_range(std::string& out, int64_t ns, const DurationExpr* expr) {
  if (expr) {
    print_to(out, *expr);
  } else {
    write_duration_ns(out, ns);
  }
}

std::string_view duration_op_text(DurationOp op) {
  switch (op) {
    case DurationOp::add: return "+";
    case DurationOp::sub: return "-";
    case DurationOp::mul: return "*";
    case DurationOp::div: return "/";
    case DurationOp::mod: return "%";
    case DurationOp::pow: return "^";
    default: return "";
  }
}

bool is_positive_infinity(const Node& node) {
  return node.kind == NodeKind::number_literal && std::isinf(static_cast<const NumberLiteral&>(node).value) &&
         static_cast<const NumberLiteral&>(node).value > 0;
}

}  // namespace

std::string print(const Node& node) {
  std::string out;
  out.reserve(64);
  print_to(out, node);
  return out;
}

void print_to(std::string& out, const Node& node) {
  switch (node.kind) {
    case NodeKind::number_literal: {
      const auto& n = static_cast<const NumberLiteral&>(node);
      if (n.is_duration) {
        // Prometheus prints model.Duration(val * 1e9), truncating: 8001ms would come out as
        // "8s". Rounding to the nearest nanosecond keeps parse(print(x)) == x.
        // Whole seconds and the fraction apart: value * 1e9 in one double is inexact for
        // large values (found by fuzzing: 6111111115s printed as 6111111115.000001).
        double whole = 0;
        const double fraction = std::modf(n.value, &whole);
        if (std::fabs(whole) < 9.2e9) {
          const int64_t ns = static_cast<int64_t>(whole) * 1'000'000'000 + std::llround(fraction * 1e9);
          if (ns % 1'000'000 == 0) {
            write_duration_ns(out, ns);
            return;
          }
        }
        out += go::format_float(n.value);
      } else {
        out += go::format_float(n.value);
      }
      return;
    }
    case NodeKind::string_literal: out += go::quote(static_cast<const StringLiteral&>(node).value); return;
    case NodeKind::vector_selector: {
      const auto& vs = static_cast<const VectorSelector&>(node);
      write_selector_core(out, vs);
      write_at(out, vs.modifiers);
      if (vs.anchored) {
        out += " anchored";
      } else if (vs.smoothed) {
        out += " smoothed";
      }
      write_offset(out, vs.modifiers);
      return;
    }
    case NodeKind::matrix_selector: {
      const auto& m = static_cast<const MatrixSelector&>(node);
      write_selector_core(out, *m.selector);
      out += '[';
      write_range(out, m.range_ns, m.range_expr);
      out += ']';
      if (m.selector->anchored) {
        out += " anchored";
      } else if (m.selector->smoothed) {
        out += " smoothed";
      }
      write_at(out, m.selector->modifiers);
      write_offset(out, m.selector->modifiers);
      return;
    }
    case NodeKind::subquery: {
      const auto& s = static_cast<const Subquery&>(node);
      print_to(out, *s.expr);
      out += '[';
      write_range(out, s.range_ns, s.range_expr);
      out += ':';
      if (s.step_ns != 0) {
        write_duration_ns(out, s.step_ns);
      } else if (s.step_expr) {
        print_to(out, *s.step_expr);
      }
      out += ']';
      write_at(out, s.modifiers);
      write_offset(out, s.modifiers);
      return;
    }
    case NodeKind::call: {
      const auto& c = static_cast<const Call&>(node);
      out += c.name();
      out += '(';
      for (size_t i = 0; i < c.args.size(); ++i) {
        if (i > 0) out += ", ";
        print_to(out, *c.args[i]);
      }
      out += ')';
      return;
    }
    case NodeKind::aggregate: {
      const auto& a = static_cast<const AggregateExpr&>(node);
      out += to_string(a.op);
      if (a.without) {
        out += " without (";
        write_labels(out, a.grouping);
        out += ") ";
      } else if (!a.grouping.empty()) {
        out += " by (";
        write_labels(out, a.grouping);
        out += ") ";
      }
      out += '(';
      if (a.param) {
        print_to(out, *a.param);
        out += ", ";
      }
      print_to(out, *a.expr);
      out += ')';
      return;
    }
    case NodeKind::binary: {
      const auto& b = static_cast<const BinaryExpr&>(node);
      if (is_positive_infinity(*b.lhs) && b.op == BinaryOp::pow) {
        // Prometheus writes "+Inf ^ 2", which parses back as +(Inf ^ 2): unary operators bind
        // looser than ^. Without the sign it is the same tree (found by fuzzing).
        out += "Inf";
      } else {
        print_to(out, *b.lhs);
      }
      out += ' ';
      out += to_string(b.op);
      if (b.return_bool) out += " bool";
      // Prometheus drops vector matching unless both sides are instant vectors.
      if (b.lhs->type == ValueType::vector && b.rhs->type == ValueType::vector) {
        const VectorMatching& vm = b.matching;
        const bool grouped = vm.card == Cardinality::many_to_one || vm.card == Cardinality::one_to_many;
        if (!vm.labels.empty() || vm.on || grouped) {
          out += vm.on ? " on (" : " ignoring (";
          write_labels(out, vm.labels);
          out += ')';
        }
        if (grouped) {
          out += vm.card == Cardinality::many_to_one ? " group_left (" : " group_right (";
          write_labels(out, vm.include);
          out += ')';
        }
        if (vm.has_fill_lhs && vm.has_fill_rhs &&
            (vm.fill_lhs == vm.fill_rhs || (vm.fill_lhs != vm.fill_lhs && vm.fill_rhs != vm.fill_rhs))) {
          out += " fill (" + go::format_float_v(vm.fill_lhs) + ")";
        } else {
          if (vm.has_fill_lhs) out += " fill_left (" + go::format_float_v(vm.fill_lhs) + ")";
          if (vm.has_fill_rhs) out += " fill_right (" + go::format_float_v(vm.fill_rhs) + ")";
        }
      }
      out += ' ';
      print_to(out, *b.rhs);
      return;
    }
    case NodeKind::unary: {
      const auto& u = static_cast<const UnaryExpr&>(node);
      out += u.op == UnaryOp::minus ? '-' : '+';
      print_to(out, *u.expr);
      return;
    }
    case NodeKind::paren:
      out += '(';
      print_to(out, *static_cast<const ParenExpr&>(node).expr);
      out += ')';
      return;
    case NodeKind::duration_expr: {
      const auto& d = static_cast<const DurationExpr&>(node);
      if (d.wrapped) out += '(';
      switch (d.op) {
        case DurationOp::step: out += "step()"; break;
        case DurationOp::range: out += "range()"; break;
        case DurationOp::min_of:
        case DurationOp::max_of:
          out += d.op == DurationOp::min_of ? "min_of(" : "max_of(";
          print_to(out, *d.lhs);
          out += ", ";
          print_to(out, *d.rhs);
          out += ')';
          break;
        case DurationOp::negate:
          out += '-';
          print_to(out, *d.rhs);
          break;
        case DurationOp::plus:
          // A wrapped plus is only a bare number written in parentheses: `(2)`.
          if (!d.wrapped) out += '+';
          print_to(out, *d.rhs);
          break;
        default:
          print_to(out, *d.lhs);
          out += ' ';
          out += duration_op_text(d.op);
          out += ' ';
          print_to(out, *d.rhs);
          break;
      }
      if (d.wrapped) out += ')';
      return;
    }
  }
}

}  // namespace mlmon::promql
