#include "ruletest/rule_set.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include "promql/duration.hpp"
#include "promql/parser.hpp"
#include "promql/printer.hpp"
#include "rules/loader.hpp"
#include "rules/validate.hpp"
#include "ruletest/findings.hpp"
#include "ruletest/go_path.hpp"
#include "yaml/scalars.hpp"

namespace mlmon::ruletest {

namespace {

using yaml::Node;

std::string pos_text(const Node* n) {
  if (n == nullptr) return "0:0";
  return std::to_string(n->pos().line) + ":" + std::to_string(n->pos().col);
}

// The value nodes of `record`, `alert` and `expr` (rulefmt's RuleNode keeps them as yaml.Node, so
// the second decode accepts any kind there).
std::set<std::pair<int, int>> yaml_node_fields(const Node* root) {
  std::set<std::pair<int, int>> out;
  const Node* groups = root && root->is_map() ? root->get("groups") : nullptr;
  if (groups == nullptr || !groups->is_seq()) return out;
  for (const Node* g : groups->items) {
    const Node* rules = g->is_map() ? g->get("rules") : nullptr;
    if (rules == nullptr || !rules->is_seq()) continue;
    for (const Node* r : rules->items) {
      if (!r->is_map()) continue;
      for (const char* f : {"record", "alert", "expr"}) {
        if (const Node* v = r->get(f)) out.insert({v->pos().line, v->pos().col});
      }
    }
  }
  return out;
}

// What rulefmt.Parse reports when decoding fails. It decodes twice (strictly into RuleGroups,
// then loosely into RuleGroupNodes for positions), and each failing decode is one error.
std::vector<std::string> decode_errors(const std::vector<Diagnostic>& problems, const Node* root) {
  std::vector<std::string> out;
  for (const Diagnostic& d : problems) {
    if (d.rule_id == "rules/duration") {
      // A duration's own error ends both decodes at once.
      return {d.message, d.message};
    }
  }
  const auto loose_ok = yaml_node_fields(root);
  std::string strict = "yaml: unmarshal errors:";
  std::string loose = strict;
  bool any_loose = false;
  for (const Diagnostic& d : problems) {
    const std::string line = "\n  line " + std::to_string(d.pos.line) + ": " + d.message;
    strict += line;
    const bool unknown_field =
        d.message.starts_with("field ") && d.message.find(" not found in type ") != std::string::npos;
    if (!unknown_field && !loose_ok.contains({d.pos.line, d.pos.col})) {
      loose += line;
      any_loose = true;
    }
  }
  out.push_back(strict);
  if (any_loose) out.push_back(loose);
  return out;
}

// rulefmt's text for a validation finding: "L:C: group "g", rule 1, "x": message" with the
// position of the node Prometheus attaches (0:0 when it has none), or no position at all.
std::string validation_text(const Diagnostic& d, const rules::Group& group, const rules::Rule* rule,
                            const promql::Features& features) {
  const std::string& id = d.rule_id;
  if (rule == nullptr) {
    if (id == "rules/group-name") return "0:0: " + d.message;
    return d.message;  // group labels: no position
  }
  const Node* record = rule->node->get("record");
  const Node* alert = rule->node->get("alert");
  const Node* expr = rule->node->get("expr");
  if (id == "rules/record-or-alert") return pos_text(record) + ": " + pos_text(alert) + ": " + d.message;
  if (id == "rules/expr-missing") return pos_text(expr) + ": " + d.message;
  if (id == "promql/parse") {
    // Prometheus's ParseErr text puts the position inside the expression before the message.
    const auto parsed = promql::parse(expr->value, features);
    const std::string inner = parsed.error ? promql::format_error(expr->value, *parsed.error) : d.message;
    return pos_text(expr) + ": " + rules::rule_context(group, *rule) + "could not parse expression: " + inner;
  }
  if (id == "rules/recording-field" || id == "rules/record-name") return pos_text(record) + ": " + d.message;
  return d.message;
}

Position name_position(const rules::Rule& rule) {
  if (rule.alert != nullptr) return rule.alert->pos();
  if (rule.record != nullptr) return rule.record->pos();
  return rule.node->pos();
}

}  // namespace

promql::Features test_engine_features() {
  promql::Features f;
  f.duration_expr = false;
  return f;
}

namespace {

using StringMap = std::map<std::string, std::string>;

void add_map(const Node* node, StringMap& out) {
  if (node == nullptr || !node->is_map()) return;
  for (const yaml::Entry& e : node->entries) out[e.key->value] = e.value->is_null() ? "" : e.value->value;
}

std::vector<Template> templates(const std::string& alert, const StringMap& fields) {
  std::vector<Template> out;
  for (const auto& [name, text] : fields) {
    out.push_back({name, text, std::make_shared<gotemplate::AlertTemplate>(alert, text)});
  }
  return out;
}

}  // namespace

LoadedRules load_rule_files(const std::vector<std::string>& files, const RuleLoadOptions& options) {
  LoadedRules out;
  std::set<std::pair<std::string, std::string>> seen;  // (file, group): LoadGroups' map keys
  for (const std::string& file : files) {
    out.refused_file = file;  // until it loads
    auto text = gopath::read_file(file);
    if (!text) {
      out.promtool_errors.push_back(file + ": " + text.error().message);
      out.findings.push_back({Severity::Error, std::string(ids::kRuleFile), file, {}, text.error().message, {}});
      return out;
    }
    auto source = std::make_shared<SourceFile>(file, std::move(*text));
    yaml::Document document = yaml::load(source);
    std::vector<Diagnostic> problems;
    for (const Diagnostic& d : document.problems) {
      if (d.severity == Severity::Error) problems.push_back(d);
    }
    if (!problems.empty()) {
      for (const Diagnostic& d : problems) {
        if (d.rule_id == yaml::kRuleDuplicateKey) continue;
        // Both decodes stop at a syntax error.
        const std::string e = file + ": yaml: line " + std::to_string(d.pos.line) + ": " + d.message;
        out.promtool_errors = {e, e};
        break;
      }
      if (out.promtool_errors.empty()) {
        std::string e = file + ": yaml: unmarshal errors:";
        for (const Diagnostic& d : problems) e += "\n  line " + std::to_string(d.pos.line) + ": " + d.message;
        out.promtool_errors = {e, e};
      }
      out.findings = std::move(problems);
      return out;
    }
    rules::LoadOptions load_options;
    load_options.ignore_unknown_fields = options.ignore_unknown_fields;
    const Node* root = document.root;
    rules::RuleFile rule_file = rules::decode_rule_file(std::move(document), load_options, problems);
    if (!problems.empty()) {
      for (std::string& e : decode_errors(problems, root)) out.promtool_errors.push_back(file + ": " + e);
      out.findings = std::move(problems);
      return out;
    }
    rules::ValidateOptions validate_options;
    validate_options.features = options.features;
    std::vector<Diagnostic> findings;
    std::vector<std::string> texts;
    {
      rules::RuleValidator validator(rule_file.source(), validate_options, findings);
      for (const rules::Group& group : rule_file.groups) {
        std::size_t from = findings.size();
        validator.validate_group(group, [&](const rules::ParsedRule& parsed) {
          // The group's own findings come first (before its first rule's), without the rule context.
          const std::string context = rules::rule_context(group, *parsed.rule);
          for (std::size_t i = from; i < findings.size(); ++i) {
            const bool of_rule = findings[i].message.starts_with(context);
            texts.push_back(validation_text(findings[i], group, of_rule ? parsed.rule : nullptr, options.features));
          }
          from = findings.size();
        });
        for (std::size_t i = from; i < findings.size(); ++i) {
          texts.push_back(validation_text(findings[i], group, nullptr, options.features));
        }
      }
    }
    if (!findings.empty()) {
      for (const std::string& t : texts) out.promtool_errors.push_back(file + ": " + t);
      out.findings = std::move(findings);
      return out;
    }
    for (const rules::Group& group : rule_file.groups) {
      if (!seen.insert({file, group.name}).second) continue;
      GroupDef g;
      g.file = file;
      g.name = group.name;
      g.pos = group.name_node ? group.name_node->pos() : group.node->pos();
      if (group.query_offset != nullptr && !group.query_offset->is_null()) {
        g.query_offset_ms = promql::parse_duration_ms(group.query_offset->value).value_or(0);
      }
      if (group.limit != nullptr && !group.limit->is_null()) g.limit = yaml::as_int(*group.limit).value_or(0);
      StringMap group_labels;
      add_map(group.labels, group_labels);
      for (const rules::Rule& rule : group.rules) {
        RuleDef r;
        r.alerting = rule.is_alert();
        r.name = rule.name;
        r.file = file;
        r.pos = name_position(rule);
        auto parsed = promql::parse(rule.expr->value, options.features);
        const std::string printed = promql::print(parsed.ast->root());
        auto for_engine = promql::parse(printed, options.engine_features);
        if (for_engine.error) {
          r.engine_error = promql::format_error(printed, *for_engine.error);
        } else {
          r.ast = std::shared_ptr<const promql::Ast>(std::move(for_engine.ast));
        }
        if (rule.for_ != nullptr && !rule.for_->is_null()) {
          r.for_ms = promql::parse_duration_ms(rule.for_->value).value_or(0);
        }
        if (rule.keep_firing_for != nullptr && !rule.keep_firing_for->is_null()) {
          r.keep_firing_for_ms = promql::parse_duration_ms(rule.keep_firing_for->value).value_or(0);
        }
        StringMap labels = group_labels;
        add_map(rule.labels, labels);
        std::vector<engine::Label> label_list;
        for (const auto& [k, v] : labels) label_list.push_back({k, v});
        r.labels = engine::Labels(std::move(label_list));
        if (r.alerting) {
          r.label_templates = templates(r.name, labels);
          StringMap annotations;
          add_map(rule.annotations, annotations);
          r.annotation_templates = templates(r.name, annotations);
          for (const auto* list : {&r.label_templates, &r.annotation_templates}) {
            for (const Template& t : *list) r.templated = r.templated || t.text.find("{{") != std::string::npos;
          }
        }
        g.rules.push_back(std::move(r));
      }
      out.groups.push_back(std::move(g));
    }
  }
  out.refused_file.clear();
  return out;
}

}  // namespace mlmon::ruletest
