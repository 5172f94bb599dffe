#include "rules/validate.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "core/unicode.hpp"
#include "gotemplate/gotemplate.hpp"

namespace mlmon::rules {

using yaml::Node;

namespace {

/// The "group X, rule N, Y: " prefix of a rule's messages, made only when a message needs it:
/// quoting both names on every rule of a clean file was a measurable share of the check.
class MessageContext {
 public:
  MessageContext() : made_(true) {}  // no prefix (a group's own labels)
  MessageContext(const Group& group, const Rule& rule) : group_(&group), rule_(&rule) {}
  const std::string& str() const {
    if (!made_) {
      text_ = rule_context(*group_, *rule_);
      made_ = true;
    }
    return text_;
  }

 private:
  const Group* group_ = nullptr;
  const Rule* rule_ = nullptr;
  mutable std::string text_;
  mutable bool made_ = false;
};

}  // namespace

class RuleValidator::Impl {
 public:
  Impl(const SourceFile& source, const ValidateOptions& options, std::vector<Diagnostic>& out)
      : source_(source), options_(options), out_(out) {}

  void report(const Node* at, std::string rule_id, std::string message,
              std::optional<std::size_t> value_offset = std::nullopt) {
    Position pos;
    if (at != nullptr) pos = value_offset ? source_.position_of(at->source_offset(*value_offset)) : at->pos();
    out_.push_back(make_diagnostic(Severity::Error, rule_id, source_.path(), pos, std::move(message)));
  }

  /// Where `key: *alias` uses an alias, when `value` (what it resolved to) lies outside `owner`.
  std::optional<Position> alias_use(const Node& owner, std::string_view key, const Node* value) const {
    const Node* key_node = owner.key_node(key);
    if (key_node == nullptr || value == nullptr || (value->offset >= owner.offset && value->offset < owner.end)) {
      return std::nullopt;
    }
    const std::string_view text = source_.text();
    std::size_t at = key_node->end;
    while (at < text.size() && (text[at] == ':' || text[at] == ' ' || text[at] == '\t')) ++at;
    if (at >= text.size() || text[at] != '*') return std::nullopt;
    return source_.position_of(at);
  }

  void validate_group(const Group& group) {
    const Node* at = group.name_node ? group.name_node : group.node;
    // A name of the wrong kind was already reported by the decoder.
    const Node* written_name = group.node->get("name");
    const bool name_of_wrong_kind = group.name_node == nullptr && written_name != nullptr && !written_name->is_null();
    if (group.name.empty() && !name_of_wrong_kind) {
      report(at, "rules/group-name", "Groupname must not be empty");
    } else if (!group.name.empty() && !seen_group_names_.insert(group.name).second) {
      report(at, "rules/group-name", fmt::format("groupname: \"{}\" is repeated in the same file", group.name));
      // `name: *gname` resolves to the first group's node: the repeat is where the alias is used.
      if (const auto alias = alias_use(*group.node, "name", at)) out_.back().pos = *alias;
    }
    validate_label_map(group.labels, MessageContext());
  }

  void validate_label_map(const Node* labels, const MessageContext& context) {
    if (labels == nullptr) return;
    for (const yaml::Entry& e : labels->entries) {
      const yaml::ScalarText& name = e.key->value;
      if (name == "__name__" || !is_valid_label_name(name, options_.names)) {
        report(e.key, "rules/label-name", fmt::format("{}invalid label name: {}", context.str(), name));
      }
      if (!unicode::valid_utf8(e.value->value)) {
        report(e.value, "rules/label-value", fmt::format("{}invalid label value: {}", context.str(), e.value->value));
      }
    }
  }

  void validate_template(const Rule& rule, const Node* value, std::string_view what, const std::string& key,
                         const MessageContext& context) {
    if (value == nullptr || !value->is_scalar()) return;
    // Plain text (no "{{") always parses (gotemplate::check says so too): skip building the
    // template's name for it.
    if (value->value.find("{{") == std::string::npos) return;
    gotemplate::Options template_options;
    template_options.template_name = gotemplate::alert_template_name(rule.name);
    const auto error = gotemplate::check(value->value, template_options);
    if (!error) return;
    report(value, "rules/template",
           fmt::format("{}{} \"{}\": {}", context.str(), what, key,
                       gotemplate::format_go_error(template_options.template_name, value->value, *error)),
           error->offset);
  }

