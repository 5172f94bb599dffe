#include "gotemplate/go_fmt.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <vector>

#include "core/go_quote.hpp"
#include "core/unicode.hpp"
#include "promql/go_format.hpp"

namespace mlmon::gotemplate::go {

namespace {

// ---- strconv.FormatFloat ----

// A decimal digit string d[0] d[1] ... with the decimal point before digit `dp` (Go's
// decimalSlice); trailing zeros are trimmed, zero has no digits.
struct Digits {
  std::string d;
  int dp = 0;
};

Digits parse_scientific(std::string_view text) {
  // "d.ddde±x" (or "de±x") from std::to_chars.
  Digits digits;
  const std::size_t e = text.find('e');
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.d += c;
  }
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(), exponent);
  digits.dp = exponent + 1;
  while (!digits.d.empty() && digits.d.back() == '0') digits.d.pop_back();
  if (digits.d.empty()) digits.dp = 0;
  return digits;
}

Digits parse_fixed(std::string_view text) {
  // "ddd.ddd" from std::to_chars; leading zeros move the decimal point.
  Digits digits;
  const std::size_t point = text.find('.');
  const std::string_view integer = text.substr(0, point);
  std::string all(integer);
  if (point != std::string_view::npos) all += text.substr(point + 1);
  int dp = static_cast<int>(integer.size());
  std::size_t lead = 0;
  while (lead < all.size() && all[lead] == '0') ++lead;
  all.erase(0, lead);
  dp -= static_cast<int>(lead);
  while (!all.empty() && all.back() == '0') all.pop_back();
  digits.d = std::move(all);
  digits.dp = digits.d.empty() ? 0 : dp;
  return digits;
}

void append_e(std::string& out, bool negative, const Digits& digits, int prec, char format) {
  if (negative) out += '-';
  out += digits.d.empty() ? '0' : digits.d[0];
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; ++i) out += i < static_cast<int>(digits.d.size()) ? digits.d[i] : '0';
  }
  out += format;
  int exponent = digits.d.empty() ? 0 : digits.dp - 1;
  out += exponent < 0 ? '-' : '+';
  if (exponent < 0) exponent = -exponent;
  if (exponent < 10) out += '0';
  out += std::to_string(exponent);
}

void append_f(std::string& out, bool negative, const Digits& digits, int prec) {
  if (negative) out += '-';
  const int nd = static_cast<int>(digits.d.size());
  if (digits.dp > 0) {
    const int m = std::min(nd, digits.dp);
    out += std::string_view(digits.d).substr(0, static_cast<std::size_t>(m));
    for (int i = m; i < digits.dp; ++i) out += '0';
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; ++i) {
      const int j = digits.dp + i - 1;
      out += (j >= 0 && j < nd) ? digits.d[static_cast<std::size_t>(j)] : '0';
    }
  }
}

std::string format_binary(bool negative, std::uint64_t mant, int exp) {
  std::string out = negative ? "-" : "";
  out += std::to_string(mant);
  out += 'p';
  exp -= 52;
  if (exp >= 0) out += '+';
  out += std::to_string(exp);
  return out;
}

std::string format_hex(bool negative, std::uint64_t mant, int exp, int prec, char format) {
  if (mant == 0) exp = 0;
  mant <<= 60 - 52;
  while (mant != 0 && (mant & (std::uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    --exp;
  }
  if (prec >= 0 && prec < 15) {
    const unsigned shift = static_cast<unsigned>(prec) * 4;
    const std::uint64_t extra = (mant << shift) & ((std::uint64_t{1} << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (std::uint64_t{1} << 59)) ++mant;
    mant <<= 60 - shift;
    if ((mant & (std::uint64_t{1} << 61)) != 0) {
      mant >>= 1;
      ++exp;
    }
  }
  const char* hex = format == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out = negative ? "-" : "";
  out += '0';
  out += format;
  out += static_cast<char>('0' + ((mant >> 60) & 1));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    out += '.';
    while (mant != 0) {
      out += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  } else if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i) {
      out += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  }
  out += format == 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) out += '0';
  out += std::to_string(exp);
  return out;
}

// ---- fmt ----

constexpr std::string_view lower_digits = "0123456789abcdefx";
constexpr std::string_view upper_digits = "0123456789ABCDEFX";

std::size_t rune_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) i += unicode::decode(s, i).width;
  return n;
}

std::string quote_rune_to_ascii(char32_t r) {
  std::string quoted = mlmon::go::quote_rune(r);
  if (r < 0x80) return quoted;
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  return r < 0x10000 ? fmt::format("'\\u{:04x}'", static_cast<std::uint32_t>(r))
                     : fmt::format("'\\U{:08x}'", static_cast<std::uint32_t>(r));
}

