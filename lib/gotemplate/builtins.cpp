// text/template's builtin functions (funcs.go): comparison, indexing, slicing, length, printing
// and escaping, with Go's error texts.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/unicode.hpp"
#include "gotemplate/callable.hpp"
#include "gotemplate/go_fmt.hpp"
#include "gotemplate/go_url.hpp"

namespace mlmon::gotemplate {

namespace {

using enum Type;

std::unexpected<std::string> error(std::string message) { return std::unexpected(std::move(message)); }

// ---- printing and escaping ----

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\0': out += "\xef\xbf\xbd"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

bool js_is_special(char32_t r) {
  switch (r) {
    case '\\':
    case '\'':
    case '"':
    case '<':
    case '>':
    case '&':
    case '=': return true;
    default: return r < ' ' || r >= 0x80;
  }
}

std::string js_escape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!js_is_special(c)) {
      out += s[i++];
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\'': out += "\\'"; break;
        case '"': out += "\\\""; break;
        case '<': out += "\\u003C"; break;
        case '>': out += "\\u003E"; break;
        case '&': out += "\\u0026"; break;
        case '=': out += "\\u003D"; break;
        default: out += fmt::format("\\u00{:02X}", c);
      }
      ++i;
      continue;
    }
    const auto decoded = unicode::decode(s, i);
    if (unicode::is_print(decoded.rune) && !(decoded.width == 1 && decoded.rune == unicode::replacement_char)) {
      out += s.substr(i, decoded.width);
    } else {
      out += fmt::format("\\u{:04X}", static_cast<std::uint32_t>(decoded.rune));
    }
    i += decoded.width;
  }
  return out;
}

CallResult call_html(const CallContext&, std::span<const Value> args) {
  return Value::of_string(html_escape(eval_args_text(args)));
}
CallResult call_js(const CallContext&, std::span<const Value> args) {
  return Value::of_string(js_escape(eval_args_text(args)));
}
CallResult call_urlquery(const CallContext&, std::span<const Value> args) {
  return Value::of_string(go::query_escape(eval_args_text(args)));
}
CallResult call_print(const CallContext&, std::span<const Value> args) { return Value::of_string(go::sprint(args)); }
CallResult call_println(const CallContext&, std::span<const Value> args) {
  return Value::of_string(go::sprintln(args));
}
CallResult call_printf(const CallContext&, std::span<const Value> args) {
  return Value::of_string(go::sprintf(args[0].as_string(), args.subspan(1)));
}

// ---- indexing, slicing, length ----

std::expected<std::int64_t, std::string> index_arg(const Value& index, std::size_t cap) {
  std::int64_t x = 0;
  if (!index.valid()) return error("cannot index slice/array with nil");
  switch (index.kind()) {
    case Kind::int_: x = index.as_int(); break;
    case Kind::uint_: x = static_cast<std::int64_t>(index.as_uint()); break;
    default: return error(fmt::format("cannot index slice/array with type {}", type_name(index.static_type())));
  }
  if (x < 0 || static_cast<std::uint64_t>(x) > cap) return error(fmt::format("index out of range: {}", x));
  return x;
}

std::size_t slice_cap(const SampleSlice& s) { return s.items ? s.cap - s.begin : 0; }

CallResult call_index(const CallContext&, std::span<const Value> args) {
  Value item = unbox(args[0]);
  if (!item.valid()) return error("index of untyped nil");
  for (const Value& raw_index : args.subspan(1)) {
    const Value index = unbox(raw_index);
    const Indirect ind = indirect(item);
    if (ind.is_nil) return error("index of nil pointer");
    item = ind.value;
    switch (item.kind()) {
      case Kind::string:
      case Kind::slice: {
        const std::size_t len = length(item);
        auto x = index_arg(index, len);
        if (!x) return error(x.error());
        const auto i = static_cast<std::size_t>(*x);
        if (item.kind() == Kind::string) {
          // reflect panics past the end; text/template reports the panic.
          if (i >= len) return error("reflect: string index out of range");
          item = Value::of_uint(static_cast<unsigned char>(item.as_string()[i]), uint8);
        } else {
          if (i >= len) return error("reflect: slice index out of range");
          item = Value::of_sample(item.as_samples()[i]);
        }
        break;
      }
      case Kind::map: {
        // The key must be assignable to string (or an integer convertible to it: no integers are).
        if (!index.valid()) return error("value is nil; should be of type string");
        if (index.type != string) {
          return error(fmt::format("value has type {}; should be string", type_name(index.static_type())));
        }
        const std::string& key = index.as_string();
        if (item.type == string_map) {
          const auto& map = item.as_string_map();
          const auto it = map ? map->find(key) : StringMap::const_iterator{};
          item = Value::of_string(map && it != map->end() ? it->second : std::string());
        } else {
          const auto& map = item.as_any_map();
          const auto it = map ? map->find(key) : AnyMap::const_iterator{};
          item = map && it != map->end() ? it->second : Value::nil_of(any);
        }
        break;
      }
      default: return error(fmt::format("can't index item of type {}", type_name(item.static_type())));
    }
  }
  return item;
}

