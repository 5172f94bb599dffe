#include "thresholds/inventory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "core/result.hpp"
#include "promql/parser.hpp"
#include "rules/loader.hpp"
#include "yaml/document.hpp"

namespace mlmon::thresholds {

namespace {

Result<std::shared_ptr<const promql::Ast>> parse_expr(const std::string& text) {
  promql::ParseOptions options;
  // Listing thresholds should work whatever features the server enables.
  options.features = promql::Features::all();
  options.validate_regex = false;
  promql::ParseResult result = promql::parse(text, options);
  if (result.error) return fail(promql::format_error(text, *result.error));
  return std::shared_ptr<const promql::Ast>(std::move(result.ast));
}

Alert describe_alert(const RuleSource& file, const rules::Group& group, const rules::Rule& rule,
                     std::size_t group_index, std::size_t rule_index) {
  Alert alert;
  alert.file = &file;
  alert.group = &group;
  alert.rule = &rule;
  alert.group_index = group_index;
  alert.rule_index = rule_index;
  alert.name = rule.name;
  const yaml::Node* key = rule.node->key_node("alert");
  alert.pos = key != nullptr ? key->pos() : rule.node->pos();
  if (rule.for_ != nullptr && rule.for_->is_scalar()) alert.for_text = rule.for_->value;
  if (const yaml::Node* severity = rule.label("severity"); severity != nullptr && severity->is_scalar()) {
    alert.severity = severity->value;
  }
  if (rule.expr == nullptr || !rule.expr->is_scalar()) {
    alert.expr_error = "no expr";
    return alert;
  }
  auto ast = parse_expr(rule.expr->value);
  if (!ast) {
    alert.expr_error = std::move(ast).error().message;
    return alert;
  }
  alert.ast = std::move(*ast);
  for (const ThresholdSite& site : find_thresholds(alert.ast->root())) {
    Threshold t;
    t.index = alert.thresholds.size();
    t.site = site;
    t.op = site.op_text();
    t.text = std::string(alert.ast->source().substr(site.literal->begin, site.literal->text_end - site.literal->begin));
    t.value = site.literal->value;
    t.pos = file.source->position_of(rule.expr->source_offset(site.literal->begin));
    alert.thresholds.push_back(std::move(t));
  }
  return alert;
}

}  // namespace

std::string Alert::location() const { return fmt::format("{}:{}", file->path(), pos.line); }

const RuleSource& Inventory::add(SourceFilePtr source) {
  auto file = std::make_unique<RuleSource>();
  file->source = source;
  std::vector<yaml::Document> documents = rules::load_rule_documents(source);
  const bool yaml_ok = std::all_of(documents.begin(), documents.end(), [](const yaml::Document& d) { return d.ok(); });
  file->yaml_ok = yaml_ok;
  if (yaml_ok && (documents.size() > 1 || rules::looks_like_rule_file(documents.front().root))) {
    std::vector<Diagnostic> found;
    file->rules = std::make_unique<rules::RuleFile>(rules::decode_rule_file(std::move(documents), {}, found));
    std::copy_if(found.begin(), found.end(), std::back_inserter(problems),
                 [](const Diagnostic& d) { return d.severity == Severity::Error; });
  } else {
    for (const yaml::Document& document : documents) {
      std::copy_if(document.problems.begin(), document.problems.end(), std::back_inserter(problems),
                   [](const Diagnostic& d) { return d.severity == Severity::Error; });
    }
  }
  const RuleSource& added = *file;
  files.push_back(std::move(file));
  if (added.rules) {
    for (std::size_t g = 0; g < added.rules->groups.size(); ++g) {
      const rules::Group& group = added.rules->groups[g];
      for (std::size_t r = 0; r < group.rules.size(); ++r) {
        if (group.rules[r].is_alert() && group.rules[r].alert != nullptr)
          alerts.push_back(describe_alert(added, group, group.rules[r], g, r));
      }
    }
  }
  return added;
}

std::vector<std::string> Inventory::alert_names() const {
  std::vector<std::string> names;
  names.reserve(alerts.size());
  for (const Alert& a : alerts) names.push_back(a.name);
  return names;
}

}  // namespace mlmon::thresholds