struct Flags {
  bool wid_present = false;
  bool prec_present = false;
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  bool plus_v = false;
  bool sharp_v = false;
  int wid = 0;
  int prec = 0;
};

// A field of a struct as fmt walks it.
struct Field {
  std::string_view name;
  Value value;
};

std::vector<Field> struct_fields(const Value& v) {
  switch (v.type) {
    case Type::alert_data: {
      const AlertValues& a = v.as_alert();
      return {{"Labels", Value::of_string_map(a.labels)},
              {"ExternalLabels", Value::of_string_map(a.external_labels)},
              {"ExternalURL", Value::of_string(a.external_url)},
              {"Value", Value::of_float(a.value).boxed_copy()}};
    }
    case Type::sample: {
      const SamplePtr& s = v.as_sample();
      return {{"Labels", Value::of_string_map(std::shared_ptr<StringMap>(s, &s->labels))},
              {"Value", Value::of_float(s->value).boxed_copy()}};
    }
    case Type::time: {
      // time.Time's unexported fields, as fmt prints them for verbs that are not strings: the wall
      // clock nanoseconds, the seconds since year 1, and a nil location (UTC).
      const Time& t = v.as_time();
      return {{"wall", Value::of_uint(static_cast<std::uint64_t>(t.nsec))},
              {"ext", Value::of_int(t.sec + 62135596800, Type::int64)},
              {"loc", Value{}}};
    }
    default: return {};
  }
}

class Printer {
 public:
  std::string buf;