CallResult call_slice(const CallContext&, std::span<const Value> args) {
  Value item = unbox(args[0]);
  if (!item.valid()) return error("slice of untyped nil");
  const Indirect ind = indirect(item);
  if (ind.is_nil) return error("slice of nil pointer");
  item = ind.value;
  const auto indexes = args.subspan(1);
  if (indexes.size() > 3) return error(fmt::format("too many slice indexes: {}", indexes.size()));
  std::size_t cap = 0;
  switch (item.kind()) {
    case Kind::string:
      if (indexes.size() == 3) return error("cannot 3-index slice a string");
      cap = length(item);
      break;
    case Kind::slice: cap = slice_cap(item.as_samples()); break;
    default: return error(fmt::format("can't slice item of type {}", type_name(item.static_type())));
  }
  std::array<std::int64_t, 3> idx{0, static_cast<std::int64_t>(length(item)), 0};
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    auto x = index_arg(unbox(indexes[i]), cap);
    if (!x) return error(x.error());
    idx[i] = *x;
  }
  if (idx[0] > idx[1]) return error(fmt::format("invalid slice index: {} > {}", idx[0], idx[1]));
  if (indexes.size() == 3 && idx[1] > idx[2]) return error(fmt::format("invalid slice index: {} > {}", idx[1], idx[2]));
  if (item.kind() == Kind::string) {
    const auto begin = static_cast<std::size_t>(idx[0]);
    return Value::of_string(item.as_string().substr(begin, static_cast<std::size_t>(idx[1]) - begin), item.type);
  }
  SampleSlice s = item.as_samples();
  if (s.items == nullptr) return item;  // slicing a nil slice by [0:0] gives nil
  const std::size_t base = s.begin;
  s.begin = base + static_cast<std::size_t>(idx[0]);
  s.end = base + static_cast<std::size_t>(idx[1]);
  if (indexes.size() == 3) s.cap = base + static_cast<std::size_t>(idx[2]);
  return Value::of_samples(s);
}

CallResult call_len(const CallContext&, std::span<const Value> args) {
  // Go asks the missing value for its type, and reports reflect's panic.
  if (!args[0].valid() && !args[0].boxed) return error("reflect: call of reflect.Value.Type on zero Value");
  const Indirect ind = indirect(args[0]);
  if (ind.is_nil) return error("len of nil pointer");
  switch (ind.value.kind()) {
    case Kind::map:
    case Kind::slice:
    case Kind::string: return Value::of_int(static_cast<std::int64_t>(length(ind.value)));
    default: return error(fmt::format("len of type {}", type_name(ind.value.static_type())));
  }
}

// ---- logic and comparison ----

CallResult call_not(const CallContext&, std::span<const Value> args) {
  return Value::of_bool(!truth(unbox(args[0])).value_or(false));
}

enum class BasicKind { invalid, bool_, complex_, int_, float_, string, uint_ };

BasicKind basic_kind(const Value& v) {
  if (!v.valid()) return BasicKind::invalid;
  switch (v.kind()) {
    case Kind::bool_: return BasicKind::bool_;
    case Kind::int_: return BasicKind::int_;
    case Kind::uint_: return BasicKind::uint_;
    case Kind::float_: return BasicKind::float_;
    case Kind::complex_: return BasicKind::complex_;
    case Kind::string: return BasicKind::string;
    default: return BasicKind::invalid;
  }
}

