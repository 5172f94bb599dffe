#include "gotemplate/exec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "core/go_quote.hpp"
#include "gotemplate/big_stack.hpp"
#include "gotemplate/go_fmt.hpp"

namespace mlmon::gotemplate {

namespace {

// Go's maxExecDepth: how deep {{template}} calls may nest.
constexpr int max_exec_depth = 100000;

// Pipelines nest as deep as their parentheses (10000 at most) and are evaluated recursively; past
// this depth execution moves to a thread with room for it.
constexpr std::size_t shallow_paren_depth = 100;
constexpr std::size_t base_stack_bytes = std::size_t{64} << 20;
constexpr std::size_t stack_bytes_per_paren = std::size_t{24} << 10;

struct ExecFailure {
  std::string message;
};

// What execution is at (Go's s.node), for the position and context of errors.
struct At {
  enum class Kind : std::uint8_t { none, node, command, pipe, item };
  Kind kind = Kind::none;
  const void* ptr = nullptr;
};

At at_node(const Node& n) { return {At::Kind::node, &n}; }
At at_command(const Command& c) { return {At::Kind::command, &c}; }
At at_pipe(const Pipe& p) { return {At::Kind::pipe, &p}; }
At at_item(const Item& i) { return {At::Kind::item, &i}; }

struct Variable {
  std::string_view name;
  Value value;
};

using Args = std::span<const Node* const>;

class Executor {
 public:
  Executor(const Tree& tree, const FunctionEnv& env, const ExecLimits& limits)
      : tree_(tree), env_(env), limits_(limits), name_(tree.name) {}

  std::string run(const Value& data);

 private:
  // ---- errors ----

  [[noreturn]] void errorf(std::string message) {
    std::size_t pos = 0;
    std::string context;
    switch (at_.kind) {
      case At::Kind::none: throw ExecFailure{fmt::format("template: {}: {}", name_, message)};
      case At::Kind::node:
        pos = static_cast<const Node*>(at_.ptr)->pos;
        context = to_string(*static_cast<const Node*>(at_.ptr));
        break;
      case At::Kind::command:
        pos = static_cast<const Command*>(at_.ptr)->pos;
        context = to_string(*static_cast<const Command*>(at_.ptr));
        break;
      case At::Kind::pipe:
        pos = static_cast<const Pipe*>(at_.ptr)->pos;
        context = to_string(*static_cast<const Pipe*>(at_.ptr));
        break;
      case At::Kind::item:
        pos = static_cast<const Item*>(at_.ptr)->pos;
        context = to_string(*static_cast<const Item*>(at_.ptr));
        break;
    }
    // Go's ErrorContext: the line, and the byte offset in that line.
    const std::string_view before = std::string_view(tree_.text).substr(0, pos);
    const std::size_t newline = before.rfind('\n');
    const std::size_t column = newline == std::string_view::npos ? pos : pos - (newline + 1);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    throw ExecFailure{fmt::format("template: {}:{}:{}: executing {} at <{}>: {}", tree_.name, line, column,
                                  mlmon::go::quote(name_), context, message)};
  }

  // ---- variables ----