  void do_print(std::span<const Value> args) {
    bool prev_string = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const Value arg = unbox(args[i]);
      const bool is_string = arg.valid() && kind_of(arg.type) == Kind::string;
      if (i > 0 && !is_string && !prev_string) buf += ' ';
      print_arg(arg, 'v');
      prev_string = is_string;
    }
  }

  void do_println(std::span<const Value> args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) buf += ' ';
      print_arg(unbox(args[i]), 'v');
    }
    buf += '\n';
  }

  void do_printf(std::string_view format, std::span<const Value> raw_args) {
    std::vector<Value> args;
    args.reserve(raw_args.size());
    for (const Value& a : raw_args) args.push_back(unbox(a));
    const std::size_t end = format.size();
    std::size_t arg_num = 0;
    bool after_index = false;
    reordered_ = false;
    for (std::size_t i = 0; i < end;) {
      good_arg_num_ = true;
      const std::size_t last = i;
      while (i < end && format[i] != '%') ++i;
      if (i > last) buf += format.substr(last, i - last);
      if (i >= end) break;
      ++i;  // skip %
      f_ = Flags{};
      bool simple_done = false;
      for (; i < end; ++i) {
        const char c = format[i];
        if (c == '#') f_.sharp = true;
        else if (c == '0') f_.zero = !f_.minus;  // zero padding only to the left
        else if (c == '+') f_.plus = true;
        else if (c == '-') {
          f_.minus = true;
          f_.zero = false;
        } else if (c == ' ') f_.space = true;
        else {
          // Fast path: a lower-case verb right after the flags.
          if (c >= 'a' && c <= 'z' && arg_num < args.size()) {
            if (c == 'v') {
              f_.sharp_v = f_.sharp;
              f_.sharp = false;
              f_.plus_v = f_.plus;
              f_.plus = false;
            }
            print_arg(args[arg_num], c);
            ++arg_num;
            ++i;
            simple_done = true;
          }
          break;
        }
      }
      if (simple_done) continue;

      arg_num = arg_number(arg_num, format, i, args.size(), after_index);
      if (i < end && format[i] == '*') {
        ++i;
        f_.wid_present = int_from_arg(args, arg_num, f_.wid);
        if (!f_.wid_present) buf += "%!(BADWIDTH)";
        if (f_.wid < 0) {
          f_.wid = -f_.wid;
          f_.minus = true;
          f_.zero = false;
        }
        after_index = false;
      } else {
        f_.wid_present = parse_num(format, i, f_.wid);
        if (after_index && f_.wid_present) good_arg_num_ = false;  // "%[3]2d"
      }
      if (i + 1 < end && format[i] == '.') {
        ++i;
        if (after_index) good_arg_num_ = false;  // "%[3].2d"
        arg_num = arg_number(arg_num, format, i, args.size(), after_index);
        if (i < end && format[i] == '*') {
          ++i;
          f_.prec_present = int_from_arg(args, arg_num, f_.prec);
          if (f_.prec < 0) {
            f_.prec = 0;
            f_.prec_present = false;
          }
          if (!f_.prec_present) buf += "%!(BADPREC)";
          after_index = false;
        } else {
          f_.prec_present = parse_num(format, i, f_.prec);
          if (!f_.prec_present) {
            f_.prec = 0;
            f_.prec_present = true;
          }
        }
      }
      if (!after_index) arg_num = arg_number(arg_num, format, i, args.size(), after_index);
      if (i >= end) {
        buf += "%!(NOVERB)";
        break;
      }
      const auto decoded = unicode::decode(format, i);
      const char32_t verb = decoded.rune;
      i += decoded.width;
      if (verb == '%') {
        buf += '%';  // absorbs no operand, ignores width and precision
      } else if (!good_arg_num_) {
        bad_arg_num(verb);
      } else if (arg_num >= args.size()) {
        missing_arg(verb);
      } else {
        if (verb == 'v') {
          f_.sharp_v = f_.sharp;
          f_.sharp = false;
          f_.plus_v = f_.plus;
          f_.plus = false;
        }
        print_arg(args[arg_num], verb);
        ++arg_num;
      }
    }
    if (!reordered_ && arg_num < args.size()) {
      f_ = Flags{};
      buf += "%!(EXTRA ";
      for (std::size_t k = arg_num; k < args.size(); ++k) {
        if (k > arg_num) buf += ", ";
        if (!args[k].valid()) {
          buf += "<nil>";
        } else {
          buf += type_name(args[k].type);
          buf += '=';
          print_arg(args[k], 'v');
        }
      }
      buf += ')';
    }
  }

  void print_arg(const Value& arg, char32_t verb) {
    arg_ = arg;
    value_ = Value{};
    if (!arg.valid()) {
      if (verb == 'T' || verb == 'v') pad_string("<nil>");
      else bad_verb(verb);
      return;
    }
    if (verb == 'T') {
      fmt_s(type_name(arg.type));
      return;
    }
    if (verb == 'p') {
      fmt_pointer(arg, 'p');
      return;
    }
    switch (arg.type) {
      case Type::bool_: fmt_bool(arg.as_bool(), verb); return;
      case Type::float64: fmt_float(arg.as_float(), verb); return;
      case Type::complex128: fmt_complex(arg.as_complex(), verb); return;
      case Type::int_:
      case Type::int64: fmt_integer(static_cast<std::uint64_t>(arg.as_int()), true, verb); return;
      case Type::uint8:
      case Type::uint64: fmt_integer(arg.as_uint(), false, verb); return;
      case Type::string: fmt_string(arg.as_string(), verb); return;
      default: break;
    }
    if (!handle_methods(verb)) print_value(arg, verb, 0);
  }

 private:
  Flags f_;
  Value arg_;    // the operand being printed, for methods and bad-verb notes
  Value value_;  // the reflected value being printed when arg_ is unset
  bool erroring_ = false;
  bool reordered_ = false;
  bool good_arg_num_ = true;
  std::map<const void*, std::uint64_t> addresses_;

  // ---- padding ----

  void write_padding(int n) {
    if (n <= 0) return;
    buf.append(static_cast<std::size_t>(n), f_.zero ? '0' : ' ');
  }

  void pad(std::string_view s) {
    if (!f_.wid_present || f_.wid == 0) {
      buf += s;
      return;
    }
    const int width = f_.wid - static_cast<int>(rune_count(s));
    if (!f_.minus) {
      write_padding(width);
      buf += s;
    } else {
      buf += s;
      write_padding(width);
    }
  }

  void pad_string(std::string_view s) { pad(s); }

  // ---- basic formatters (fmt/format.go) ----

  void fmt_boolean(bool v) { pad_string(v ? "true" : "false"); }

  void fmt_unicode(std::uint64_t u) {
    int prec = 4;
    if (f_.prec_present && f_.prec > 4) prec = f_.prec;
    const std::uint64_t original = u;
    std::string hex;
    do {
      hex.insert(hex.begin(), upper_digits[u & 0xF]);
      u >>= 4;
    } while (u != 0);
    std::string out = "U+";
    for (int i = static_cast<int>(hex.size()); i < prec; ++i) out += '0';
    out += hex;
    if (f_.sharp && original <= 0x10FFFF && unicode::is_print(static_cast<char32_t>(original))) {
      out += " '";
      unicode::append_utf8(out, static_cast<char32_t>(original));
      out += '\'';
    }
    const bool old_zero = f_.zero;
    f_.zero = false;
    pad(out);
    f_.zero = old_zero;
  }

  void fmt_integer_base(std::uint64_t u, int base, bool is_signed, char32_t verb, std::string_view digits) {
    const bool negative = is_signed && static_cast<std::int64_t>(u) < 0;
    if (negative) u = 0 - u;
    int prec = 0;
    if (f_.prec_present) {
      prec = f_.prec;
      if (prec == 0 && u == 0) {
        const bool old_zero = f_.zero;
        f_.zero = false;
        write_padding(f_.wid);
        f_.zero = old_zero;
        return;
      }
    } else if (f_.zero && f_.wid_present) {
      prec = f_.wid;
      if (negative || f_.plus || f_.space) --prec;  // room for the sign
    }
    std::string rev;  // built right to left
    do {
      rev += digits[u % static_cast<unsigned>(base)];
      u /= static_cast<unsigned>(base);
    } while (u != 0);
    while (static_cast<int>(rev.size()) < prec) rev += '0';
    if (f_.sharp) {
      switch (base) {
        case 2: rev += "b0"; break;
        case 8:
          if (rev.back() != '0') rev += '0';
          break;
        case 16:
          rev += digits[16];
          rev += '0';
          break;
        default: break;
      }
    }
    if (verb == 'O') rev += "o0";
    if (negative) rev += '-';
    else if (f_.plus) rev += '+';
    else if (f_.space) rev += ' ';
    const bool old_zero = f_.zero;
    f_.zero = false;
    pad(std::string(rev.rbegin(), rev.rend()));
    f_.zero = old_zero;
  }

  void fmt_s(std::string_view s) {
    if (f_.prec_present) {
      int n = f_.prec;
      for (std::size_t i = 0; i < s.size(); i += unicode::decode(s, i).width) {
        if (--n < 0) {
          s = s.substr(0, i);
          break;
        }
      }
    }
    pad_string(s);
  }

  void fmt_sx(std::string_view s, std::string_view digits) {
    std::size_t length = s.size();
    if (f_.prec_present && static_cast<std::size_t>(f_.prec) < length) length = static_cast<std::size_t>(f_.prec);
    int width = 2 * static_cast<int>(length);
    if (width > 0) {
      if (f_.space) {
        if (f_.sharp) width *= 2;
        width += static_cast<int>(length) - 1;
      } else if (f_.sharp) {
        width += 2;
      }
    } else {
      if (f_.wid_present) write_padding(f_.wid);
      return;
    }
    if (f_.wid_present && f_.wid > width && !f_.minus) write_padding(f_.wid - width);
    if (f_.sharp) {
      buf += '0';
      buf += digits[16];
    }
    for (std::size_t i = 0; i < length; ++i) {
      if (f_.space && i > 0) {
        buf += ' ';
        if (f_.sharp) {
          buf += '0';
          buf += digits[16];
        }
      }
      const auto c = static_cast<unsigned char>(s[i]);
      buf += digits[c >> 4];
      buf += digits[c & 0xF];
    }
    if (f_.wid_present && f_.wid > width && f_.minus) write_padding(f_.wid - width);
  }

  void fmt_q(std::string_view s) {
    if (f_.prec_present) {
      int n = f_.prec;
      for (std::size_t i = 0; i < s.size(); i += unicode::decode(s, i).width) {
        if (--n < 0) {
          s = s.substr(0, i);
          break;
        }
      }
    }
    if (f_.sharp && can_backquote(s)) {
      pad_string("`" + std::string(s) + "`");
      return;
    }
    pad(f_.plus ? quote_to_ascii(s) : mlmon::go::quote(s));
  }

  void fmt_c(std::uint64_t c) {
    const char32_t r = c > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(c);
    std::string out;
    unicode::append_utf8(out, r);
    pad(out);
  }

  void fmt_qc(std::uint64_t c) {
    const char32_t r = c > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(c);
    pad(f_.plus ? quote_rune_to_ascii(r) : mlmon::go::quote_rune(r));
  }

  void fmt_float_raw(double v, char32_t verb, int prec) {
    if (f_.prec_present) prec = f_.prec;
    std::string num = format_float(v, static_cast<char>(verb), prec);
    if (num[0] == '-' || num[0] == '+') {
      // keep the sign
    } else {
      num.insert(num.begin(), '+');
    }
    if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
    // Infinities and NaN are not padded with zeros.
    if (num[1] == 'I' || num[1] == 'N') {
      const bool old_zero = f_.zero;
      f_.zero = false;
      if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);
      pad(num);
      f_.zero = old_zero;
      return;
    }
    // '#' keeps a decimal point and, for %g and %x, the trailing zeros.
    if (f_.sharp && verb != 'b') {
      int digits = 0;
      if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
        digits = prec;
        if (digits == -1) digits = 6;
      }
      std::string tail;
      bool has_point = false;
      bool saw_nonzero_digit = false;  // significant digits count from the first non-zero one
      for (std::size_t i = 1; i < num.size(); ++i) {
        const char c = num[i];
        if (c == '.') {
          has_point = true;
        } else if (c == 'p' || c == 'P') {
          tail = num.substr(i);
          num.resize(i);
          break;
        } else if ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X') {
          tail = num.substr(i);
          num.resize(i);
          break;
        } else {
          saw_nonzero_digit = saw_nonzero_digit || c != '0';
          if (saw_nonzero_digit) --digits;
        }
      }
      if (!has_point) {
        // A lone "0" takes one more digit: Go counts the leading zero among the digits.
        if (num.size() == 2 && num[1] == '0') --digits;
        num += '.';
      }
      while (digits > 0) {
        num += '0';
        --digits;
      }
      num += tail;
    }
    if (f_.plus || num[0] != '+') {
      if (f_.zero && !f_.minus && f_.wid_present && f_.wid > static_cast<int>(num.size())) {
        buf += num[0];
        write_padding(f_.wid - static_cast<int>(num.size()));
        buf += std::string_view(num).substr(1);
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }

  // ---- verbs per type (fmt/print.go) ----

  void bad_verb(char32_t verb) {
    erroring_ = true;
    buf += "%!";
    unicode::append_utf8(buf, verb);
    buf += '(';
    if (arg_.valid()) {
      buf += type_name(arg_.type);
      buf += '=';
      print_arg(arg_, 'v');
    } else if (value_.valid()) {
      buf += type_name(value_.static_type());
      buf += '=';
      print_value(value_, 'v', 0);
    } else {
      buf += "<nil>";
    }
    buf += ')';
    erroring_ = false;
  }

  void bad_arg_num(char32_t verb) {
    buf += "%!";
    unicode::append_utf8(buf, verb);
    buf += "(BADINDEX)";
  }

  void missing_arg(char32_t verb) {
    buf += "%!";
    unicode::append_utf8(buf, verb);
    buf += "(MISSING)";
  }

  void fmt_bool(bool v, char32_t verb) {
    if (verb == 't' || verb == 'v') fmt_boolean(v);
    else bad_verb(verb);
  }

  void fmt_0x64(std::uint64_t v, bool leading_0x) {
    const bool sharp = f_.sharp;
    f_.sharp = leading_0x;
    fmt_integer_base(v, 16, false, 'v', lower_digits);
    f_.sharp = sharp;
  }

  void fmt_integer(std::uint64_t v, bool is_signed, char32_t verb) {
    switch (verb) {
      case 'v':
        if (f_.sharp_v && !is_signed) fmt_0x64(v, true);
        else fmt_integer_base(v, 10, is_signed, verb, lower_digits);
        break;
      case 'd': fmt_integer_base(v, 10, is_signed, verb, lower_digits); break;
      case 'b': fmt_integer_base(v, 2, is_signed, verb, lower_digits); break;
      case 'o':
      case 'O': fmt_integer_base(v, 8, is_signed, verb, lower_digits); break;
      case 'x': fmt_integer_base(v, 16, is_signed, verb, lower_digits); break;
      case 'X': fmt_integer_base(v, 16, is_signed, verb, upper_digits); break;
      case 'c': fmt_c(v); break;
      case 'q':
        if (v <= 0x10FFFF) fmt_qc(v);
        else bad_verb(verb);
        break;
      case 'U': fmt_unicode(v); break;
      default: bad_verb(verb);
    }
  }

  void fmt_float(double v, char32_t verb) {
    switch (verb) {
      case 'v': fmt_float_raw(v, 'g', -1); break;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X': fmt_float_raw(v, verb, -1); break;
      case 'f':
      case 'e':
      case 'E': fmt_float_raw(v, verb, 6); break;
      case 'F': fmt_float_raw(v, 'f', 6); break;
      default: bad_verb(verb);
    }
  }

  void fmt_complex(std::complex<double> v, char32_t verb) {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const bool old_plus = f_.plus;
        buf += '(';
        fmt_float(v.real(), verb);
        f_.plus = true;  // the imaginary part always has a sign
        fmt_float(v.imag(), verb);
        buf += "i)";
        f_.plus = old_plus;
        break;
      }
      default: bad_verb(verb);
    }
  }

  void fmt_string(std::string_view v, char32_t verb) {
    switch (verb) {
      case 'v':
        if (f_.sharp_v) fmt_q(v);
        else fmt_s(v);
        break;
      case 's': fmt_s(v); break;
      case 'x': fmt_sx(v, lower_digits); break;
      case 'X': fmt_sx(v, upper_digits); break;
      case 'q': fmt_q(v); break;
      default: bad_verb(verb);
    }
  }

  // A made-up address for a pointer, map or slice: stable within one call, distinct per object.
  std::uint64_t address_of(const Value& v) {
    const void* key = nullptr;
    switch (v.type) {
      case Type::sample_ptr:
      case Type::time_ptr:
      case Type::duration_ptr: key = v.pointer(); break;
      case Type::string_map: key = v.as_string_map().get(); break;
      case Type::any_map: key = v.as_any_map().get(); break;
      case Type::query_result:
        if (v.as_samples().items) key = v.as_samples().items->data() + v.as_samples().begin;
        break;
      default: break;
    }
    if (key == nullptr && is_nil(v)) return 0;
    const auto [it, inserted] = addresses_.emplace(key, 0xc000010000 + 0x30 * addresses_.size());
    return it->second;
  }

  void fmt_pointer(const Value& value, char32_t verb) {
    switch (value.kind()) {
      case Kind::map:
      case Kind::pointer:
      case Kind::slice: break;
      default: bad_verb(verb); return;
    }
    const std::uint64_t u = address_of(value);
    switch (verb) {
      case 'v':
        if (f_.sharp_v) {
          buf += '(';
          buf += type_name(value.type);
          buf += ")(";
          if (u == 0) buf += "nil";
          else fmt_0x64(u, true);
          buf += ')';
        } else if (u == 0) {
          pad_string("<nil>");
        } else {
          fmt_0x64(u, !f_.sharp);
        }
        break;
      case 'p': fmt_0x64(u, !f_.sharp); break;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X': fmt_integer(u, false, verb); break;
      default: bad_verb(verb);
    }
  }

  // Stringer and GoStringer: time.Time, time.Duration, time.Month, time.Weekday and pointers to them.
  bool handle_methods(char32_t verb) {
    if (erroring_) return false;
    if (verb == 'w') {
      bad_verb(verb);  // Sprintf wraps no errors
      return true;
    }
    const Value& arg = arg_;
    if (f_.sharp_v) {
      if (arg.type == Type::time || arg.type == Type::time_ptr) {
        fmt_s(go_string(arg.as_time()));
        return true;
      }
      return false;
    }
    if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q') return false;
    switch (arg.type) {
      case Type::time:
      case Type::time_ptr: fmt_string(time_string(arg.as_time()), verb); return true;
      case Type::duration:
      case Type::duration_ptr: fmt_string(duration_string(arg.as_int()), verb); return true;
      case Type::month: fmt_string(month_string(arg.as_int()), verb); return true;
      case Type::weekday: fmt_string(weekday_string(arg.as_int()), verb); return true;
      default: return false;
    }
  }

  void print_value(const Value& value, char32_t verb, int depth) {
    if (depth > 0 && value.valid() && !value.boxed) {
      arg_ = value;
      if (handle_methods(verb)) return;
    }
    arg_ = Value{};
    value_ = value;
    if (value.boxed) {
      if (!value.valid()) {
        buf += f_.sharp_v ? "interface {}(nil)" : "<nil>";
      } else {
        print_value(unbox(value), verb, depth + 1);
      }
      return;
    }
    switch (value.kind()) {
      case Kind::invalid:
        if (depth == 0) buf += "<invalid reflect.Value>";
        else if (verb == 'v') buf += "<nil>";
        else bad_verb(verb);
        return;
      case Kind::bool_: fmt_bool(value.as_bool(), verb); return;
      case Kind::int_: fmt_integer(static_cast<std::uint64_t>(value.as_int()), true, verb); return;
      case Kind::uint_: fmt_integer(value.as_uint(), false, verb); return;
      case Kind::float_: fmt_float(value.as_float(), verb); return;
      case Kind::complex_: fmt_complex(value.as_complex(), verb); return;
      case Kind::string: fmt_string(value.as_string(), verb); return;
      case Kind::map: print_map(value, verb, depth); return;
      case Kind::struct_: print_struct(value, verb, depth); return;
      case Kind::slice: print_slice(value, verb, depth); return;
      case Kind::pointer:
        if (depth == 0 && !is_nil(value) && (value.type == Type::sample_ptr || value.type == Type::time_ptr)) {
          buf += '&';
          print_value(deref(value), verb, depth + 1);
          return;
        }
        fmt_pointer(value, verb);
        return;
      case Kind::interface_: return;
    }
  }

  void print_map(const Value& value, char32_t verb, int depth) {
    if (f_.sharp_v) {
      buf += type_name(value.type);
      if (is_nil(value)) {
        buf += "(nil)";
        return;
      }
      buf += '{';
    } else {
      buf += "map[";
    }
    bool first = true;
    const auto separator = [&]() {
      if (!first) buf += f_.sharp_v ? ", " : " ";
      first = false;
    };
    if (value.type == Type::string_map && value.as_string_map()) {
      for (const auto& [k, v] : *value.as_string_map()) {
        separator();
        print_value(Value::of_string(k), verb, depth + 1);
        buf += ':';
        print_value(Value::of_string(v), verb, depth + 1);
      }
    } else if (value.type == Type::any_map && value.as_any_map()) {
      for (const auto& [k, v] : *value.as_any_map()) {
        separator();
        print_value(Value::of_string(k), verb, depth + 1);
        buf += ':';
        print_value(v, verb, depth + 1);
      }
    }
    buf += f_.sharp_v ? '}' : ']';
  }

  void print_struct(const Value& value, char32_t verb, int depth) {
    if (f_.sharp_v) buf += type_name(value.type);
    buf += '{';
    const std::vector<Field> fields = struct_fields(value);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) buf += f_.sharp_v ? ", " : " ";
      if (f_.plus_v || f_.sharp_v) {
        buf += fields[i].name;
        buf += ':';
      }
      if (value.type == Type::time && fields[i].name == "loc") {
        // A nil *time.Location.
        if (f_.sharp_v) buf += "(*time.Location)(nil)";
        else if (verb == 'v') buf += "<nil>";
        else if (verb == 'b' || verb == 'o' || verb == 'd' || verb == 'x' || verb == 'X') fmt_integer(0, false, verb);
        else bad_verb(verb);
        continue;
      }
      print_value(fields[i].value, verb, depth + 1);
    }
    buf += '}';
  }

  void print_slice(const Value& value, char32_t verb, int depth) {
    const SampleSlice& samples = value.as_samples();
    if (f_.sharp_v) {
      buf += type_name(value.type);
      if (samples.items == nullptr) {
        buf += "(nil)";
        return;
      }
      buf += '{';
      for (std::size_t i = 0; i < samples.size(); ++i) {
        if (i > 0) buf += ", ";
        print_value(Value::of_sample(samples[i]), verb, depth + 1);
      }
      buf += '}';
      return;
    }
    buf += '[';
    for (std::size_t i = 0; samples.items != nullptr && i < samples.size(); ++i) {
      if (i > 0) buf += ' ';
      print_value(Value::of_sample(samples[i]), verb, depth + 1);
    }
    buf += ']';
  }

  // ---- Sprintf's argument numbers, widths and precisions ----

  static bool parse_num(std::string_view s, std::size_t& i, int& num) {
    num = 0;
    bool is_num = false;
    const std::size_t start = i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (num > 1000000 || num < -1000000) {  // Go's tooLarge: a crazy long number
        num = 0;
        i = s.size();
        return false;
      }
      num = num * 10 + (s[i] - '0');
      is_num = true;
    }
    (void)start;
    return is_num;
  }

  static bool int_from_arg(const std::vector<Value>& args, std::size_t& arg_num, int& num) {
    num = 0;
    bool is_int = false;
    if (arg_num < args.size()) {
      const Value& a = args[arg_num];
      if (a.valid() && kind_of(a.type) == Kind::int_) {
        const std::int64_t n = a.as_int();
        is_int = true;
        if (n > 1000000 || n < -1000000) {
          is_int = false;
        } else {
          num = static_cast<int>(n);
        }
      } else if (a.valid() && kind_of(a.type) == Kind::uint_) {
        const std::uint64_t n = a.as_uint();
        is_int = n <= 1000000;
        if (is_int) num = static_cast<int>(n);
      }
      ++arg_num;
    }
    return is_int;
  }

  // "[n]": an explicit argument index.
  std::size_t arg_number(std::size_t arg_num, std::string_view format, std::size_t& i, std::size_t num_args,
                         bool& found) {
    found = false;
    if (i >= format.size() || format[i] != '[') return arg_num;
    reordered_ = true;
    // parseArgNumber
    std::size_t consumed = 1;
    bool ok = false;
    int index = 0;
    if (format.size() - i >= 3) {
      for (std::size_t j = i + 1; j < format.size(); ++j) {
        if (format[j] == ']') {
          std::size_t k = i + 1;
          int width = 0;
          const bool is_num = parse_num(format.substr(0, j), k, width);
          consumed = j - i + 1;
          if (is_num && k == j) {
            ok = true;
            index = width - 1;
          }
          break;
        }
      }
    }
    i += consumed;
    if (ok && index >= 0 && static_cast<std::size_t>(index) < num_args) {
      found = true;
      return static_cast<std::size_t>(index);
    }
    good_arg_num_ = false;
    found = ok;
    return arg_num;
  }
};

}  // namespace

