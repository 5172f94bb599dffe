// libFuzzer target for Go templates as Prometheus parses and expands alert labels and annotations
// (-DMLMON_FUZZ=ON, clang). Properties: the checker (check-rules) and the executor's parser agree
// on whether a template parses, and errors lie inside it; a parsed template printed as Go prints
// its tree parses again and prints the same; execution (with small limits) ends in an output or
// an error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/go_quote.hpp"
#include "gotemplate/callable.hpp"
#include "gotemplate/exec.hpp"
#include "gotemplate/gotemplate.hpp"
#include "gotemplate/parser.hpp"
#include "gotemplate/tree.hpp"
#include "gotemplate/value.hpp"

namespace {

using mlmon::Result;
namespace gotemplate = mlmon::gotemplate;
using namespace mlmon::gotemplate;

// What rules/alerting.go prepends to every label and annotation template.
constexpr std::string_view kAlertDefs =
    "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "%s\n  input: %.*s\n  %s\n", what, static_cast<int>(input.size()), input.data(), detail.c_str());
  std::abort();
}

/// The tree as Go's String() prints it: the templates it defines, then the top-level one.
std::string print_tree(const Tree& tree) {
  std::string out;
  const auto print_list = [&out](const List& list) {
    for (const Item* item : list.items) out += to_string(*item);
  };
  for (const auto& [name, list] : tree.templates) {
    if (name == tree.name) continue;
    out += "{{define " + mlmon::go::quote(name) + "}}";
    print_list(*list);
    out += "{{end}}";
  }
  print_list(*tree.templates.at(tree.name));
  return out;
}

std::unique_ptr<Tree> parse(std::string text, const Options& options, std::optional<gotemplate::Error>& error) {
  auto tree = std::make_unique<Tree>();
  tree->text = std::move(text);
  error = parse_tree(*tree, options);
  return tree;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Options options;
  options.template_name = alert_template_name("Fuzz");
  const std::optional<gotemplate::Error> checked = check(input, options);
  if (checked && checked->offset > input.size()) fail("error past the end", input, checked->message);
  (void)referenced_labels(input);
  std::optional<gotemplate::Error> error;
  const auto tree = parse(std::string(kAlertDefs) + std::string(input), options, error);
  if (error.has_value() != checked.has_value()) {
    fail("the checker and the executor's parser disagree", input,
         "checker: " + (checked ? checked->message : "ok") + "; executor: " + (error ? error->message : "ok"));
  }
  if (error) return 0;

  const std::string printed = print_tree(*tree);
  std::optional<gotemplate::Error> again_error;
  const auto again = parse(printed, options, again_error);
  if (again_error) fail("the printed tree does not parse", input, printed + "\n  " + again_error->message);
  if (const std::string reprinted = print_tree(*again); reprinted != printed) {
    fail("the printed tree prints differently", input, printed + "\n  " + reprinted);
  }

  auto values = std::make_shared<AlertValues>();
  values->labels =
      std::make_shared<StringMap>(StringMap{{"alertname", "Fuzz"}, {"instance", "host:9100"}, {"job", "node"}});
  values->external_labels = std::make_shared<StringMap>(StringMap{{"cluster", "c1"}});
  values->external_url = "http://prometheus.example:9090";
  values->value = 0.25;
  Value dot;
  dot.type = Type::alert_data;
  dot.data = std::shared_ptr<const AlertValues>(std::move(values));
  const QueryFunc query = [](std::string_view) -> Result<std::vector<QuerySample>> {
    return std::vector<QuerySample>{{{{"__name__", "up"}, {"job", "node"}}, 1}};
  };
  const std::optional<std::string> external_url = "http://prometheus.example:9090/prefix";
  FunctionEnv env;
  env.query = &query;
  env.eval_time_ms = 1'700'000'000'000;
  env.external_url = &external_url;
  ExecLimits limits;
  limits.max_steps = 20'000;
  limits.max_output = 1 << 20;
  (void)execute(*tree, dot, env, limits);
  return 0;
}
