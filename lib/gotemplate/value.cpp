#include "gotemplate/value.hpp"

#include <utility>

namespace mlmon::gotemplate {

Kind kind_of(Type type) {
  switch (type) {
    case Type::invalid: return Kind::invalid;
    case Type::any: return Kind::interface_;
    case Type::reflect_value: return Kind::struct_;
    case Type::bool_: return Kind::bool_;
    case Type::int_:
    case Type::int64:
    case Type::duration:
    case Type::month:
    case Type::weekday: return Kind::int_;
    case Type::uint8:
    case Type::uint64: return Kind::uint_;
    case Type::float64: return Kind::float_;
    case Type::complex128: return Kind::complex_;
    case Type::string:
    case Type::html: return Kind::string;
    case Type::string_map:
    case Type::any_map: return Kind::map;
    case Type::alert_data:
    case Type::sample:
    case Type::time: return Kind::struct_;
    case Type::sample_ptr:
    case Type::time_ptr:
    case Type::duration_ptr: return Kind::pointer;
    case Type::query_result: return Kind::slice;
  }
  return Kind::invalid;
}

std::string_view type_name(Type type) {
  switch (type) {
    case Type::invalid: return "<nil>";
    case Type::any: return "interface {}";
    case Type::reflect_value: return "reflect.Value";
    case Type::bool_: return "bool";
    case Type::int_: return "int";
    case Type::int64: return "int64";
    case Type::uint8: return "uint8";
    case Type::uint64: return "uint64";
    case Type::float64: return "float64";
    case Type::complex128: return "complex128";
    case Type::string: return "string";
    case Type::html: return "template.HTML";
    case Type::string_map: return "map[string]string";
    case Type::any_map: return "map[string]interface {}";
    case Type::alert_data:
      return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface "
             "{} }";
    case Type::sample: return "template.sample";
    case Type::sample_ptr: return "*template.sample";
    case Type::query_result: return "template.queryResult";
    case Type::time: return "time.Time";
    case Type::time_ptr: return "*time.Time";
    case Type::duration: return "time.Duration";
    case Type::duration_ptr: return "*time.Duration";
    case Type::month: return "time.Month";
    case Type::weekday: return "time.Weekday";
  }
  return "<nil>";
}

bool is_pointer(Type type) { return kind_of(type) == Kind::pointer; }

Type pointee(Type type) {
  switch (type) {
    case Type::sample_ptr: return Type::sample;
    case Type::time_ptr: return Type::time;
    case Type::duration_ptr: return Type::duration;
    default: return Type::invalid;
  }
}

Value Value::of_bool(bool b) { return Value{Type::bool_, false, b}; }
Value Value::of_int(std::int64_t i, Type type) {
  if (type == Type::duration_ptr) return Value{type, false, std::make_shared<const std::int64_t>(i)};
  return Value{type, false, i};
}
Value Value::of_uint(std::uint64_t u, Type type) { return Value{type, false, u}; }
Value Value::of_float(double f) { return Value{Type::float64, false, f}; }
Value Value::of_complex(std::complex<double> c) { return Value{Type::complex128, false, c}; }
Value Value::of_string(std::string s, Type type) { return Value{type, false, std::move(s)}; }
Value Value::of_string_map(std::shared_ptr<StringMap> map) { return Value{Type::string_map, false, std::move(map)}; }
Value Value::of_any_map(std::shared_ptr<AnyMap> map) { return Value{Type::any_map, false, std::move(map)}; }
Value Value::of_sample(SamplePtr sample, Type type) { return Value{type, false, std::move(sample)}; }
Value Value::of_samples(SampleSlice samples) { return Value{Type::query_result, false, std::move(samples)}; }
Value Value::of_time(go::Time t, Type type) {
  if (type == Type::time_ptr) return Value{type, false, std::make_shared<const go::Time>(t)};
  return Value{type, false, t};
}

const void* Value::pointer() const {
  switch (type) {
    case Type::sample_ptr: return as_sample().get();
    case Type::time_ptr: return std::get<std::shared_ptr<const go::Time>>(data).get();
    case Type::duration_ptr: return std::get<std::shared_ptr<const std::int64_t>>(data).get();
    default: return nullptr;
  }
}

Value Value::nil_of(Type type) {
  switch (type) {
    case Type::any: return Value{Type::invalid, true, {}};
    case Type::string_map: return of_string_map(nullptr);
    case Type::any_map: return of_any_map(nullptr);
    case Type::sample_ptr: return of_sample(nullptr);
    case Type::query_result: return of_samples({});
    default: return Value{};  // reflect.Value and types without nil: no value
  }
}

Value Value::boxed_copy() const {
  Value v = *this;
  v.boxed = true;
  return v;
}

Value unbox(const Value& v) {
  if (!v.boxed) return v;
  Value inner = v;
  inner.boxed = false;
  return inner;  // a nil interface becomes the invalid value
}

bool is_nil(const Value& v) {
  if (v.boxed) return !v.valid();
  switch (v.type) {
    case Type::string_map: return v.as_string_map() == nullptr;
    case Type::any_map: return v.as_any_map() == nullptr;
    case Type::sample_ptr: return v.as_sample() == nullptr;
    case Type::query_result: return v.as_samples().items == nullptr;
    default: return false;
  }
}

Indirect indirect(const Value& v) {
  Value current = v;
  for (;;) {
    if (current.kind() != Kind::pointer && current.kind() != Kind::interface_) return {current, false};
    if (is_nil(current)) return {current, true};
    current = current.boxed ? unbox(current) : deref(current);
  }
}

Value deref(const Value& v) {
  switch (v.type) {
    case Type::sample_ptr: return Value::of_sample(v.as_sample(), Type::sample);
    case Type::time_ptr: return Value::of_time(v.as_time());
    case Type::duration_ptr: return Value::of_int(v.as_int(), Type::duration);
    default: return v;
  }
}

std::optional<bool> truth(const Value& v) {
  if (!v.valid()) return false;
  switch (v.kind()) {
    case Kind::map:
    case Kind::slice:
    case Kind::string: return length(v) > 0;
    case Kind::bool_: return v.as_bool();
    case Kind::complex_: return v.as_complex() != std::complex<double>{};
    case Kind::pointer:
    case Kind::interface_: return !is_nil(v);
    case Kind::int_: return v.as_int() != 0;
    case Kind::uint_: return v.as_uint() != 0;
    case Kind::float_: return v.as_float() != 0;
    case Kind::struct_: return true;
    case Kind::invalid: return false;
  }
  return std::nullopt;
}

std::size_t length(const Value& v) {
  switch (v.type) {
    case Type::string:
    case Type::html: return v.as_string().size();
    case Type::string_map: return v.as_string_map() ? v.as_string_map()->size() : 0;
    case Type::any_map: return v.as_any_map() ? v.as_any_map()->size() : 0;
    case Type::query_result: return v.as_samples().items ? v.as_samples().size() : 0;
    default: return 0;
  }
}

}  // namespace mlmon::gotemplate
