#include "doctor/rule_compare.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

#include "core/go_quote.hpp"
#include "doctor/time_text.hpp"
#include "rules/loader.hpp"
#include "rules/rule_diff.hpp"

namespace mlmon::doctor {

namespace {

/// A YAML double-quoted scalar: JSON's escapes are a subset of YAML's, so JSON text is exact.
std::string yaml_quoted(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::map<std::string, std::string> string_map(const yaml::Node* node) {
  std::map<std::string, std::string> out;
  if (node == nullptr || !node->is_map()) return out;
  for (const yaml::Entry& e : node->entries) out.emplace(e.key->value, e.value->value);  // explicit keys first
  return out;
}

struct RuleText {
  bool alerting = false;
  std::string name;
  std::string expr;
  std::string for_;  // "" when absent
  std::string keep_firing_for;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

std::string group_yaml(std::string_view name, const std::vector<RuleText>& rules) {
  std::string out = "groups:\n  - name: " + yaml_quoted(name) + "\n    rules:\n";
  auto write_map = [&](std::string_view key, const std::map<std::string, std::string>& map) {
    if (map.empty()) return;
    out += fmt::format("        {}:\n", key);
    for (const auto& [k, v] : map) out += fmt::format("          {}: {}\n", yaml_quoted(k), yaml_quoted(v));
  };
  for (const RuleText& rule : rules) {
    out += fmt::format("      - {}: {}\n", rule.alerting ? "alert" : "record", yaml_quoted(rule.name));
    out += fmt::format("        expr: {}\n", yaml_quoted(rule.expr));
    if (!rule.for_.empty()) out += fmt::format("        for: {}\n", yaml_quoted(rule.for_));
    if (!rule.keep_firing_for.empty())
      out += fmt::format("        keep_firing_for: {}\n", yaml_quoted(rule.keep_firing_for));
    write_map("labels", rule.labels);
    write_map("annotations", rule.annotations);
  }
  if (rules.empty()) out += "      []\n";
  return out;
}

std::unique_ptr<rules::RuleFile> load_text(std::string path, std::string text) {
  auto loaded = rules::load_rule_file(std::make_shared<SourceFile>(std::move(path), std::move(text)));
  if (!loaded) return nullptr;
  return std::make_unique<rules::RuleFile>(std::move(*loaded));
}

}  // namespace

ChangeSet compare_group(const rules::Group& repo, const LiveGroup& live) {
  std::vector<RuleText> git;
  const auto group_labels = string_map(repo.labels);
  for (const rules::Rule& rule : repo.rules) {
    RuleText text;
    text.alerting = rule.is_alert();
    text.name = rule.name;
    text.expr = rule.expr != nullptr ? rule.expr->value : "";
    if (rule.for_ != nullptr && !rule.for_->is_null()) text.for_ = rule.for_->value;
    if (rule.keep_firing_for != nullptr && !rule.keep_firing_for->is_null()) {
      text.keep_firing_for = rule.keep_firing_for->value;
    }
    text.labels = string_map(rule.labels);
    for (const auto& [key, value] : group_labels) text.labels.emplace(key, value);  // the rule's own win
    text.annotations = string_map(rule.annotations);
    git.push_back(std::move(text));
  }
  std::vector<RuleText> loaded;
  for (const LiveRule& rule : live.rules) {
    RuleText text;
    text.alerting = rule.alerting;
    text.name = rule.name;
    text.expr = rule.query;
    if (rule.duration_s > 0) text.for_ = prometheus_duration(rule.duration_s);
    if (rule.keep_firing_for_s > 0) text.keep_firing_for = prometheus_duration(rule.keep_firing_for_s);
    text.labels = std::map<std::string, std::string>(rule.labels.begin(), rule.labels.end());
    text.annotations = std::map<std::string, std::string>(rule.annotations.begin(), rule.annotations.end());
    loaded.push_back(std::move(text));
  }
  auto old_file = load_text("prometheus", group_yaml(live.name, loaded));
  auto new_file = load_text("git", group_yaml(repo.name, git));
  if (!old_file || !new_file) return {};  // cannot happen for text written above; compare nothing rather than guess
  return rules::diff_rule_files(*old_file, *new_file);
}

const rules::Rule* rule_of_subject(const rules::Group& repo, std::string_view subject) {
  const bool alert = subject.starts_with("alert ");
  const std::size_t name_start = subject.find('"');
  if (name_start == std::string_view::npos) return nullptr;
  std::string name;
  std::size_t i = name_start + 1;
  for (; i < subject.size() && subject[i] != '"'; ++i) {
    if (subject[i] == '\\' && i + 1 < subject.size()) ++i;
    name += subject[i];
  }
  // Labels that tell same-named rules apart: ` {severity="critical"}` right after the name.
  std::string_view rest = i + 1 < subject.size() ? subject.substr(i + 1) : std::string_view();
  std::string_view labels = rest.starts_with(" {") ? rest.substr(2, rest.find('}') - 2) : std::string_view();
  const rules::Rule* first = nullptr;
  for (const rules::Rule& rule : repo.rules) {
    if (rule.is_alert() != alert || rule.name != name) continue;
    if (first == nullptr) first = &rule;
    bool all = true;
    if (!labels.empty()) {
      std::size_t start = 0;
      while (start < labels.size()) {
        std::size_t end = labels.find(", ", start);
        std::string_view pair =
            labels.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        const std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos) {
          const yaml::Node* value = rule.label(pair.substr(0, eq));
          std::string unquoted;
          if (value == nullptr || !go::unquote(pair.substr(eq + 1), unquoted) || unquoted != value->value) all = false;
        }
        if (end == std::string_view::npos) break;
        start = end + 2;
      }
    }
    if (all && !labels.empty()) return &rule;
  }
  return first;
}

}  // namespace mlmon::doctor
