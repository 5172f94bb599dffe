#pragma once
// Go values as text/template sees them through reflect, for the types Prometheus's alert templates
// can produce: basic types, the alert data struct, query results (template.sample), time.Time and
// time.Duration from toTime/toDuration, html/template.HTML from safeHtml. Type names are Go's,
// because execution errors print them ("can't evaluate field X in type *template.sample").
#include <complex>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gotemplate/go_time.hpp"

namespace mlmon::gotemplate {

enum class Type : std::uint8_t {
  invalid,        // the zero reflect.Value: no value at all
  any,            // interface {}: a parameter type, and the static type of boxed values
  reflect_value,  // reflect.Value: a parameter type of Go's builtins, which take values as they are
  bool_,
  int_,
  int64,
  uint8,
  uint64,
  float64,
  complex128,
  string,
  html,          // html/template.HTML
  string_map,    // map[string]string
  any_map,       // map[string]interface {}
  alert_data,    // the struct Prometheus passes as dot to alert templates
  sample,        // template.sample
  sample_ptr,    // *template.sample
  query_result,  // template.queryResult ([]*sample)
  time,          // time.Time
  time_ptr,      // *time.Time
  duration,      // time.Duration
  duration_ptr,  // *time.Duration
  month,         // time.Month
  weekday,       // time.Weekday
};

// reflect.Kind, as far as these types go.
enum class Kind : std::uint8_t {
  invalid,
  bool_,
  int_,
  uint_,
  float_,
  complex_,
  string,
  map,
  struct_,
  pointer,
  slice,
  interface_
};

Kind kind_of(Type type);
std::string_view type_name(Type type);  // Go's reflect.Type.String()
bool is_pointer(Type type);
Type pointee(Type type);  // the element type of a pointer type

struct Value;
using StringMap = std::map<std::string, std::string, std::less<>>;
using AnyMap = std::map<std::string, Value, std::less<>>;

// Prometheus's template.sample: Labels and Value (an interface {} holding a float64).
struct Sample {
  StringMap labels;
  double value = 0;
};
using SamplePtr = std::shared_ptr<Sample>;

// A queryResult slice: shares its backing array like a Go slice (sortByLabel sorts in place).
struct SampleSlice {
  std::shared_ptr<std::vector<SamplePtr>> items;  // null: a nil slice
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t cap = 0;  // end of the capacity, an index into *items like begin and end
  std::size_t size() const { return end - begin; }
  const SamplePtr& operator[](std::size_t i) const { return (*items)[begin + i]; }
};

// AlertTemplateData's struct: Labels, ExternalLabels, ExternalURL, Value (interface {}: float64).
struct AlertValues {
  std::shared_ptr<StringMap> labels;
  std::shared_ptr<StringMap> external_labels;
  std::string external_url;
  double value = 0;
};

struct Value {
  Type type = Type::invalid;
  // The value sits in an interface {} (reflect.Kind Interface): a struct field, map element or
  // result of type interface {}. A boxed invalid value is a nil interface.
  bool boxed = false;
  std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::complex<double>, std::string,
               std::shared_ptr<StringMap>, std::shared_ptr<AnyMap>, std::shared_ptr<const AlertValues>, SamplePtr,
               SampleSlice, go::Time, std::shared_ptr<const go::Time>, std::shared_ptr<const std::int64_t>>
      data;  // pointers (*time.Time, *time.Duration) are shared_ptrs: Go compares them by identity
  // How deeply maps nest inside (`args (args ...)`): printing, comparing and freeing recurse that deep.
  std::uint16_t depth = 0;

  static Value of_bool(bool b);
  static Value of_int(std::int64_t i, Type type = Type::int_);  // int, int64, Duration, Month, Weekday
  static Value of_uint(std::uint64_t u, Type type = Type::uint64);
  static Value of_float(double f);
  static Value of_complex(std::complex<double> c);
  static Value of_string(std::string s, Type type = Type::string);
  static Value of_string_map(std::shared_ptr<StringMap> map);
  static Value of_any_map(std::shared_ptr<AnyMap> map);
  static Value of_sample(SamplePtr sample, Type type = Type::sample_ptr);
  static Value of_samples(SampleSlice samples);
  static Value of_time(go::Time t, Type type = Type::time);
  static Value nil_of(Type type);  // Go's reflect.Zero for a type that can be nil

  bool valid() const { return type != Type::invalid; }
  Kind kind() const { return boxed ? Kind::interface_ : kind_of(type); }
  Type static_type() const { return boxed ? Type::any : type; }
  Value boxed_copy() const;

  bool as_bool() const { return std::get<bool>(data); }
  std::int64_t as_int() const {
    if (const auto* p = std::get_if<std::shared_ptr<const std::int64_t>>(&data)) return **p;
    return std::get<std::int64_t>(data);
  }
  std::uint64_t as_uint() const { return std::get<std::uint64_t>(data); }
  double as_float() const { return std::get<double>(data); }
  std::complex<double> as_complex() const { return std::get<std::complex<double>>(data); }
  const std::string& as_string() const { return std::get<std::string>(data); }
  const std::shared_ptr<StringMap>& as_string_map() const { return std::get<std::shared_ptr<StringMap>>(data); }
  const std::shared_ptr<AnyMap>& as_any_map() const { return std::get<std::shared_ptr<AnyMap>>(data); }
  const AlertValues& as_alert() const { return *std::get<std::shared_ptr<const AlertValues>>(data); }
  const SamplePtr& as_sample() const { return std::get<SamplePtr>(data); }
  const SampleSlice& as_samples() const { return std::get<SampleSlice>(data); }
  const go::Time& as_time() const {
    if (const auto* p = std::get_if<std::shared_ptr<const go::Time>>(&data)) return **p;
    return std::get<go::Time>(data);
  }
  const void* pointer() const;  // what a pointer value points to (its identity); null otherwise
};

// text/template's indirectInterface: the value inside an interface, invalid for a nil interface.
Value unbox(const Value& v);

// reflect's IsNil for kinds that can be nil (false for the rest).
bool is_nil(const Value& v);

// text/template's indirect: through pointers and interfaces to the first non-pointer (or nil).
struct Indirect {
  Value value;
  bool is_nil = false;
};
Indirect indirect(const Value& v);

// Dereferences a non-nil pointer (*sample, *time.Time, *time.Duration).
Value deref(const Value& v);

// text/template's isTrue: nullopt when the value has no truth value.
std::optional<bool> truth(const Value& v);

// Len of strings, maps and slices.
std::size_t length(const Value& v);

}  // namespace mlmon::gotemplate