std::string format_float(double v, char format, int precision) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  const bool negative = std::signbit(v);
  if (format == 'b' || format == 'x' || format == 'X') {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    int exp = static_cast<int>((bits >> 52) & 0x7FF);
    std::uint64_t mant = bits & ((std::uint64_t{1} << 52) - 1);
    if (exp == 0) ++exp;
    else mant |= std::uint64_t{1} << 52;
    exp -= 1023;
    if (format == 'b') return format_binary(negative, mant, exp);
    return format_hex(negative, mant, exp, precision, format);
  }
  const double a = std::fabs(v);
  const bool shortest = precision < 0;
  // The shortest forms are what the PromQL package already prints; reuse them.
  if (shortest && format == 'g') return promql::go::format_float_v(v);
  if (shortest && format == 'f') return promql::go::format_float(v);
  char buf[1100];
  Digits digits;
  int prec = precision;
  if (shortest) {
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
    digits = parse_scientific(std::string_view(buf, static_cast<std::size_t>(end - buf)));
    const int nd = static_cast<int>(digits.d.size());
    if (format == 'e' || format == 'E') prec = std::max(nd - 1, 0);
    else prec = nd;  // 'g', 'G'
  } else if (format == 'f') {
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::fixed, std::min(prec, 1074));
    digits = parse_fixed(std::string_view(buf, static_cast<std::size_t>(end - buf)));
  } else {
    int count = prec;
    if (format == 'e' || format == 'E') {
      ++count;
    } else {
      if (prec == 0) prec = 1;
      count = prec;
    }
    const auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific, std::min(count - 1, 1074));
    digits = parse_scientific(std::string_view(buf, static_cast<std::size_t>(end - buf)));
  }
  std::string out;
  const int nd = static_cast<int>(digits.d.size());
  switch (format) {
    case 'e':
    case 'E': append_e(out, negative, digits, prec, format); break;
    case 'f': append_f(out, negative, digits, prec); break;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > nd && nd >= digits.dp) eprec = nd;
      if (shortest) eprec = 6;
      const int exp = digits.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        append_e(out, negative, digits, prec - 1, format == 'g' ? 'e' : 'E');
        break;
      }
      if (prec > digits.dp) prec = nd;
      append_f(out, negative, digits, std::max(prec - digits.dp, 0));
      break;
    }
    default: out = "%"; out += format;
  }
  return out;
}

