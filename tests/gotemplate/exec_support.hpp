#pragma once
// Runs a template the way Prometheus's template_test.go does (name "test", a fixed time and
// external URL, a canned query result), to compare with its expected outputs.
#include <string>
#include <string_view>
#include <vector>

#include "gotemplate/callable.hpp"
#include "gotemplate/exec.hpp"
#include "gotemplate/expand.hpp"
#include "gotemplate/functions.hpp"
#include "gotemplate/gotemplate.hpp"
#include "gotemplate/parser.hpp"
#include "gotemplate/tree.hpp"
#include "gotemplate/value.hpp"

namespace exec_support {

using namespace mlmon::gotemplate;

struct Run {
  Value data;
  std::vector<QuerySample> query_result;
  std::optional<std::string> external_url = "http://testhost:9090/path/prefix";
  std::int64_t now_ms = 1353755652000;
  ExecLimits limits;
};

// The output, or "error: <Go's message>" / "parse error: <message>".
inline std::string run(std::string_view text, const Run& options = {}) {
  Tree tree;
  tree.text = text;
  Options parse_options;
  parse_options.prometheus_alert = false;
  parse_options.template_name = "test";
  for (std::string_view name : prometheus_functions()) parse_options.functions.emplace_back(name);
  if (const auto error = parse_tree(tree, parse_options)) {
    return "parse error: " + format_go_error("test", text, *error);
  }
  const QueryFunc query = [&options](std::string_view) -> mlmon::Result<std::vector<QuerySample>> {
    return options.query_result;
  };
  FunctionEnv env;
  env.query = &query;
  env.eval_time_ms = options.now_ms;
  env.external_url = &options.external_url;
  const mlmon::Result<std::string> result = execute(tree, options.data, env, options.limits);
  if (!result) return "error: " + result.error().message;
  return *result;
}

inline Value samples(std::vector<std::pair<StringMap, double>> items) {
  auto list = std::make_shared<std::vector<SamplePtr>>();
  for (auto& [labels, value] : items) list->push_back(std::make_shared<Sample>(Sample{std::move(labels), value}));
  const std::size_t n = list->size();
  return Value::of_samples(SampleSlice{std::move(list), 0, n, n});
}

// An alert's label or annotation as Prometheus expands it for promtool (no external URL).
inline std::string alert(std::string_view text, AlertTemplateData data = {}, ExpandContext context = {}) {
  return expand_alert_field("A", text, data, context);
}

}  // namespace exec_support
