// Prometheus's template functions (template/template.go NewTemplateExpander's FuncMap and
// prometheus/common helpers/templates), with their Go signatures and error texts.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/go_quote.hpp"
#include "gotemplate/callable.hpp"
#include "gotemplate/go_fmt.hpp"
#include "gotemplate/go_regexp_replace.hpp"
#include "gotemplate/go_strconv.hpp"
#include "gotemplate/go_url.hpp"
#include "gotemplate/text_case.hpp"
#include "promql/duration.hpp"

namespace mlmon::gotemplate {

namespace {

using enum Type;

constexpr std::string_view nil_dereference = "runtime error: invalid memory address or nil pointer dereference";

std::unexpected<std::string> error(std::string message) { return std::unexpected(std::move(message)); }

std::string percent_4g(double v) {
  const std::array<Value, 1> args{Value::of_float(v)};
  return go::sprintf("%.4g", args);
}

// ---- queries ----

CallResult call_query(const CallContext& context, std::span<const Value> args) {
  if (context.env.query == nullptr || !*context.env.query) return error("no query engine to run the query");
  Result<std::vector<QuerySample>> result = (*context.env.query)(args[0].as_string());
  if (!result) return error(result.error().message);
  auto items = std::make_shared<std::vector<SamplePtr>>();
  items->reserve(result->size());
  for (QuerySample& sample : *result) {
    auto s = std::make_shared<Sample>();
    s->labels.insert(sample.labels.begin(), sample.labels.end());
    s->value = sample.value;
    items->push_back(std::move(s));
  }
  const std::size_t n = items->size();
  return Value::of_samples(SampleSlice{std::move(items), 0, n, n});
}

CallResult call_first(const CallContext&, std::span<const Value> args) {
  const SampleSlice& v = args[0].as_samples();
  if (v.items == nullptr || v.size() == 0) return error("first() called on vector with no elements");
  return Value::of_sample(v[0]);
}

CallResult call_label(const CallContext&, std::span<const Value> args) {
  const SamplePtr& s = args[1].as_sample();
  if (s == nullptr) return error(std::string(nil_dereference));
  const auto it = s->labels.find(args[0].as_string());
  return Value::of_string(it == s->labels.end() ? std::string() : it->second);
}

CallResult call_value(const CallContext&, std::span<const Value> args) {
  const SamplePtr& s = args[0].as_sample();
  if (s == nullptr) return error(std::string(nil_dereference));
  return Value::of_float(s->value).boxed_copy();  // returns interface {}
}

CallResult call_strvalue(const CallContext&, std::span<const Value> args) {
  const SamplePtr& s = args[0].as_sample();
  if (s == nullptr) return error(std::string(nil_dereference));
  const auto it = s->labels.find("__value__");
  return Value::of_string(it == s->labels.end() ? std::string() : it->second);
}

CallResult call_sort_by_label(const CallContext&, std::span<const Value> args) {
  const std::string& label = args[0].as_string();
  const SampleSlice& v = args[1].as_samples();
  if (v.items != nullptr) {
    // Sorts the shared backing array in place, as sort.Stable does on the slice.
    const auto key = [&label](const SamplePtr& s) -> std::string_view {
      const auto it = s->labels.find(label);
      return it == s->labels.end() ? std::string_view() : std::string_view(it->second);
    };
    std::stable_sort(v.items->begin() + static_cast<std::ptrdiff_t>(v.begin),
                     v.items->begin() + static_cast<std::ptrdiff_t>(v.end),
                     [&key](const SamplePtr& a, const SamplePtr& b) { return key(a) < key(b); });
  }
  return args[1];
}

// Maps made by args may nest (in a loop, without limit in Go); mlmon bounds the depth so that
// printing and freeing them cannot exhaust the stack.
constexpr std::uint16_t max_value_depth = 1000;

CallResult call_args(const CallContext&, std::span<const Value> args) {
  auto map = std::make_shared<AnyMap>();
  std::uint16_t depth = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    depth = std::max(depth, args[i].depth);
    map->emplace(fmt::format("arg{}", i), unbox(args[i]).boxed_copy());
  }
  if (depth >= max_value_depth)
    return error(fmt::format("mlmon does not nest values deeper than {} levels", max_value_depth));
  Value result = Value::of_any_map(std::move(map));
  result.depth = static_cast<std::uint16_t>(depth + 1);
  return result;
}

// ---- strings ----

CallResult call_re_replace_all(const CallContext&, std::span<const Value> args) {
  const std::string& pattern = args[0].as_string();
  auto compiled = go::compile_regexp(pattern);
  if (const auto* message = std::get_if<std::string>(&compiled)) {
    // regexp.MustCompile panics; text/template reports the panic's text.
    const std::string quoted = go::can_backquote(pattern) ? "`" + pattern + "`" : mlmon::go::quote(pattern);
    return error(fmt::format("regexp: Compile({}): {}", quoted, *message));
  }
  const auto& re = std::get<std::shared_ptr<const re2::RE2>>(compiled);
  return Value::of_string(go::replace_all_string(*re, args[2].as_string(), args[1].as_string()));
}

CallResult call_match(const CallContext&, std::span<const Value> args) {
  auto compiled = go::compile_regexp(args[0].as_string());
  if (const auto* message = std::get_if<std::string>(&compiled)) return error(*message);
  return Value::of_bool(go::match_string(*std::get<std::shared_ptr<const re2::RE2>>(compiled), args[1].as_string()));
}

CallResult call_safe_html(const CallContext&, std::span<const Value> args) {
  return Value::of_string(args[0].as_string(), html);
}
CallResult call_title(const CallContext&, std::span<const Value> args) {
  return Value::of_string(to_title(args[0].as_string()));
}
CallResult call_to_upper(const CallContext&, std::span<const Value> args) {
  return Value::of_string(to_upper(args[0].as_string()));
}
CallResult call_to_lower(const CallContext&, std::span<const Value> args) {
  return Value::of_string(to_lower(args[0].as_string()));
}

CallResult call_graph_link(const CallContext&, std::span<const Value> args) {
  return Value::of_string(fmt::format("/graph?g0.expr={}&g0.tab=0", go::query_escape(args[0].as_string())));
}
CallResult call_table_link(const CallContext&, std::span<const Value> args) {
  return Value::of_string(fmt::format("/graph?g0.expr={}&g0.tab=1", go::query_escape(args[0].as_string())));
}
CallResult call_url_query_escape(const CallContext&, std::span<const Value> args) {
  return Value::of_string(go::query_escape(args[0].as_string()));
}

CallResult call_strip_port(const CallContext&, std::span<const Value> args) {
  const std::string& host_port = args[0].as_string();
  if (auto split = go::split_host_port(host_port)) return Value::of_string(std::move(split->host));
  return Value::of_string(host_port);
}

CallResult call_strip_domain(const CallContext&, std::span<const Value> args) {
  const std::string& host_port = args[0].as_string();
  std::string host = host_port;
  std::string port;
  if (auto split = go::split_host_port(host_port)) {
    host = std::move(split->host);
    port = std::move(split->port);
  }
  if (go::is_ip(host)) return Value::of_string(host_port);
  host = host.substr(0, host.find('.'));
  if (!port.empty()) return Value::of_string(go::join_host_port(host, port));
  return Value::of_string(host);
}

// ---- numbers, durations and times ----

// common/helpers/templates.ConvertToFloat.
std::expected<double, std::string> convert_to_float(const Value& raw) {
  const Value v = unbox(raw);
  switch (v.type) {
    case float64: return v.as_float();
    case string: {
      auto parsed = go::parse_float64(v.as_string());
      if (const auto* message = std::get_if<std::string>(&parsed)) return std::unexpected(*message);
      return std::get<double>(parsed);
    }
    case int_:
    case int64: return static_cast<double>(v.as_int());
    case uint64: return static_cast<double>(v.as_uint());
    case duration: {
      const std::int64_t d = v.as_int();
      // time.Duration.Seconds(): whole seconds, then the remainder, to keep precision.
      return static_cast<double>(d / go::nanos_per_second) +  // NOLINT(bugprone-integer-division)
             static_cast<double>(d % go::nanos_per_second) / 1e9;
    }
    default: return std::unexpected(fmt::format("can't convert {} to float", type_name(v.type)));
  }
}

CallResult call_humanize(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  double v = *converted;
  if (v == 0 || std::isnan(v) || std::isinf(v)) return Value::of_string(percent_4g(v));
  std::string_view prefix;
  if (std::fabs(v) >= 1) {
    for (std::string_view p : {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
      if (std::fabs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
  } else {
    for (std::string_view p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
      if (std::fabs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
  }
  return Value::of_string(percent_4g(v) + std::string(prefix));
}

CallResult call_humanize_1024(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  double v = *converted;
  if (std::fabs(v) <= 1 || std::isnan(v) || std::isinf(v)) return Value::of_string(percent_4g(v));
  std::string_view prefix;
  for (std::string_view p : {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}) {
    if (std::fabs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return Value::of_string(percent_4g(v) + std::string(prefix));
}

CallResult call_humanize_duration(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  double v = *converted;
  if (std::isnan(v) || std::isinf(v)) return Value::of_string(percent_4g(v));
  if (v == 0) return Value::of_string(percent_4g(v) + "s");
  if (std::fabs(v) >= 1) {
    std::string sign;
    if (v < 0) {
      sign = "-";
      v = -v;
    }
    // int64(v), which Go's amd64 code makes the minimum int64 when v is too large.
    const std::int64_t duration =
        v < 9223372036854775808.0 ? static_cast<std::int64_t>(v) : std::numeric_limits<std::int64_t>::min();
    const std::int64_t seconds = duration % 60;
    const std::int64_t minutes = (duration / 60) % 60;
    const std::int64_t hours = (duration / 60 / 60) % 24;
    const std::int64_t days = duration / 60 / 60 / 24;
    if (days != 0) return Value::of_string(fmt::format("{}{}d {}h {}m {}s", sign, days, hours, minutes, seconds));
    if (hours != 0) return Value::of_string(fmt::format("{}{}h {}m {}s", sign, hours, minutes, seconds));
    if (minutes != 0) return Value::of_string(fmt::format("{}{}m {}s", sign, minutes, seconds));
    return Value::of_string(sign + percent_4g(v) + "s");
  }
  std::string_view prefix;
  for (std::string_view p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
    if (std::fabs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return Value::of_string(percent_4g(v) + std::string(prefix) + "s");
}

CallResult call_humanize_percentage(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  return Value::of_string(percent_4g(*converted * 100) + "%");
}

// floatToTime: seconds to a time with millisecond precision (via model.Time), in UTC.
std::expected<go::Time, std::string> float_to_time(double v, bool* nan_or_inf) {
  if (std::isnan(v) || std::isinf(v)) {
    *nan_or_inf = true;
    return std::unexpected("value is NaN or Inf");
  }
  const double timestamp = v * 1e9;
  if (timestamp > 9223372036854775807.0 || timestamp < -9223372036854775808.0) {
    const std::array<Value, 1> a{Value::of_float(v)};
    return std::unexpected(
        go::sprintf("%v cannot be represented as a nanoseconds timestamp since it overflows int64", a));
  }
  const std::int64_t nanos = timestamp >= 9223372036854775807.0 ? std::numeric_limits<std::int64_t>::min()
                                                                : static_cast<std::int64_t>(timestamp);
  const std::int64_t ms = nanos / 1000000;
  return go::unix_time(ms / 1000, (ms % 1000) * 1000000);
}

CallResult call_humanize_timestamp(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  bool nan_or_inf = false;
  auto t = float_to_time(*converted, &nan_or_inf);
  if (nan_or_inf) return Value::of_string(percent_4g(*converted));
  if (!t) return error(t.error());
  return Value::of_string(go::time_string(*t));
}

CallResult call_to_time(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  bool nan_or_inf = false;
  auto t = float_to_time(*converted, &nan_or_inf);
  if (!t) return error(t.error());
  return Value::of_time(*t, time_ptr);
}

CallResult call_to_duration(const CallContext&, std::span<const Value> args) {
  auto converted = convert_to_float(args[0]);
  if (!converted) return error(converted.error());
  // time.Duration(v * 1e9): out of range (and NaN) become the minimum int64 on amd64.
  const double ns = *converted * 1e9;
  const std::int64_t d = (ns >= -9223372036854775808.0 && ns < 9223372036854775808.0)
                             ? static_cast<std::int64_t>(ns)
                             : std::numeric_limits<std::int64_t>::min();
  return Value::of_int(d, duration_ptr);
}

CallResult call_now(const CallContext& context, std::span<const Value>) {
  return Value::of_float(static_cast<double>(context.env.eval_time_ms) / 1000.0);
}

CallResult call_path_prefix(const CallContext& context, std::span<const Value>) {
  if (context.env.external_url == nullptr || !context.env.external_url->has_value())
    return error(std::string(nil_dereference));
  return Value::of_string(go::url_path(**context.env.external_url));
}

CallResult call_external_url(const CallContext& context, std::span<const Value>) {
  if (context.env.external_url == nullptr || !context.env.external_url->has_value())
    return error(std::string(nil_dereference));
  return Value::of_string(**context.env.external_url);
}

CallResult call_parse_duration(const CallContext&, std::span<const Value> args) {
  std::string_view text = args[0].as_string();
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  const auto ns = promql::parse_duration_ns(text);
  if (!ns) return error(ns.error().message);
  const std::int64_t d = negative ? -*ns : *ns;
  return Value::of_float(static_cast<double>(d) / 1e9);
}

const std::array<Callable, 29> functions{{
    {"query", {string}, false, call_query, {}},
    {"first", {query_result}, false, call_first, {}},
    {"label", {string, sample_ptr}, false, call_label, {}},
    {"value", {sample_ptr}, false, call_value, {}},
    {"strvalue", {sample_ptr}, false, call_strvalue, {}},
    {"args", {any}, true, call_args, {}},
    {"reReplaceAll", {string, string, string}, false, call_re_replace_all, {}},
    {"safeHtml", {string}, false, call_safe_html, {}},
    {"match", {string, string}, false, call_match, {}},
    {"title", {string}, false, call_title, {}},
    {"toUpper", {string}, false, call_to_upper, {}},
    {"toLower", {string}, false, call_to_lower, {}},
    {"graphLink", {string}, false, call_graph_link, {}},
    {"tableLink", {string}, false, call_table_link, {}},
    {"sortByLabel", {string, query_result}, false, call_sort_by_label, {}},
    {"stripPort", {string}, false, call_strip_port, {}},
    {"stripDomain", {string}, false, call_strip_domain, {}},
    {"humanize", {any}, false, call_humanize, {}},
    {"humanize1024", {any}, false, call_humanize_1024, {}},
    {"humanizeDuration", {any}, false, call_humanize_duration, {}},
    {"humanizePercentage", {any}, false, call_humanize_percentage, {}},
    {"humanizeTimestamp", {any}, false, call_humanize_timestamp, {}},
    {"toTime", {any}, false, call_to_time, {}},
    {"toDuration", {any}, false, call_to_duration, {}},
    {"now", {}, false, call_now, {}},
    {"pathPrefix", {}, false, call_path_prefix, {}},
    {"externalURL", {}, false, call_external_url, {}},
    {"parseDuration", {string}, false, call_parse_duration, {}},
    {"urlQueryEscape", {string}, false, call_url_query_escape, {}},
}};

}  // namespace

const Callable* find_prometheus_function(std::string_view name) {
  const auto it = std::find_if(functions.begin(), functions.end(), [&](const Callable& c) { return c.name == name; });
  return it == functions.end() ? nullptr : &*it;
}

}  // namespace mlmon::gotemplate
