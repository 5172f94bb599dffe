#include "yaml/scalars.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace mlmon::yaml {
namespace {

enum class Kind { Null, Bool, Int, Uint, Float, Timestamp, Merge, Str, Seq, Map, Custom };

struct Resolved {
  Kind kind = Kind::Str;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  double floating = 0;
};

bool one_of(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Go's strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64) for large positive values.
bool parse_go_int(std::string_view s, Resolved& out) {
  bool negative = false;
  bool signed_text = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    signed_text = true;
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16, s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
    base = 2, s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
    base = 8, s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    base = 8, s.remove_prefix(1);
  }
  if (s.empty()) return false;
  std::uint64_t value = 0;
  for (char c : s) {
    int digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return false;
    }
    if (digit >= base) return false;
    if (value >
        (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(digit)) / static_cast<unsigned>(base)) {
      return false;
    }
    value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
  }
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (value > kMax + 1) return false;
    out.kind = Kind::Int;
    out.integer = value == kMax + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(value);
    return true;
  }
  if (value <= kMax) {
    out.kind = Kind::Int;
    out.integer = static_cast<std::int64_t>(value);
    return true;
  }
  if (signed_text) return false;  // ParseUint takes no sign
  out.kind = Kind::Uint;
  out.unsigned_integer = value;
  return true;
}

/// yaml.v3's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool is_yaml_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return false;
  } else {
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

/// Reads 1–`max` digits at s[i] as a number in [lo, hi].
bool read_number(std::string_view s, std::size_t& i, int max, int lo, int hi) {
  int value = 0, count = 0;
  while (i < s.size() && is_digit(s[i]) && count < max) value = value * 10 + (s[i++] - '0'), ++count;
  return count > 0 && value >= lo && value <= hi;
}

/// yaml.v3's timestamp formats: 2006-1-2, 2006-1-2T15:4:5.999999999Z07:00 (also `t`), and
/// 2006-1-2 15:4:5.999999999.
bool is_timestamp(std::string_view s) {
  if (s.size() < 5 || !std::all_of(s.begin(), s.begin() + 4, is_digit) || s[4] != '-') return false;
  std::size_t i = 5;
  if (!read_number(s, i, 2, 1, 12) || i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!read_number(s, i, 2, 1, 31)) return false;
  if (i == s.size()) return true;
  const char sep = s[i++];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  if (!read_number(s, i, 2, 0, 23) || i >= s.size() || s[i++] != ':') return false;
  if (!read_number(s, i, 2, 0, 59) || i >= s.size() || s[i++] != ':') return false;
  if (!read_number(s, i, 2, 0, 59)) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!read_number(s, i, 9, 0, 999999999)) return false;
  }
  if (sep == ' ') return i == s.size();
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
    if (!read_number(s, i, 2, 0, 23) || i >= s.size() || s[i++] != ':') return false;
    return read_number(s, i, 2, 0, 59) && i == s.size();
  }
  return false;
}

