#include "gotemplate/expand.hpp"

#include <fmt/format.h>

#include "gotemplate/callable.hpp"
#include "gotemplate/exec.hpp"
#include "gotemplate/gotemplate.hpp"
#include "gotemplate/parser.hpp"
#include "gotemplate/tree.hpp"

namespace mlmon::gotemplate {

namespace {

// rules/alerting.go prepends these to every label and annotation template.
constexpr std::string_view alert_defs =
    "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

std::shared_ptr<StringMap> to_string_map(const std::map<std::string, std::string>& labels) {
  return std::make_shared<StringMap>(labels.begin(), labels.end());
}

}  // namespace

AlertTemplate::AlertTemplate(std::string_view alert_name, std::string_view text) : tree_(std::make_unique<Tree>()) {
  tree_->text.reserve(alert_defs.size() + text.size());
  tree_->text += alert_defs;
  tree_->text += text;
  // The declarations are parsed for real, so positions in errors count them as Prometheus's do.
  // (The checker's options also predeclare the variables they declare, which changes nothing.)
  Options options;
  options.template_name = alert_template_name(alert_name);
  if (const std::optional<Error> error = parse_tree(*tree_, options)) {
    parse_error_ = fmt::format("error parsing template {}: {}", options.template_name,
                               format_go_error(options.template_name, tree_->text, *error));
  }
}

AlertTemplate::~AlertTemplate() = default;
AlertTemplate::AlertTemplate(AlertTemplate&&) noexcept = default;
AlertTemplate& AlertTemplate::operator=(AlertTemplate&&) noexcept = default;

Result<std::string> AlertTemplate::expand(const AlertTemplateData& data, const ExpandContext& context) const {
  if (!parse_error_.empty()) return fail(parse_error_);
  auto values = std::make_shared<AlertValues>();
  values->labels = to_string_map(data.labels);
  values->external_labels = to_string_map(data.external_labels);
  values->external_url = data.external_url;
  values->value = data.value;
  Value dot;
  dot.type = Type::alert_data;
  dot.data = std::shared_ptr<const AlertValues>(std::move(values));
  FunctionEnv env;
  env.query = &context.query;
  env.eval_time_ms = context.eval_time_ms;
  env.external_url = &context.external_url;
  Result<std::string> result = execute(*tree_, dot, env);
  if (!result) return fail(fmt::format("error executing template {}: {}", tree_->name, result.error().message));
  return result;
}

std::string field_value(const Result<std::string>& expansion) {
  if (expansion) return *expansion;
  return fmt::format("<error expanding template: {}>", expansion.error().message);
}

std::string expand_alert_field(std::string_view alert_name, std::string_view text, const AlertTemplateData& data,
                               const ExpandContext& context) {
  return field_value(AlertTemplate(alert_name, text).expand(data, context));
}

}  // namespace mlmon::gotemplate
