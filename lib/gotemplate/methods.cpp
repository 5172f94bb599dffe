// Methods a template can call on Go values: time.Time (from toTime), time.Duration (from
// toDuration), time.Month and time.Weekday, with Go's signatures.
#include <algorithm>
#include <array>
#include <limits>

#include "gotemplate/callable.hpp"

namespace mlmon::gotemplate {

namespace {

using enum Type;

constexpr std::int64_t unix_to_zero_time = -62135596800;  // Unix seconds of January 1, year 1

const go::Time& t(const CallContext& c) { return c.receiver.as_time(); }
std::int64_t d(const CallContext& c) { return c.receiver.as_int(); }
Value time_value(go::Time time) { return Value::of_time(time); }
Value int64_value(std::int64_t i) { return Value::of_int(i, int64); }

CallResult time_add(const CallContext& c, std::span<const Value> a) { return time_value(go::add(t(c), a[0].as_int())); }
CallResult time_add_date(const CallContext& c, std::span<const Value> a) {
  const go::Civil civil = go::civil(t(c));
  return time_value(go::date(civil.year + a[0].as_int(), civil.month + a[1].as_int(), civil.day + a[2].as_int(),
                             civil.hour, civil.minute, civil.second, t(c).nsec));
}
bool before(const go::Time& x, const go::Time& y) { return x.sec < y.sec || (x.sec == y.sec && x.nsec < y.nsec); }
CallResult time_after(const CallContext& c, std::span<const Value> a) {
  return Value::of_bool(before(a[0].as_time(), t(c)));
}
CallResult time_before(const CallContext& c, std::span<const Value> a) {
  return Value::of_bool(before(t(c), a[0].as_time()));
}
CallResult time_equal(const CallContext& c, std::span<const Value> a) { return Value::of_bool(t(c) == a[0].as_time()); }
CallResult time_compare(const CallContext& c, std::span<const Value> a) {
  return Value::of_int(before(t(c), a[0].as_time()) ? -1 : before(a[0].as_time(), t(c)) ? 1 : 0);
}
CallResult time_day(const CallContext& c, std::span<const Value>) { return Value::of_int(go::civil(t(c)).day); }
CallResult time_hour(const CallContext& c, std::span<const Value>) { return Value::of_int(go::civil(t(c)).hour); }
CallResult time_minute(const CallContext& c, std::span<const Value>) { return Value::of_int(go::civil(t(c)).minute); }
CallResult time_second(const CallContext& c, std::span<const Value>) { return Value::of_int(go::civil(t(c)).second); }
CallResult time_nanosecond(const CallContext& c, std::span<const Value>) { return Value::of_int(t(c).nsec); }
CallResult time_year(const CallContext& c, std::span<const Value>) { return Value::of_int(go::civil(t(c)).year); }
CallResult time_year_day(const CallContext& c, std::span<const Value>) { return Value::of_int(go::civil(t(c)).yday); }
CallResult time_month(const CallContext& c, std::span<const Value>) {
  return Value::of_int(go::civil(t(c)).month, month);
}
CallResult time_weekday(const CallContext& c, std::span<const Value>) {
  return Value::of_int(go::civil(t(c)).weekday, weekday);
}
CallResult time_format(const CallContext& c, std::span<const Value> a) {
  return Value::of_string(go::format(t(c), a[0].as_string()));
}
CallResult time_string(const CallContext& c, std::span<const Value>) { return Value::of_string(go::time_string(t(c))); }
CallResult time_go_string(const CallContext& c, std::span<const Value>) {
  return Value::of_string(go::go_string(t(c)));
}
CallResult time_is_zero(const CallContext& c, std::span<const Value>) {
  return Value::of_bool(t(c).sec == unix_to_zero_time && t(c).nsec == 0);
}
CallResult time_round(const CallContext& c, std::span<const Value> a) {
  return time_value(go::round_time(t(c), a[0].as_int()));
}
CallResult time_truncate(const CallContext& c, std::span<const Value> a) {
  return time_value(go::truncate_time(t(c), a[0].as_int()));
}
CallResult time_sub(const CallContext& c, std::span<const Value> a) {
  return Value::of_int(go::sub(t(c), a[0].as_time()), duration);
}
// Times are always in UTC here; Local gives UTC too (Prometheus's toTime returns UTC times).
CallResult time_utc(const CallContext& c, std::span<const Value>) { return time_value(t(c)); }
CallResult time_unix(const CallContext& c, std::span<const Value>) { return int64_value(t(c).sec); }
CallResult time_unix_milli(const CallContext& c, std::span<const Value>) {
  return int64_value(t(c).sec * 1000 + t(c).nsec / 1000000);
}
CallResult time_unix_micro(const CallContext& c, std::span<const Value>) {
  return int64_value(t(c).sec * 1000000 + t(c).nsec / 1000);
}
CallResult time_unix_nano(const CallContext& c, std::span<const Value>) { return int64_value(go::unix_nano(t(c))); }

CallResult unsupported(const CallContext&, std::span<const Value>) {
  return std::unexpected("mlmon does not support this method of time.Time");
}
CallResult bad_results(const CallContext&, std::span<const Value>) { return std::unexpected("unreachable"); }

CallResult duration_abs(const CallContext& c, std::span<const Value>) {
  const std::int64_t v = d(c);
  if (v >= 0) return Value::of_int(v, duration);
  if (v == std::numeric_limits<std::int64_t>::min())
    return Value::of_int(std::numeric_limits<std::int64_t>::max(), duration);
  return Value::of_int(-v, duration);
}
double split_units(std::int64_t v, std::int64_t unit) {
  // As Go's Duration.Seconds() and friends: whole units, then the remainder, to keep precision.
  return static_cast<double>(v / unit) +  // NOLINT(bugprone-integer-division)
         static_cast<double>(v % unit) / static_cast<double>(unit);
}
CallResult duration_hours(const CallContext& c, std::span<const Value>) {
  return Value::of_float(split_units(d(c), 3600 * go::nanos_per_second));
}
CallResult duration_minutes(const CallContext& c, std::span<const Value>) {
  return Value::of_float(split_units(d(c), 60 * go::nanos_per_second));
}
CallResult duration_seconds(const CallContext& c, std::span<const Value>) {
  return Value::of_float(split_units(d(c), go::nanos_per_second));
}
CallResult duration_milliseconds(const CallContext& c, std::span<const Value>) { return int64_value(d(c) / 1000000); }
CallResult duration_microseconds(const CallContext& c, std::span<const Value>) { return int64_value(d(c) / 1000); }
CallResult duration_nanoseconds(const CallContext& c, std::span<const Value>) { return int64_value(d(c)); }
CallResult duration_round(const CallContext& c, std::span<const Value> a) {
  return Value::of_int(go::round_duration(d(c), a[0].as_int()), duration);
}
CallResult duration_truncate(const CallContext& c, std::span<const Value> a) {
  return Value::of_int(go::truncate_duration(d(c), a[0].as_int()), duration);
}
CallResult duration_string(const CallContext& c, std::span<const Value>) {
  return Value::of_string(go::duration_string(d(c)));
}
CallResult month_string(const CallContext& c, std::span<const Value>) {
  return Value::of_string(go::month_string(d(c)));
}
CallResult weekday_string(const CallContext& c, std::span<const Value>) {
  return Value::of_string(go::weekday_string(d(c)));
}

const std::array<Callable, 37> time_methods{{
    {"Add", {duration}, false, time_add, {}},
    {"AddDate", {int_, int_, int_}, false, time_add_date, {}},
    {"After", {time}, false, time_after, {}},
    {"Before", {time}, false, time_before, {}},
    {"Clock", {}, false, bad_results, "function Clock has 3 return values; should be 1 or 2"},
    {"Compare", {time}, false, time_compare, {}},
    {"Date", {}, false, bad_results, "function Date has 3 return values; should be 1 or 2"},
    {"Day", {}, false, time_day, {}},
    {"Equal", {time}, false, time_equal, {}},
    {"Format", {string}, false, time_format, {}},
    {"GoString", {}, false, time_go_string, {}},
    {"Hour", {}, false, time_hour, {}},
    {"ISOWeek",
     {},
     false,
     bad_results,
     "invalid function signature for ISOWeek: second return value should be error; is int"},
    {"IsDST",
     {},
     false,
     [](const CallContext&, std::span<const Value>) -> CallResult { return Value::of_bool(false); },
     {}},
    {"IsZero", {}, false, time_is_zero, {}},
    {"Local", {}, false, time_utc, {}},
    {"Minute", {}, false, time_minute, {}},
    {"Month", {}, false, time_month, {}},
    {"Nanosecond", {}, false, time_nanosecond, {}},
    {"Round", {duration}, false, time_round, {}},
    {"Second", {}, false, time_second, {}},
    {"String", {}, false, time_string, {}},
    {"Sub", {time}, false, time_sub, {}},
    {"Truncate", {duration}, false, time_truncate, {}},
    {"UTC", {}, false, time_utc, {}},
    {"Unix", {}, false, time_unix, {}},
    {"UnixMicro", {}, false, time_unix_micro, {}},
    {"UnixMilli", {}, false, time_unix_milli, {}},
    {"UnixNano", {}, false, time_unix_nano, {}},
    {"Weekday", {}, false, time_weekday, {}},
    {"Year", {}, false, time_year, {}},
    {"YearDay", {}, false, time_year_day, {}},
    {"Zone",
     {},
     false,
     bad_results,
     "invalid function signature for Zone: second return value should be error; is int"},
    {"ZoneBounds",
     {},
     false,
     bad_results,
     "invalid function signature for ZoneBounds: second return value should be error; is time.Time"},
    // Methods with types mlmon does not model (locations, byte slices).
    {"Location", {}, false, unsupported, {}},
    {"MarshalJSON", {}, false, unsupported, {}},
    {"MarshalText", {}, false, unsupported, {}},
}};

const std::array<Callable, 10> duration_methods{{
    {"Abs", {}, false, duration_abs, {}},
    {"Hours", {}, false, duration_hours, {}},
    {"Microseconds", {}, false, duration_microseconds, {}},
    {"Milliseconds", {}, false, duration_milliseconds, {}},
    {"Minutes", {}, false, duration_minutes, {}},
    {"Nanoseconds", {}, false, duration_nanoseconds, {}},
    {"Round", {duration}, false, duration_round, {}},
    {"Seconds", {}, false, duration_seconds, {}},
    {"String", {}, false, duration_string, {}},
    {"Truncate", {duration}, false, duration_truncate, {}},
}};

const Callable month_string_method{"String", {}, false, month_string, {}};
const Callable weekday_string_method{"String", {}, false, weekday_string, {}};

template <std::size_t N>
const Callable* find(const std::array<Callable, N>& methods, std::string_view name) {
  const auto it = std::find_if(methods.begin(), methods.end(), [&](const Callable& m) { return m.name == name; });
  return it == methods.end() ? nullptr : &*it;
}

}  // namespace

const Callable* find_method(Type receiver, std::string_view name) {
  switch (receiver) {
    case time:
    case time_ptr: return find(time_methods, name);
    case duration:
    case duration_ptr: return find(duration_methods, name);
    case month: return name == "String" ? &month_string_method : nullptr;
    case weekday: return name == "String" ? &weekday_string_method : nullptr;
    default: return nullptr;
  }
}

}  // namespace mlmon::gotemplate