Resolved resolve_plain(std::string_view s, GoYaml dialect) {
  Resolved r;
  if (one_of(s, {"", "~", "null", "Null", "NULL"})) return Resolved{Kind::Null};
  if (one_of(s, {"true", "True", "TRUE"}) ||
      (dialect == GoYaml::V2 && one_of(s, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"}))) {
    r.kind = Kind::Bool;
    r.boolean = true;
    return r;
  }
  if (one_of(s, {"false", "False", "FALSE"}) ||
      (dialect == GoYaml::V2 && one_of(s, {"n", "N", "no", "No", "NO", "off", "Off", "OFF"}))) {
    r.kind = Kind::Bool;
    return r;
  }
  if (s == "<<") return Resolved{Kind::Merge};
  if (one_of(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    r.kind = Kind::Float;
    r.floating = std::numeric_limits<double>::infinity();
    return r;
  }
  if (one_of(s, {"-.inf", "-.Inf", "-.INF"})) {
    r.kind = Kind::Float;
    r.floating = -std::numeric_limits<double>::infinity();
    return r;
  }
  if (one_of(s, {".nan", ".NaN", ".NAN"})) {
    r.kind = Kind::Float;
    r.floating = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  const char first = s[0];
  if (!is_digit(first) && first != '+' && first != '-' && first != '.') return r;
  if (is_timestamp(s)) return Resolved{Kind::Timestamp};
  std::string plain(s);
  std::erase(plain, '_');
  if (parse_go_int(plain, r)) return r;
  if (is_yaml_float(plain)) {
    std::string_view digits = plain;
    if (digits.starts_with('+')) digits.remove_prefix(1);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ptr == digits.data() + digits.size() && (ec == std::errc() || ec == std::errc::result_out_of_range)) {
      if (ec == std::errc::result_out_of_range) value = digits.starts_with('-') ? -HUGE_VAL : HUGE_VAL;
      r.kind = Kind::Float;
      r.floating = value;
      return r;
    }
  }
  return Resolved{Kind::Str};
}

Resolved resolve(const Node& node, GoYaml dialect) {
  switch (node.kind) {
    case NodeKind::Null: return Resolved{Kind::Null};
    case NodeKind::Sequence: return Resolved{Kind::Seq};
    case NodeKind::Mapping: return Resolved{Kind::Map};
    case NodeKind::Scalar: break;
  }
  if (node.tag().empty()) {
    return node.style == ScalarStyle::Plain ? resolve_plain(node.value, dialect) : Resolved{Kind::Str};
  }
  if (node.tag() == "!!str") return Resolved{Kind::Str};
  const Resolved implicit = resolve_plain(node.value, dialect);
  if ((node.tag() == "!!int" && (implicit.kind == Kind::Int || implicit.kind == Kind::Uint)) ||
      (node.tag() == "!!float" && (implicit.kind == Kind::Float || implicit.kind == Kind::Int)) ||
      (node.tag() == "!!bool" && implicit.kind == Kind::Bool)) {
    Resolved r = implicit;
    if (node.tag() == "!!float" && r.kind == Kind::Int) {
      r.kind = Kind::Float;
      r.floating = static_cast<double>(r.integer);
    }
    return r;
  }
  return Resolved{Kind::Custom};
}

std::string_view tag_of(Kind kind) {
  switch (kind) {
    case Kind::Null: return "!!null";
    case Kind::Bool: return "!!bool";
    case Kind::Int:
    case Kind::Uint: return "!!int";
    case Kind::Float: return "!!float";
    case Kind::Timestamp: return "!!timestamp";
    case Kind::Merge: return "!!merge";
    case Kind::Str: return "!!str";
    case Kind::Seq: return "!!seq";
    case Kind::Map: return "!!map";
    case Kind::Custom: break;
  }
  return "";
}

}  // namespace

std::string resolved_tag(const Node& node, GoYaml dialect) {
  if (!node.tag().empty()) return node.tag();
  return std::string(tag_of(resolve(node, dialect).kind));
}

std::string describe_kind(const Node& node, GoYaml dialect) {
  std::string tag = resolved_tag(node, dialect);
  if (tag == "!!seq" || tag == "!!map") return tag;
  const std::string_view value = node.value;
  if (value.size() > 10) return fmt::format("{} `{}...`", tag, value.substr(0, 7));
  return fmt::format("{} `{}`", tag, value);
}

std::string cannot_unmarshal(const Node& node, std::string_view go_type, GoYaml dialect) {
  return fmt::format("cannot unmarshal {} into {}", describe_kind(node, dialect), go_type);
}

int go_line(const Node& node) {
  if (node.source == nullptr || node.props_offset == node.offset) return node.pos().line;
  return node.source->position_of(node.props_offset).line;
}

std::string unmarshal_error(const Node& node, std::string_view go_type, GoYaml dialect) {
  return fmt::format("line {}: {}", go_line(node), cannot_unmarshal(node, go_type, dialect));
}

std::optional<bool> as_bool(const Node& node, GoYaml dialect) {
  if (node.kind != NodeKind::Scalar) return std::nullopt;
  const Resolved r = resolve(node, dialect);
  if (r.kind == Kind::Bool) return r.boolean;
  if (dialect == GoYaml::V3 && r.kind == Kind::Str) {
    // yaml.v3 keeps YAML 1.1 booleans working for Go bool fields, quoted or not.
    if (one_of(node.value, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"})) return true;
    if (one_of(node.value, {"n", "N", "no", "No", "NO", "off", "Off", "OFF"})) return false;
  }
  return std::nullopt;
}

bool is_true(const Node& node, GoYaml dialect) { return as_bool(node, dialect) == true; }
bool is_false(const Node& node, GoYaml dialect) { return as_bool(node, dialect) == false; }

std::optional<std::int64_t> as_int(const Node& node, GoYaml dialect) {
  if (node.kind != NodeKind::Scalar) return std::nullopt;
  const Resolved r = resolve(node, dialect);
  if (r.kind == Kind::Int) return r.integer;
  if (r.kind == Kind::Float && std::isfinite(r.floating) && r.floating < 9223372036854775808.0 &&
      r.floating >= -9223372036854775808.0) {
    return static_cast<std::int64_t>(r.floating);  // truncated, as Go's yaml does
  }
  return std::nullopt;
}

std::optional<double> as_float(const Node& node, GoYaml dialect) {
  if (node.kind != NodeKind::Scalar) return std::nullopt;
  const Resolved r = resolve(node, dialect);
  if (r.kind == Kind::Int) return static_cast<double>(r.integer);
  if (r.kind == Kind::Uint) return static_cast<double>(r.unsigned_integer);
  if (r.kind == Kind::Float) return r.floating;
  return std::nullopt;
}

}  // namespace mlmon::yaml
