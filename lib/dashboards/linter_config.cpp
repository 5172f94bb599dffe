#include "dashboards/linter_config.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "dashboards/checks/check.hpp"
#include "yaml/document.hpp"

namespace mlmon::dashboards {

namespace {

constexpr std::string_view kRule = "dashboards/linter-config";

/// dashboard-linter rules and the mlmon checks that do the same job.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kLinterRules{{
    {"target-counter-agg-rule", "dashboards/counter-without-rate"},
    {"target-rate-interval-rule", "dashboards/rate-interval"},
    {"target-promql-rule", "dashboards/promql-parse"},
    {"panel-title-description-rule", "dashboards/panel-title"},
    {"panel-units-rule", "dashboards/panel-unit"},
    {"panel-no-targets-rule", "dashboards/panel-no-targets"},
}};

bool matches(const std::vector<LinterConfig::Entry>& entries, std::string_view dashboard, std::string_view panel,
             std::optional<std::size_t> target_index) {
  if (entries.empty()) return true;
  for (const LinterConfig::Entry& e : entries) {
    if (!e.dashboard.empty() && e.dashboard != dashboard) continue;
    if (!e.panel.empty() && e.panel != panel) continue;
    if (e.target_index && e.target_index != target_index) continue;
    return true;
  }
  return false;
}

bool lookup(const std::map<std::string, std::vector<LinterConfig::Entry>, std::less<>>& rules, std::string_view id,
            std::string_view dashboard, std::string_view panel, std::optional<std::size_t> target_index) {
  const auto it = rules.find(id);
  return it != rules.end() && matches(it->second, dashboard, panel, target_index);
}

class Parser {
 public:
  Parser(const SourceFile& file, std::vector<Diagnostic>& problems) : file_(file), problems_(problems) {}

  LinterConfig parse(const yaml::Node* root) {
    LinterConfig config;
    if (root == nullptr || root->is_null()) return config;
    if (!expect(root, yaml::NodeKind::Mapping, "a mapping with exclusions and warnings")) return config;
    for (const yaml::Entry& e : root->entries) {
      if (e.key->value == "exclusions") rules(e.value, config.exclusions);
      else if (e.key->value == "warnings") rules(e.value, config.warnings);
      // dashboard-linter has no other keys today; newer ones are not ours to judge.
    }
    return config;
  }

 private:
  void problem(const yaml::Node* at, std::string message) {
    problems_.push_back(make_diagnostic(Severity::Error, kRule, file_.path(), at->pos(), std::move(message)));
  }

  bool expect(const yaml::Node* node, yaml::NodeKind kind, std::string_view what) {
    if (node->kind == kind) return true;
    problem(node, fmt::format("expected {}", what));
    return false;
  }

  void rules(const yaml::Node* node, std::map<std::string, std::vector<LinterConfig::Entry>, std::less<>>& out) {
    if (node->is_null() || !expect(node, yaml::NodeKind::Mapping, "a mapping of rule names")) return;
    for (const yaml::Entry& e : node->entries) {
      const std::string_view check = linter_rule_check(e.key->value);
      std::vector<LinterConfig::Entry> entries;
      if (!e.value->is_null() && expect(e.value, yaml::NodeKind::Mapping, "a mapping with reason and entries")) {
        if (const yaml::Node* list = e.value->get("entries");
            list && !list->is_null() && expect(list, yaml::NodeKind::Sequence, "a list of entries")) {
          for (const yaml::Node* item : list->items) {
            if (expect(item, yaml::NodeKind::Mapping, "an entry {dashboard, panel, targetIdx, reason}")) {
              entries.push_back(entry(*item));
            }
          }
        }
      }
      if (check.empty()) continue;
      auto& existing = out[std::string(check)];
      existing.insert(existing.end(), entries.begin(), entries.end());
    }
  }

  LinterConfig::Entry entry(const yaml::Node& item) {
    LinterConfig::Entry entry;
    auto text = [&](std::string_view key) -> std::string {
      const yaml::Node* n = item.get(key);
      if (n == nullptr || n->is_null()) return {};
      if (!expect(n, yaml::NodeKind::Scalar, "a string")) return {};
      return n->value;
    };
    entry.dashboard = text("dashboard");
    entry.panel = text("panel");
    const std::string index = text("targetIdx");
    if (!index.empty()) {
      std::size_t value = 0;
      bool ok = index.size() < 9;
      for (char c : index) ok = ok && c >= '0' && c <= '9', value = value * 10 + static_cast<std::size_t>(c - '0');
      if (ok) entry.target_index = value;
      else problem(item.get("targetIdx"), fmt::format("targetIdx \"{}\" is not a query index", index));
    }
    return entry;
  }

  const SourceFile& file_;
  std::vector<Diagnostic>& problems_;
};

}  // namespace

std::string_view linter_rule_check(std::string_view rule) {
  for (const auto& [name, check] : kLinterRules) {
    if (name == rule) return check;
  }
  if (const CheckInfo* info = find_check(rule)) return info->id;
  return {};
}

bool LinterConfig::excludes(std::string_view check_id, std::string_view dashboard, std::string_view panel,
                            std::optional<std::size_t> target_index) const {
  return lookup(exclusions, check_id, dashboard, panel, target_index);
}

bool LinterConfig::downgrades(std::string_view check_id, std::string_view dashboard, std::string_view panel,
                              std::optional<std::size_t> target_index) const {
  return lookup(warnings, check_id, dashboard, panel, target_index);
}

LinterConfig parse_linter_config(const SourceFilePtr& file, std::vector<Diagnostic>& problems) {
  yaml::Document doc = yaml::load(file);
  for (Diagnostic& d : doc.problems) problems.push_back(std::move(d));
  if (!doc.ok()) return {};
  return Parser(*file, problems).parse(doc.root);
}

}  // namespace mlmon::dashboards
