#include "dashboards/promql_substitution.hpp"

#include <algorithm>
#include <cctype>

#include "dashboards/variable_refs.hpp"

namespace mlmon::dashboards {

namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

/// `5m`, `1h30m`, `250ms`: a Prometheus duration literal.
bool is_duration(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t digits = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits) return false;
    if (s.substr(i, 2) == "ms") {
      i += 2;
    } else if (i < s.size() && std::string_view("smhdwy").find(s[i]) != std::string_view::npos) {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) digits = true;
    else if (s[i] == '.' && !dot) dot = true;
    else return false;
  }
  return digits;
}

/// A value that stays one token in PromQL: an identifier, a number or a duration.
bool is_single_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_word(c) || c == ':' || c == '.'; });
}

/// What the text before a reference says about what may stand there.
enum class Slot { String, Comment, Duration, Timestamp, Other };

/// Just enough of PromQL's lexer to know where a reference stands: in a string, a comment, a
/// range or subquery bracket, after `offset` or `@`.
class LexState {
 public:
  void feed(std::string_view text) {
    for (char c : text) feed(c);
  }

  Slot slot() const {
    if (quote_ != 0) return Slot::String;
    if (comment_) return Slot::Comment;
    if (last_token_ == "@") return Slot::Timestamp;
    if (brackets_ > 0 || last_token_ == "offset") return Slot::Duration;
    return Slot::Other;
  }

 private:
  void feed(char c) {
    if (comment_) {
      if (c == '\n') comment_ = false;
      return;
    }
    if (quote_ != 0) {
      if (escaped_) escaped_ = false;
      else if (c == '\\' && quote_ != '`') escaped_ = true;
      else if (c == quote_) quote_ = 0;
      return;
    }
    if (c == '"' || c == '\'' || c == '`') {
      quote_ = c;
      in_word_ = false;
      return;
    }
    if (c == '#') {
      comment_ = true;
      return;
    }
    if (c == '[') ++brackets_;
    if (c == ']' && brackets_ > 0) --brackets_;
    if (is_word(c)) {
      if (!in_word_) last_token_.clear();
      last_token_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      in_word_ = true;
    } else {
      in_word_ = false;
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') last_token_ = std::string(1, c);
    }
  }

  char quote_ = 0;
  bool escaped_ = false;
  bool comment_ = false;
  int brackets_ = 0;
  bool in_word_ = false;
  std::string last_token_;
};

/// Grafana's global variables, with values of the kind Grafana gives them.
std::string builtin_value(const VariableRef& ref, Slot slot) {
  const std::string& name = ref.name;
  if (name == "__from" || name == "__to") {
    return ref.format.find("seconds") != std::string::npos || slot == Slot::Timestamp ? "1700000000" : "1700000000000";
  }
  if (name.ends_with("_ms")) return "300000";
  if (name == "__range_s") return "3600";
  if (name == "__range") return "1h";
  if (name == "__interval" || name == "__rate_interval" || name.starts_with("__auto")) return "5m";
  if (slot == Slot::Duration) return "5m";
  if (slot == Slot::Timestamp) return "1700000000";
  return name;
}

/// A value the variable really takes: its current value, its `allValue` for "All", a constant's
/// query, a custom variable's first option.
std::string sample_value(const Variable& v) {
  std::string value = v.current.empty() ? "" : v.current.front();
  if (value == "$__all") value = v.all_value.value_or("");
  if (value.empty() && (v.type == "constant" || v.type == "textbox")) value = v.query;
  if (value.empty() && (v.type == "custom" || v.type == "interval")) {
    const std::string_view options = v.query;
    value = std::string(options.substr(0, options.find(',')));
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(' ') + 1);
  }
  return value;
}

std::string replacement(const VariableRef& ref, std::string_view written, Slot slot, const Dashboard& dashboard) {
  // `$1` in label_replace: no variable can have that name, Grafana leaves it alone.
  if (std::isdigit(static_cast<unsigned char>(ref.name[0]))) return std::string(written);
  if (slot == Slot::Comment) return ref.name;
  if (is_builtin_variable(ref.name)) {
    if (slot == Slot::String) return ref.name;
    return builtin_value(ref, slot);
  }
  const Variable* variable = dashboard.variable(ref.name);
  const std::string sample = variable ? sample_value(*variable) : std::string();
  switch (slot) {
    case Slot::String: return ref.name;
    case Slot::Duration: return is_duration(sample) ? sample : "5m";
    case Slot::Timestamp: return is_number(sample) ? sample : "1700000000";
    default: return is_single_token(sample) ? sample : ref.name;
  }
}

}  // namespace

std::size_t Substitution::original_offset(std::size_t offset) const {
  for (const Piece& piece : pieces) {
    if (offset < piece.begin + piece.length) {
      if (piece.replaced) return piece.original_begin;
      return piece.original_begin + (offset - piece.begin);
    }
  }
  if (pieces.empty()) return offset;
  const Piece& last = pieces.back();
  return last.original_begin + last.original_length + (offset - (last.begin + last.length));
}

Substitution substitute_for_promql(std::string_view expr, const Dashboard& dashboard) {
  Substitution out;
  LexState lex;
  std::size_t copied = 0;
  auto copy_until = [&](std::size_t end) {
    if (end <= copied) return;
    const std::string_view literal = expr.substr(copied, end - copied);
    out.pieces.push_back({out.text.size(), literal.size(), copied, literal.size(), false});
    out.text += literal;
    lex.feed(literal);
    copied = end;
  };
  for (const VariableRef& ref : find_variable_refs(expr)) {
    copy_until(ref.begin);
    const std::string value = replacement(ref, expr.substr(ref.begin, ref.end - ref.begin), lex.slot(), dashboard);
    out.pieces.push_back({out.text.size(), value.size(), ref.begin, ref.end - ref.begin, true});
    out.text += value;
    lex.feed(value);
    copied = ref.end;
  }
  copy_until(expr.size());
  return out;
}

}  // namespace mlmon::dashboards