  const Value& var_value(std::string_view name) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->name == name) return it->value;
    }
    errorf(fmt::format("undefined variable: {}", name));
  }

  void set_var(std::string_view name, Value value) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->name == name) {
        it->value = std::move(value);
        return;
      }
    }
    errorf(fmt::format("undefined variable: {}", name));
  }

  void write(std::string_view text) {
    if (out_.size() + text.size() > limits_.max_output) {
      errorf(fmt::format("the output exceeds mlmon's limit of {} bytes", limits_.max_output));
    }
    out_ += text;
  }

  // ---- pipelines (exec.go's eval functions, recursive: nesting is bounded by the parser) ----

  Value eval_pipeline(const Value& dot, const Pipe* pipe) {
    if (pipe == nullptr) return Value{};
    at_ = at_pipe(*pipe);
    std::optional<Value> value;  // nullopt: Go's missingVal
    for (const Command* cmd : pipe->cmds) {
      value = eval_command(dot, *cmd, value);
      if (value->boxed) *value = unbox(*value);  // an interface {} result: the value inside
    }
    for (const Declaration& decl : pipe->decls) {
      if (pipe->is_assign) set_var(decl.name, *value);
      else vars_.push_back({decl.name, *value});
    }
    return *value;
  }

  void not_a_function(Args args, const std::optional<Value>& final) {
    if (args.size() > 1 || final) errorf(fmt::format("can't give argument to non-function {}", to_string(*args[0])));
  }

  Value eval_command(const Value& dot, const Command& cmd, const std::optional<Value>& final) {
    const Node& first = *cmd.args[0];
    const Args args(cmd.args);
    switch (first.type) {
      case NodeType::field: return eval_field_node(dot, first, args, final);
      case NodeType::chain: return eval_chain_node(dot, first, args, final);
      case NodeType::identifier: return eval_function(dot, first, at_command(cmd), args, final);
      case NodeType::pipe: not_a_function(args, final); return eval_pipeline(dot, first.pipe);
      case NodeType::variable: return eval_variable_node(dot, first, args, final);
      default: break;
    }
    at_ = at_node(first);
    not_a_function(args, final);
    switch (first.type) {
      case NodeType::boolean: return Value::of_bool(first.text == "true");
      case NodeType::dot: return dot;
      case NodeType::nil: errorf("nil is not a command");
      case NodeType::number: return ideal_constant(first);
      case NodeType::string: return Value::of_string(first.value);
      default: errorf(fmt::format("can't evaluate command {}", mlmon::go::quote(to_string(first))));
    }
  }

  // A number constant where no type is expected: the syntax decides.
  Value ideal_constant(const Node& constant) {
    at_ = at_node(constant);
    const NumberConstant& n = constant.number;
    const std::string_view text = constant.text;
    const bool hex_int = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                         text.find_first_of("pP") == std::string_view::npos;
    const bool rune_int = !text.empty() && text[0] == '\'';
    if (n.is_complex) return Value::of_complex(n.complex128);
    if (n.is_float && !hex_int && !rune_int && text.find_first_of(".eEpP") != std::string_view::npos) {
      return Value::of_float(n.float64);
    }
    if (n.is_int) return Value::of_int(n.int64);
    if (n.is_uint) errorf(fmt::format("{} overflows int", text));
    return Value{};
  }

  Value eval_field_node(const Value& dot, const Node& field, Args args, const std::optional<Value>& final) {
    at_ = at_node(field);
    return eval_field_chain(dot, dot, field, field.fields, args, final);
  }

  Value eval_chain_node(const Value& dot, const Node& chain, Args args, const std::optional<Value>& final) {
    at_ = at_node(chain);
    if (chain.base->type == NodeType::nil) {
      errorf(fmt::format("indirection through explicit nil in {}", to_string(chain)));
    }
    const Value pipe = eval_arg(dot, std::nullopt, *chain.base);
    return eval_field_chain(dot, pipe, chain, chain.fields, args, final);
  }

  Value eval_variable_node(const Value& dot, const Node& variable, Args args, const std::optional<Value>& final) {
    at_ = at_node(variable);
    const Value value = var_value(variable.text);
    if (variable.fields.empty()) {
      not_a_function(args, final);
      return value;
    }
    return eval_field_chain(dot, value, variable, variable.fields, args, final);
  }

  Value eval_field_chain(const Value& dot, Value receiver, const Node& node, const std::vector<FieldRef>& fields,
                         Args args, const std::optional<Value>& final) {
    // Fields before the last get no arguments; the last may be a method that takes them.
    for (std::size_t i = 0; i + 1 < fields.size(); ++i) {
      receiver = eval_field(dot, fields[i].name, node, {}, std::nullopt, receiver);
    }
    return eval_field(dot, fields.back().name, node, args, final, receiver);
  }

  Value eval_function(const Value& dot, const Node& node, At cmd, Args args, const std::optional<Value>& final) {
    at_ = at_node(node);
    const std::string_view name = node.text;
    bool builtin = false;
    const Callable* function = find_prometheus_function(name);
    if (function == nullptr) {
      function = find_builtin(name);
      builtin = true;
    }
    if (function == nullptr) errorf(fmt::format("{} is not a defined function", mlmon::go::quote(name)));
    return eval_call(dot, *function, builtin, Value{}, cmd, name, args, final);
  }

  // The fields of Prometheus's structs; nullopt when the struct has no such field.
  static std::optional<Value> struct_field(const Value& s, std::string_view name) {
    if (s.type == Type::alert_data) {
      const AlertValues& a = s.as_alert();
      if (name == "Labels") return Value::of_string_map(a.labels);
      if (name == "ExternalLabels") return Value::of_string_map(a.external_labels);
      if (name == "ExternalURL") return Value::of_string(a.external_url);
      if (name == "Value") return Value::of_float(a.value).boxed_copy();
    } else if (s.type == Type::sample) {
      const SamplePtr& p = s.as_sample();
      if (name == "Labels") return Value::of_string_map(std::shared_ptr<StringMap>(p, &p->labels));
      if (name == "Value") return Value::of_float(p->value).boxed_copy();
    }
    return std::nullopt;
  }

  static bool has_field(Type struct_type, std::string_view name) {
    switch (struct_type) {
      case Type::alert_data:
        return name == "Labels" || name == "ExternalLabels" || name == "ExternalURL" || name == "Value";
      case Type::sample: return name == "Labels" || name == "Value";
      case Type::time: return name == "wall" || name == "ext" || name == "loc";
      default: return false;
    }
  }

  Value eval_field(const Value& dot, std::string_view field_name, const Node& node, Args args,
                   const std::optional<Value>& final, const Value& original) {
    if (!original.valid() && !original.boxed) return Value{};  // missingkey=zero: nil data has no fields
    const Type typ = original.static_type();
    const Indirect ind = indirect(original);
    const Value& receiver = ind.value;
    if (receiver.kind() == Kind::interface_ && ind.is_nil) {
      errorf(fmt::format("nil pointer evaluating {}.{}", type_name(typ), field_name));
    }
    if (!ind.is_nil) {
      if (const Callable* method = find_method(receiver.type, field_name)) {
        return eval_call(dot, *method, false, receiver, at_node(node), field_name, args, final);
      }
    }
    const bool has_args = args.size() > 1 || final;
    switch (receiver.kind()) {
      case Kind::struct_:
        if (has_field(receiver.type, field_name)) {
          if (receiver.type == Type::time) {
            errorf(fmt::format("{} is an unexported field of struct type {}", field_name, type_name(typ)));
          }
          if (has_args) errorf(fmt::format("{} has arguments but cannot be invoked as function", field_name));
          return *struct_field(receiver, field_name);
        }
        break;
      case Kind::map: {
        if (has_args) errorf(fmt::format("{} is not a method but has arguments", field_name));
        if (receiver.type == Type::string_map) {
          const auto& map = receiver.as_string_map();
          if (map) {
            if (const auto it = map->find(field_name); it != map->end()) return Value::of_string(it->second);
          }
          return Value::of_string("");
        }
        const auto& map = receiver.as_any_map();
        if (map) {
          if (const auto it = map->find(field_name); it != map->end()) return it->second;
        }
        return Value::nil_of(Type::any);
      }
      case Kind::pointer:
        // A nil pointer to a struct: "can't evaluate" unless the struct has the field.
        if (has_field(pointee(receiver.type), field_name) || kind_of(pointee(receiver.type)) != Kind::struct_) {
          if (ind.is_nil) errorf(fmt::format("nil pointer evaluating {}.{}", type_name(typ), field_name));
        }
        break;
      default: break;
    }
    errorf(fmt::format("can't evaluate field {} in type {}", field_name, type_name(typ)));
  }

  // reflect.Value.String(), which names the callee of `call` given only by the pipeline.
  static std::string reflect_string(const Value& v) {
    if (!v.valid()) return "<invalid Value>";
    if (!v.boxed && kind_of(v.type) == Kind::string) return v.as_string();
    return fmt::format("<{} Value>", type_name(v.static_type()));
  }

  Value eval_call(const Value& dot, const Callable& fn, bool builtin, const Value& receiver, At node,
                  std::string_view name, Args args, const std::optional<Value>& final) {
    const Args call_args = args.empty() ? args : args.subspan(1);  // args[0] names the function
    const std::size_t num_params = fn.params.size();
    const std::size_t num_in = call_args.size() + (final ? 1 : 0);
    std::size_t num_fixed = call_args.size();
    if (fn.variadic) {
      num_fixed = num_params - 1;
      if (num_in < num_fixed) {
        errorf(fmt::format("wrong number of args for {}: want at least {} got {}", name, num_params - 1,
                           call_args.size()));
      }
    } else if (num_in != num_params) {
      errorf(fmt::format("wrong number of args for {}: want {} got {}", name, num_params, num_in));
    }
    if (!fn.bad_results.empty()) errorf(std::string(fn.bad_results));

    // and/or short-circuit: the first argument that decides, else the last.
    if (builtin && (name == "and" || name == "or")) {
      Value v;
      for (const Node* arg : call_args) {
        v = eval_arg(dot, Type::reflect_value, *arg);
        if (truth(unbox(v)).value_or(false) == (name == "or")) return v;
      }
      if (final) v = validate_type(*final, Type::reflect_value);
      return v;
    }

    std::vector<Value> argv;
    argv.reserve(num_in);
    std::size_t i = 0;
    for (; i < num_fixed && i < call_args.size(); ++i) argv.push_back(eval_arg(dot, fn.params[i], *call_args[i]));
    if (fn.variadic) {
      for (; i < call_args.size(); ++i) argv.push_back(eval_arg(dot, fn.params.back(), *call_args[i]));
    }
    if (final) {
      Type t = fn.params.back();
      if (fn.variadic && num_in - 1 < num_fixed) t = fn.params[num_in - 1];
      argv.push_back(validate_type(*final, t));
    }

    if (builtin && name == "call") {
      // Nothing a Prometheus template reaches is a function value.
      const std::string callee = call_args.empty() ? reflect_string(*final) : to_string(*call_args[0]);
      const Value fn_value = unbox(argv[0]);
      at_ = node;
      if (!fn_value.valid()) errorf("error calling call: call of nil");
      errorf(fmt::format("error calling call: non-function {} of type {}", callee, type_name(fn_value.type)));
    }

    CallResult result = fn.impl(CallContext{env_, receiver}, argv);
    if (!result) {
      at_ = node;
      errorf(fmt::format("error calling {}: {}", name, result.error()));
    }
    return std::move(*result);
  }

  static bool can_be_nil(Type type) {
    switch (kind_of(type)) {
      case Kind::interface_:
      case Kind::map:
      case Kind::pointer:
      case Kind::slice: return true;
      case Kind::struct_: return type == Type::reflect_value;
      default: return false;
    }
  }

  static bool assignable(Type from, Type to) { return from == to || to == Type::any; }

  // Go's validateType: the value made fit for a parameter of type `typ` (nullopt: any, untyped).
  Value validate_type(const Value& original, std::optional<Type> typ) {
    if (!original.valid() && !original.boxed) {
      if (!typ) return Value{};
      if (can_be_nil(*typ)) return Value::nil_of(*typ);
      errorf(fmt::format("invalid value; expected {}", type_name(*typ)));
    }
    if (typ == Type::reflect_value) return original;
    if (!typ || assignable(original.static_type(), *typ)) return original;
    Value value = original;
    if (value.boxed && value.valid()) {
      value = unbox(value);
      if (assignable(value.type, *typ)) return value;
    }
    if (value.kind() == Kind::pointer && assignable(pointee(value.type), *typ)) {
      if (is_nil(value)) errorf(fmt::format("dereference of nil pointer of type {}", type_name(*typ)));
      return deref(value);
    }
    errorf(fmt::format("wrong type for value; expected {}; got {}", type_name(*typ), type_name(value.static_type())));
  }

  Value eval_arg(const Value& dot, std::optional<Type> typ, const Node& n) {
    at_ = at_node(n);
    switch (n.type) {
      case NodeType::dot: return validate_type(dot, typ);
      case NodeType::nil:
        if (typ && can_be_nil(*typ)) return Value::nil_of(*typ);
        errorf(fmt::format("cannot assign nil to {}", type_name(typ.value_or(Type::invalid))));
      case NodeType::field: {
        const Node* self[] = {&n};
        return validate_type(eval_field_node(dot, n, self, std::nullopt), typ);
      }
      case NodeType::variable: return validate_type(eval_variable_node(dot, n, {}, std::nullopt), typ);
      case NodeType::pipe: return validate_type(eval_pipeline(dot, n.pipe), typ);
      case NodeType::identifier: return validate_type(eval_function(dot, n, at_node(n), {}, std::nullopt), typ);
      case NodeType::chain: return validate_type(eval_chain_node(dot, n, {}, std::nullopt), typ);
      default: break;
    }
    const Type t = typ.value_or(Type::invalid);
    switch (kind_of(t)) {
      case Kind::bool_:
        if (n.type == NodeType::boolean) return Value::of_bool(n.text == "true");
        errorf(fmt::format("expected bool; found {}", to_string(n)));
      case Kind::complex_:
        if (n.type == NodeType::number && n.number.is_complex) return Value::of_complex(n.number.complex128);
        errorf(fmt::format("expected complex; found {}", to_string(n)));
      case Kind::float_:
        if (n.type == NodeType::number && n.number.is_float) return Value::of_float(n.number.float64);
        errorf(fmt::format("expected float; found {}", to_string(n)));
      case Kind::int_:
        if (n.type == NodeType::number && n.number.is_int) return Value::of_int(n.number.int64, t);
        errorf(fmt::format("expected integer; found {}", to_string(n)));
      case Kind::uint_:
        if (n.type == NodeType::number && n.number.is_uint) {
          return Value::of_uint(t == Type::uint8 ? n.number.uint64 & 0xFF : n.number.uint64, t);
        }
        errorf(fmt::format("expected unsigned integer; found {}", to_string(n)));
      case Kind::string:
        if (n.type == NodeType::string) return Value::of_string(n.value, t);
        errorf(fmt::format("expected string; found {}", to_string(n)));
      case Kind::interface_: return eval_empty_interface(dot, n);
      case Kind::struct_:
        if (t == Type::reflect_value) return eval_empty_interface(dot, n);
        break;
      default: break;
    }
    errorf(fmt::format("can't handle {} for arg of type {}", to_string(n), type_name(t)));
  }

  Value eval_empty_interface(const Value& dot, const Node& n) {
    at_ = at_node(n);
    switch (n.type) {
      case NodeType::boolean: return Value::of_bool(n.text == "true");
      case NodeType::dot: return dot;
      case NodeType::number: return ideal_constant(n);
      case NodeType::string: return Value::of_string(n.value);
      default: errorf(fmt::format("can't handle assignment of {} to empty interface argument", to_string(n)));
    }
  }

  void print_value(const Item& item, const Value& v) {
    at_ = at_item(item);
    Value printable = v;
    if (printable.kind() == Kind::pointer) printable = indirect(printable).value;
    if (!printable.valid() && !printable.boxed) {
      write("<no value>");
      return;
    }
    write(go::sprint_value(printable));
  }

  // ---- statements: an explicit stack of what is being walked ----

  struct Frame {
    enum class Kind : std::uint8_t { list, range, call };
    Kind kind = Kind::list;
    Value dot;
    // list
    const List* list = nullptr;
    std::size_t next = 0;
    std::optional<std::size_t> pop_to;  // variables to drop when the list ends (if/with/range scopes)
    // range
    const Item* range = nullptr;
    Value collection;
    std::vector<std::string> keys;  // a map's keys, sorted
    std::size_t index = 0;
    std::size_t count = 0;
    std::size_t entry_mark = 0;  // variables before the range's pipeline
    std::size_t mark = 0;        // after its declarations
    // call
    std::vector<Variable> saved_vars;
    std::string_view saved_name;
  };

  void push_list(const List& list, Value dot, std::optional<std::size_t> pop_to) {
    Frame frame;
    frame.kind = Frame::Kind::list;
    frame.list = &list;
    frame.dot = std::move(dot);
    frame.pop_to = pop_to;
    frames_.push_back(std::move(frame));
  }

  void walk_if_or_with(const Item& item, const Value& dot) {
    const std::size_t mark = vars_.size();
    const Value val = eval_pipeline(dot, item.pipe);
    const std::optional<bool> is_true = truth(unbox(val));
    if (!is_true) errorf(fmt::format("if/with can't use {}", go::sprint_value(val)));
    if (*is_true) {
      push_list(*item.list, item.type == ItemType::with ? val : dot, mark);
    } else if (item.else_list != nullptr) {
      push_list(*item.else_list, dot, mark);
    } else {
      vars_.resize(mark);
    }
  }

  void begin_range(const Item& item, const Value& dot) {
    at_ = at_item(item);
    Frame frame;
    frame.kind = Frame::Kind::range;
    frame.range = &item;
    frame.dot = dot;
    frame.entry_mark = vars_.size();
    const Value val = indirect(eval_pipeline(dot, item.pipe)).value;
    frame.mark = vars_.size();
    switch (val.kind()) {
      case Kind::int_:
      case Kind::uint_:
        if (item.pipe->decls.size() > 1)
          errorf(fmt::format("can't use {} to iterate over more than one variable", go::sprint_value(val)));
        if (val.kind() == Kind::int_) frame.count = val.as_int() > 0 ? static_cast<std::size_t>(val.as_int()) : 0;
        else frame.count = static_cast<std::size_t>(val.as_uint());
        break;
      case Kind::slice:
      case Kind::map:
        frame.count = length(val);
        if (val.type == Type::string_map && val.as_string_map()) {
          for (const auto& entry : *val.as_string_map()) frame.keys.push_back(entry.first);
        } else if (val.type == Type::any_map && val.as_any_map()) {
          for (const auto& entry : *val.as_any_map()) frame.keys.push_back(entry.first);
        }
        break;
      case Kind::invalid: break;  // like an empty map
      default: errorf(fmt::format("range can't iterate over {}", go::sprint_value(val)));
    }
    frame.collection = val;
    if (frame.count == 0) {
      if (item.else_list != nullptr) {
        push_list(*item.else_list, dot, frame.entry_mark);
      } else {
        vars_.resize(frame.entry_mark);
      }
      return;
    }
    frames_.push_back(std::move(frame));  // the loop in run() starts the first iteration
  }

  // Starts the next iteration of the range on top of the stack, or ends the range.
  void next_iteration() {
    Frame& frame = frames_.back();
    vars_.resize(frame.mark);
    if (frame.index >= frame.count) {
      vars_.resize(frame.entry_mark);
      frames_.pop_back();
      return;
    }
    const std::size_t i = frame.index++;
    Value index;
    Value elem;
    const Value& c = frame.collection;
    switch (c.kind()) {
      case Kind::int_: elem = Value::of_int(static_cast<std::int64_t>(i), c.type); break;
      case Kind::uint_: elem = Value::of_uint(i, c.type); break;
      case Kind::slice:
        index = Value::of_int(static_cast<std::int64_t>(i));
        elem = Value::of_sample(c.as_samples()[i]);
        break;
      case Kind::map: {
        const std::string& key = frame.keys[i];
        index = Value::of_string(key);
        if (c.type == Type::string_map) elem = Value::of_string(c.as_string_map()->at(key));
        else elem = c.as_any_map()->at(key);
        break;
      }
      default: break;
    }
    const Pipe& pipe = *frame.range->pipe;
    if (!pipe.decls.empty()) {
      if (pipe.is_assign) set_var(pipe.decls[0].name, pipe.decls.size() > 1 ? index : elem);
      else vars_[vars_.size() - 1].value = elem;
    }
    if (pipe.decls.size() > 1) {
      if (pipe.is_assign) set_var(pipe.decls[1].name, elem);
      else vars_[vars_.size() - 2].value = index;
    }
    push_list(*frame.range->list, elem, std::nullopt);
  }

  // {{break}} and {{continue}}: unwind to the innermost range.
  void unwind_to_range() {
    while (frames_.back().kind != Frame::Kind::range) {
      if (frames_.back().pop_to) vars_.resize(*frames_.back().pop_to);
      frames_.pop_back();
    }
  }

  void walk_template(const Item& item, const Value& dot) {
    at_ = at_item(item);
    const auto it = tree_.templates.find(item.name);
    if (it == tree_.templates.end()) errorf(fmt::format("template {} not defined", mlmon::go::quote(item.name)));
    if (depth_ == max_exec_depth) errorf(fmt::format("exceeded maximum template depth ({})", max_exec_depth));
    Value new_dot = eval_pipeline(dot, item.pipe);
    Frame call;
    call.kind = Frame::Kind::call;
    call.saved_vars = std::exchange(vars_, {Variable{"$", new_dot}});
    call.saved_name = name_;
    frames_.push_back(std::move(call));
    name_ = it->first;
    ++depth_;
    push_list(*it->second, std::move(new_dot), std::nullopt);
  }

  void step(const Item& item, const Value& dot) {
    if (++steps_ > limits_.max_steps) {
      at_ = at_item(item);
      errorf(fmt::format("the template executed more than mlmon's limit of {} actions", limits_.max_steps));
    }
    at_ = at_item(item);
    switch (item.type) {
      case ItemType::text: write(item.text); return;
      case ItemType::action: {
        const Value val = eval_pipeline(dot, item.pipe);
        if (item.pipe->decls.empty()) print_value(item, val);
        return;
      }
      case ItemType::if_:
      case ItemType::with: walk_if_or_with(item, dot); return;
      case ItemType::range: begin_range(item, dot); return;
      case ItemType::template_: walk_template(item, dot); return;
      case ItemType::break_: {
        unwind_to_range();
        const Frame& range = frames_.back();
        vars_.resize(range.entry_mark);
        frames_.pop_back();
        return;
      }
      case ItemType::continue_:
        unwind_to_range();  // run() goes on with the next iteration
        return;
    }
  }

  const Tree& tree_;
  const FunctionEnv& env_;
  const ExecLimits& limits_;
  std::string_view name_;  // the template being executed
  At at_;
  std::vector<Variable> vars_;
  std::vector<Frame> frames_;
  std::string out_;
  int depth_ = 0;
  std::size_t steps_ = 0;
};