bool comparable(Type type) {
  switch (kind_of(type)) {
    case Kind::map:
    case Kind::slice: return false;
    case Kind::struct_: return type == time;  // the others hold maps
    default: return true;
  }
}

bool same_object(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case sample_ptr:
    case time_ptr:
    case duration_ptr: return a.pointer() == b.pointer();
    case time: return a.as_time() == b.as_time();
    default: return false;
  }
}

std::string incompatible(const Value& a, const Value& b) {
  return fmt::format("incompatible types for comparison: {} and {}", type_name(a.static_type()),
                     type_name(b.static_type()));
}

std::expected<bool, std::string> equal(const Value& arg1_raw, std::span<const Value> others) {
  const Value arg1 = unbox(arg1_raw);
  if (others.empty()) return error("missing argument for comparison");
  const BasicKind k1 = basic_kind(arg1);
  for (const Value& raw : others) {
    const Value arg = unbox(raw);
    const BasicKind k2 = basic_kind(arg);
    bool truth = false;
    if (k1 != k2) {
      // Integers compare across signedness.
      if (k1 == BasicKind::int_ && k2 == BasicKind::uint_) {
        truth = arg1.as_int() >= 0 && static_cast<std::uint64_t>(arg1.as_int()) == arg.as_uint();
      } else if (k1 == BasicKind::uint_ && k2 == BasicKind::int_) {
        truth = arg.as_int() >= 0 && arg1.as_uint() == static_cast<std::uint64_t>(arg.as_int());
      } else if (arg1.valid() && arg.valid()) {
        return error(incompatible(arg1, arg));
      }
    } else {
      switch (k1) {
        case BasicKind::bool_: truth = arg1.as_bool() == arg.as_bool(); break;
        case BasicKind::complex_: truth = arg1.as_complex() == arg.as_complex(); break;
        case BasicKind::float_: truth = arg1.as_float() == arg.as_float(); break;
        case BasicKind::int_: truth = arg1.as_int() == arg.as_int(); break;
        case BasicKind::string: truth = arg1.as_string() == arg.as_string(); break;
        case BasicKind::uint_: truth = arg1.as_uint() == arg.as_uint(); break;
        case BasicKind::invalid: {
          const bool can_compare = arg1.kind() == arg.kind() || !arg1.valid() || !arg.valid();
          if (!can_compare) {
            const std::array<Value, 2> a1{arg1, arg};
            return error(fmt::format("non-comparable types {}: {}, {}: {}", go::sprintf("%s", std::span(a1).first(1)),
                                     type_name(arg1.static_type()), type_name(arg.static_type()),
                                     go::sprintf("%v", std::span(a1).subspan(1))));
          }
          const bool nil1 = !arg1.valid() || is_nil(arg1);
          const bool nil2 = !arg.valid() || is_nil(arg);
          if (nil1 || nil2) {
            truth = nil1 == nil2;
          } else {
            if (!comparable(arg.type)) {
              const std::array<Value, 1> a{arg};
              return error(fmt::format("non-comparable type {}: {}", go::sprintf("%s", a), type_name(arg.type)));
            }
            truth = same_object(arg1, arg);
          }
          break;
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

std::expected<bool, std::string> less(const Value& raw1, const Value& raw2) {
  const Value arg1 = unbox(raw1);
  const BasicKind k1 = basic_kind(arg1);
  if (k1 == BasicKind::invalid) return error("invalid type for comparison");
  const Value arg2 = unbox(raw2);
  const BasicKind k2 = basic_kind(arg2);
  if (k2 == BasicKind::invalid) return error("invalid type for comparison");
  if (k1 != k2) {
    if (k1 == BasicKind::int_ && k2 == BasicKind::uint_) {
      return arg1.as_int() < 0 || static_cast<std::uint64_t>(arg1.as_int()) < arg2.as_uint();
    }
    if (k1 == BasicKind::uint_ && k2 == BasicKind::int_) {
      return arg2.as_int() >= 0 && arg1.as_uint() < static_cast<std::uint64_t>(arg2.as_int());
    }
    return error(incompatible(arg1, arg2));
  }
  switch (k1) {
    case BasicKind::bool_:
    case BasicKind::complex_: return error("invalid type for comparison");
    case BasicKind::float_: return arg1.as_float() < arg2.as_float();
    case BasicKind::int_: return arg1.as_int() < arg2.as_int();
    case BasicKind::string: return arg1.as_string() < arg2.as_string();
    case BasicKind::uint_: return arg1.as_uint() < arg2.as_uint();
    case BasicKind::invalid: break;
  }
  return error("invalid type for comparison");
}

CallResult to_result(std::expected<bool, std::string> r) {
  if (!r) return error(r.error());
  return Value::of_bool(*r);
}

CallResult call_eq(const CallContext&, std::span<const Value> args) {
  return to_result(equal(args[0], args.subspan(1)));
}
CallResult call_ne(const CallContext&, std::span<const Value> args) {
  auto r = equal(args[0], args.subspan(1));
  if (!r) return error(r.error());
  return Value::of_bool(!*r);
}
CallResult call_lt(const CallContext&, std::span<const Value> args) { return to_result(less(args[0], args[1])); }
CallResult call_le(const CallContext&, std::span<const Value> args) {
  auto lt = less(args[0], args[1]);
  if (!lt || *lt) return to_result(lt);
  return to_result(equal(args[0], args.subspan(1)));
}
CallResult call_gt(const CallContext&, std::span<const Value> args) {
  auto lt = less(args[0], args[1]);
  if (!lt) return error(lt.error());
  if (*lt) return Value::of_bool(false);
  auto eq = equal(args[0], args.subspan(1));
  if (!eq) return error(eq.error());
  return Value::of_bool(!*eq);
}
CallResult call_ge(const CallContext&, std::span<const Value> args) {
  auto lt = less(args[0], args[1]);
  if (!lt) return error(lt.error());
  return Value::of_bool(!*lt);
}

// and, or and call are evaluated by the executor itself; these only carry their signatures.
CallResult special_form(const CallContext&, std::span<const Value>) { return error("internal error: special form"); }

const std::array<Callable, 19> builtins{{
    {"and", {reflect_value, reflect_value}, true, special_form, {}},
    {"call", {reflect_value, reflect_value}, true, special_form, {}},
    {"html", {any}, true, call_html, {}},
    {"index", {reflect_value, reflect_value}, true, call_index, {}},
    {"slice", {reflect_value, reflect_value}, true, call_slice, {}},
    {"js", {any}, true, call_js, {}},
    {"len", {reflect_value}, false, call_len, {}},
    {"not", {reflect_value}, false, call_not, {}},
    {"or", {reflect_value, reflect_value}, true, special_form, {}},
    {"print", {any}, true, call_print, {}},
    {"printf", {string, any}, true, call_printf, {}},
    {"println", {any}, true, call_println, {}},
    {"urlquery", {any}, true, call_urlquery, {}},
    {"eq", {reflect_value, reflect_value}, true, call_eq, {}},
    {"ge", {reflect_value, reflect_value}, false, call_ge, {}},
    {"gt", {reflect_value, reflect_value}, false, call_gt, {}},
    {"le", {reflect_value, reflect_value}, false, call_le, {}},
    {"lt", {reflect_value, reflect_value}, false, call_lt, {}},
    {"ne", {reflect_value, reflect_value}, false, call_ne, {}},
}};

}  // namespace

const Callable* find_builtin(std::string_view name) {
  const auto it = std::find_if(builtins.begin(), builtins.end(), [&](const Callable& c) { return c.name == name; });
  return it == builtins.end() ? nullptr : &*it;
}

std::string eval_args_text(std::span<const Value> args) {
  if (args.size() == 1 && args[0].type == string) return args[0].as_string();  // boxed or not: a string
  // Each argument as the action would print it: pointers followed, nil as "<no value>".
  std::vector<Value> printable;
  printable.reserve(args.size());
  for (const Value& raw : args) {
    Value v = unbox(raw);
    if (v.kind() == Kind::pointer) v = indirect(v).value;
    if (!v.valid()) v = Value::of_string("<no value>");
    printable.push_back(std::move(v));
  }
  return go::sprint(printable);
}

}  // namespace mlmon::gotemplate
