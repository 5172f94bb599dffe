#include "thresholds/verify_edit.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "project/config.hpp"
#include "rules/check_rules.hpp"
#include "yaml/document.hpp"

namespace mlmon::thresholds {

namespace {

constexpr std::size_t kMaxVisits = 2'000'000;

// Walks the original and the edited tree side by side.
class TreeComparer {
 public:
  explicit TreeComparer(const FileEdit& edit) : edit_(edit) {}

  // The first difference the edit did not plan, as "line N: ..." of the original; "" if none.
  std::string compare(const yaml::Node* a, const yaml::Node* b) {
    if (++visits_ > kMaxVisits) return "too many YAML aliases to compare";
    if (a == nullptr || b == nullptr) return a == b ? "" : describe(a != nullptr ? a : b, "node appears or disappears");
    if (const auto it = edit_.expected_values.find(a); it != edit_.expected_values.end()) {
      if (!b->is_scalar() || b->value != it->second) {
        return describe(a, fmt::format("reads {:?} instead of {:?}", b->value, it->second));
      }
      return "";
    }
    if (a->kind != b->kind) return describe(a, "changes kind");
    if (a->tag() != b->tag() || a->anchor() != b->anchor()) return describe(a, "changes its tag or anchor");
    switch (a->kind) {
      case yaml::NodeKind::Null:
      case yaml::NodeKind::Scalar:
        if (a->value != b->value || a->style != b->style) {
          return describe(a, fmt::format("reads {:?} instead of {:?}", b->value, a->value));
        }
        return "";
      case yaml::NodeKind::Sequence:
        if (a->items.size() != b->items.size()) return describe(a, "gains or loses items");
        for (std::size_t i = 0; i < a->items.size(); ++i) {
          if (auto d = compare(a->items[i], b->items[i]); !d.empty()) return d;
        }
        return "";
      case yaml::NodeKind::Mapping: return compare_entries(a, b);
    }
    return "";
  }

 private:
  std::string compare_entries(const yaml::Node* a, const yaml::Node* b) {
    const auto inserted = edit_.inserted_for.find(a);
    const std::size_t extra = inserted != edit_.inserted_for.end() ? 1 : 0;
    if (b->entries.size() != a->entries.size() + extra) return describe(a, "gains or loses keys");
    std::size_t j = 0;
    bool found_inserted = false;
    for (std::size_t i = 0; i < a->entries.size(); ++i, ++j) {
      if (extra != 0 && !found_inserted && b->entries[j].key->value == "for" && !b->entries[j].merged) {
        const yaml::Node* value = b->entries[j].value;
        if (!value->is_scalar() || value->value != inserted->second) return describe(a, "gets a wrong `for:`");
        found_inserted = true;
        ++j;
      }
      const yaml::Entry& ea = a->entries[i];
      const yaml::Entry& eb = b->entries[j];
      if (ea.merged != eb.merged) return describe(ea.key, "changes a merge");
      if (auto d = compare(ea.key, eb.key); !d.empty()) return d;
      if (auto d = compare(ea.value, eb.value); !d.empty()) return d;
    }
    if (extra != 0 && !found_inserted) {
      const yaml::Entry& last = b->entries.back();
      if (last.key->value != "for" || last.merged || !last.value->is_scalar() ||
          last.value->value != inserted->second) {
        return describe(a, "gets a wrong `for:`");
      }
    }
    return "";
  }

  static std::string describe(const yaml::Node* at, std::string_view what) {
    return fmt::format("line {}: the value {}", at->pos().line, what);
  }

  const FileEdit& edit_;
  std::size_t visits_ = 0;
};

std::set<std::string> error_messages(const SourceFilePtr& source) {
  rules::CheckRulesOptions options;
  options.lint = false;
  options.validate.features = promql::Features::all();
  std::vector<Diagnostic> out;
  rules::check_rule_source(source, options, project::Config{}, out);
  std::set<std::string> errors;
  for (const Diagnostic& d : out) {
    if (d.severity == Severity::Error) errors.insert(fmt::format("{} [{}]", d.message, d.rule_id));
  }
  return errors;
}

}  // namespace

Result<void> verify_edit(const FileEdit& edit, const std::string& new_text) {
  const std::string& path = edit.file->path();
  auto refuse = [&](std::string why) {
    return fail(fmt::format("{}: the edit would {}; nothing was written", path, why));
  };
  auto edited = std::make_shared<SourceFile>(path, new_text);

  Inventory after;
  const RuleSource& reloaded = after.add(edited);
  if (reloaded.rules == nullptr) {
    const std::string first = after.problems.empty() ? "it is no longer a rule file" : after.problems.front().message;
    return refuse(fmt::format("break the file: {}", first));
  }
  TreeComparer comparer(edit);
  const rules::RuleFile& before = *edit.file->rules;
  const rules::RuleFile& after_edit = *reloaded.rules;
  if (before.more_documents.size() != after_edit.more_documents.size()) {
    return refuse("change the documents of the file");
  }
  for (std::size_t i = 0; i <= before.more_documents.size(); ++i) {
    const yaml::Node* old_root = i == 0 ? before.document.root : before.more_documents[i - 1].root;
    const yaml::Node* new_root = i == 0 ? after_edit.document.root : after_edit.more_documents[i - 1].root;
    if (auto difference = comparer.compare(old_root, new_root); !difference.empty()) {
      return refuse("change more than planned: " + difference);
    }
  }

  const std::set<std::string> before_errors = error_messages(edit.file->source);
  for (const std::string& error : error_messages(edited)) {
    if (!before_errors.contains(error)) return refuse("make the file invalid: " + error);
  }

  for (const ExpectedThreshold& expected : edit.expected_thresholds) {
    const Alert* alert = nullptr;
    for (const Alert& a : after.alerts) {
      if (a.group_index == expected.group_index && a.rule_index == expected.rule_index) alert = &a;
    }
    const bool same = alert != nullptr && expected.index < alert->thresholds.size() &&
                      (alert->thresholds[expected.index].value == expected.value ||
                       (std::isnan(expected.value) && std::isnan(alert->thresholds[expected.index].value)));
    if (!same) return refuse(fmt::format("not give alert {} the threshold {}", expected.alert, expected.value));
  }
  return {};
}

}  // namespace mlmon::thresholds