std::string Executor::run(const Value& data) {
  const auto root = tree_.templates.find(tree_.name);
  if (root == tree_.templates.end()) {
    throw ExecFailure{
        fmt::format("template: {}: {} is an incomplete or empty template", tree_.name, mlmon::go::quote(tree_.name))};
  }
  vars_.push_back({"$", data});
  push_list(*root->second, data, std::nullopt);
  while (!frames_.empty()) {
    Frame& frame = frames_.back();
    switch (frame.kind) {
      case Frame::Kind::list: {
        if (frame.next < frame.list->items.size()) {
          const Item& item = *frame.list->items[frame.next++];
          const Value dot = frame.dot;  // the frame may move when the stack grows
          step(item, dot);
          break;
        }
        const std::optional<std::size_t> pop_to = frame.pop_to;
        frames_.pop_back();
        if (pop_to) vars_.resize(*pop_to);
        break;
      }
      case Frame::Kind::range:
        // A range on top: it has just begun, or an iteration's body ended or was left by {{continue}}.
        next_iteration();
        break;
      case Frame::Kind::call:
        vars_ = std::move(frame.saved_vars);
        name_ = frame.saved_name;
        --depth_;
        frames_.pop_back();
        break;
    }
  }
  return std::move(out_);
}

}  // namespace

Result<std::string> execute(const Tree& tree, const Value& data, const FunctionEnv& env, const ExecLimits& limits) {
  Result<std::string> result = fail("");
  std::exception_ptr unexpected;  // e.g. std::bad_alloc, rethrown on the caller's thread
  const auto work = [&]() {
    try {
      result = Executor(tree, env, limits).run(data);
    } catch (ExecFailure& failure) {
      result = fail(std::move(failure.message));
    } catch (...) {
      unexpected = std::current_exception();
    }
  };
  if (tree.max_paren_depth <= shallow_paren_depth) {
    work();
  } else {
    run_with_stack(base_stack_bytes + tree.max_paren_depth * stack_bytes_per_paren, work);
  }
  if (unexpected) std::rethrow_exception(unexpected);
  return result;
}

}  // namespace mlmon::gotemplate