  ParsedRule validate_rule(const Group& group, const Rule& rule) {
    ParsedRule parsed{&group, &rule, nullptr};
    const MessageContext context(group, rule);
    const bool has_record = rule.record != nullptr && !rule.record->value.empty();
    const bool has_alert = rule.alert != nullptr && !rule.alert->value.empty();
    if (has_record && has_alert) {
      report(rule.alert, "rules/record-or-alert", context.str() + "only one of 'record' and 'alert' must be set");
    } else if (!has_record && !has_alert) {
      report(rule.node, "rules/record-or-alert", context.str() + "one of 'record' or 'alert' must be set");
    }

    if (rule.expr == nullptr || rule.expr->value.empty()) {
      report(rule.expr ? rule.expr : rule.node, "rules/expr-missing",
             context.str() + "field 'expr' must be set in rule");
    } else {
      auto result = promql::parse(rule.expr->value, options_.features);
      if (result.error) {
        report(rule.expr, "promql/parse",
               fmt::format("{}could not parse expression: parse error: {}", context.str(), result.error->message),
               result.error->begin);
      } else {
        parsed.ast = std::move(result.ast);
      }
    }

    if (has_record) {
      if (rule.annotations != nullptr) {
        report(rule.node->key_node("annotations"), "rules/recording-field",
               context.str() + "invalid field 'annotations' in recording rule");
      }
      if (rule.for_ != nullptr) {
        report(rule.node->key_node("for"), "rules/recording-field",
               context.str() + "invalid field 'for' in recording rule");
      }
      if (rule.keep_firing_for != nullptr) {
        report(rule.node->key_node("keep_firing_for"), "rules/recording-field",
               context.str() + "invalid field 'keep_firing_for' in recording rule");
      }
      const yaml::ScalarText& name = rule.record->value;
      if (!is_valid_metric_name(name, options_.names)) {
        report(rule.record, "rules/record-name", context.str() + "invalid recording rule name: " + name);
      } else if (name.find_first_of("{}") != std::string::npos) {
        report(rule.record, "rules/record-name",
               context.str() + "braces present in the recording rule name; should it be in expr?: " + name);
      }
    }

    validate_label_map(rule.labels, context);
    if (rule.annotations != nullptr) {
      for (const yaml::Entry& e : rule.annotations->entries) {
        if (!is_valid_label_name(e.key->value, options_.names)) {
          report(e.key, "rules/annotation-name", context.str() + "invalid annotation name: " + e.key->value);
        }
      }
    }
    // Only alerting rules' labels and annotations are templates.
    if (has_alert && !has_record) {
      if (rule.labels != nullptr) {
        for (const yaml::Entry& e : rule.labels->entries)
          validate_template(rule, e.value, "label", e.key->value, context);
      }
      if (rule.annotations != nullptr) {
        for (const yaml::Entry& e : rule.annotations->entries) {
          validate_template(rule, e.value, "annotation", e.key->value, context);
        }
      }
    }
    return parsed;
  }

 private:
  const SourceFile& source_;
  const ValidateOptions& options_;
  std::vector<Diagnostic>& out_;
  std::unordered_set<std::string> seen_group_names_;
};

RuleValidator::RuleValidator(const SourceFile& source, const ValidateOptions& options, std::vector<Diagnostic>& out)
    : impl_(std::make_unique<Impl>(source, options, out)) {}

RuleValidator::~RuleValidator() = default;

void RuleValidator::validate_group(const Group& group, const RuleVisitor& visit) {
  impl_->validate_group(group);
  for (const Rule& rule : group.rules) {
    const ParsedRule parsed = impl_->validate_rule(group, rule);
    if (visit) visit(parsed);
  }
}

}  // namespace mlmon::rules