std::string sprint(std::span<const Value> args) {
  Printer p;
  p.do_print(args);
  return std::move(p.buf);
}

std::string sprintln(std::span<const Value> args) {
  Printer p;
  p.do_println(args);
  return std::move(p.buf);
}

std::string sprintf(std::string_view format, std::span<const Value> args) {
  Printer p;
  p.do_printf(format, args);
  return std::move(p.buf);
}

std::string sprint_value(const Value& v) {
  Printer p;
  p.print_arg(unbox(v), 'v');
  return std::move(p.buf);
}

bool can_backquote(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = unicode::decode(s, i);
    if (decoded.width == 1 && decoded.rune == unicode::replacement_char) return false;
    const char32_t r = decoded.rune;
    if (r == '`' || r == 0xFEFF) return false;
    if (decoded.width == 1 && (r < ' ' && r != '\t')) return false;
    if (r == 0x7F) return false;
    i += decoded.width;
  }
  return true;
}

std::string quote_to_ascii(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = unicode::decode(s, i);
    const char32_t r = decoded.rune;
    if (decoded.width == 1 && r == unicode::replacement_char) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      i += 1;
      continue;
    }
    i += decoded.width;
    if (r < 0x80) {
      // ASCII: exactly as strconv.Quote writes it.
      const std::string quoted = mlmon::go::quote(std::string_view(s.data() + i - decoded.width, decoded.width));
      out += std::string_view(quoted).substr(1, quoted.size() - 2);
    } else if (r < 0x10000) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(r));
    } else {
      out += fmt::format("\\U{:08x}", static_cast<std::uint32_t>(r));
    }
  }
  out += '"';
  return out;
}

}  // namespace mlmon::gotemplate::go
