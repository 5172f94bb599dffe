#include "workspace/file_kind.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <optional>

#include "rules/loader.hpp"
#include "yaml/document.hpp"

namespace mlmon::workspace {

namespace {

bool has_line_starting(std::string_view text, std::string_view key) {
  for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') return true;
  }
  return false;
}

// route: and receivers: as top-level keys of a single block-style document, and nothing that
// could make it a rule file (groups, a PrometheusRule manifest): what classify_streamed would call
// an Alertmanager config whether or not the YAML parses.
bool plainly_alertmanager_config(std::string_view text) {
  return has_line_starting(text, "route:") && has_line_starting(text, "receivers:") &&
         text.find("groups") == std::string_view::npos && text.find("PrometheusRule") == std::string_view::npos &&
         !has_line_starting(text, "---") && !has_line_starting(text, "...");
}

bool is_alertmanager_config(const yaml::Node* root) {
  return root != nullptr && root->is_map() && root->get("route") != nullptr && root->get("receivers") != nullptr;
}

bool is_rule_tests(const yaml::Node* root) {
  if (root == nullptr || !root->is_map()) return false;
  const yaml::Node* tests = root->get("tests");
  return tests != nullptr && (root->get("rule_files") != nullptr || root->get("evaluation_interval") != nullptr ||
                              (tests->is_seq() && !tests->items.empty() && tests->items.front()->is_map() &&
                               tests->items.front()->get("input_series") != nullptr));
}

bool is_route_cases(const yaml::Node* root) {
  if (root == nullptr || !root->is_seq() || root->items.empty()) return false;
  return std::all_of(root->items.begin(), root->items.end(), [](const yaml::Node* item) {
    return item->is_map() && item->get("labels") != nullptr && item->get("receivers") != nullptr;
  });
}

bool is_prometheus_config(const yaml::Node* root) {
  return root != nullptr && root->is_map() &&
         (root->get("scrape_configs") != nullptr ||
          (root->get("global") != nullptr && (root->get("rule_files") != nullptr || root->get("alerting") != nullptr)));
}

Classified classify_json(const SourceFilePtr& source) {
  const std::string_view text = source->text();
  // A dashboard, or JSON that does not parse: the dashboard checks say where it breaks.
  if (text.find("\"panels\"") != std::string_view::npos || text.find("\"rows\"") != std::string_view::npos) {
    return {FileKind::Dashboard, {}};
  }
  if (!nlohmann::json::accept(text)) return {FileKind::Dashboard, {}};
  return {FileKind::Other, {}};
}

Classified classify_template(const SourceFilePtr& source) {
  const std::string_view text = source->text();
  if (has_line_starting(text, "route:") && has_line_starting(text, "receivers:")) {
    return {FileKind::AlertmanagerTemplate, {}};
  }
  if (text.find("{{") != std::string_view::npos && text.find("define") != std::string_view::npos) {
    return {FileKind::NotificationTemplate, {}};
  }
  return {FileKind::Other, {}};
}

}  // namespace

void StreamedGroups::see(const yaml::Node& group) {
  ++count;
  if (group.is_map() && group.get("rules") != nullptr) with_rules = true;
}

Classified classify(const SourceFilePtr& source) {
  const std::string& path = source->path();
  if (path.ends_with(".json")) return classify_json(source);
  if (path.ends_with(".tmpl")) return classify_template(source);

  // A block-style Alertmanager config shows it in its first column: no parse is needed to tell
  // (checking it parses it, and a second parse was a fifth of check-alertmanager's time). Only
  // text that nothing earlier in classify_streamed's order could claim takes this shortcut.
  if (plainly_alertmanager_config(source->text())) return {FileKind::AlertmanagerConfig, {}};

  // Rule files are read a group at a time, as check-rules reads them: telling what a 10,000-rule
  // file is must not hold all its groups in memory.
  StreamedGroups streamed;
  const std::optional<yaml::Document> skeleton =
      yaml::load_streaming(source, "groups", [&](const yaml::Node& group) { streamed.see(group); });
  return classify_streamed(source, skeleton ? &*skeleton : nullptr, streamed);
}

Classified classify_streamed(const SourceFilePtr& source, const yaml::Document* skeleton,
                             const StreamedGroups& groups) {
  const std::string& path = source->path();
  if (path.ends_with(".json")) return classify_json(source);
  if (path.ends_with(".tmpl")) return classify_template(source);

  // When nothing was streamed, the document is whole; when the fast path could not stream the
  // file, it is loaded whole.
  const std::size_t streamed = skeleton != nullptr ? groups.count : 0;
  std::optional<yaml::Document> loaded;
  if (skeleton == nullptr) loaded = yaml::load(source);
  const yaml::Document& doc = skeleton != nullptr ? *skeleton : *loaded;
  const yaml::Node* root = doc.root;
  if (!doc.ok()) {
    // Broken YAML is given the kind it plainly means, so its own checks report the error.
    const std::string_view text = source->text();
    if (has_line_starting(text, "groups:") || text.find("PrometheusRule") != std::string_view::npos) {
      return {FileKind::RuleFile, {}};
    }
    if (has_line_starting(text, "route:") && has_line_starting(text, "receivers:")) {
      return {FileKind::AlertmanagerConfig, {}};
    }
    Classified broken{FileKind::Unparsable, {}};
    for (const Diagnostic& d : doc.problems) {
      if (d.severity == Severity::Error) broken.problems.push_back(d);
    }
    return broken;
  }
  // With its groups streamed, `groups` holds none: what looks_like_rule_file() looks for was seen then.
  const bool rule_file =
      streamed > 0 ? groups.with_rules || rules::is_prometheus_rule(*root) : rules::looks_like_rule_file(root);
  if (rule_file) return {FileKind::RuleFile, {}};
  if (is_alertmanager_config(root)) return {FileKind::AlertmanagerConfig, {}};
  if (is_rule_tests(root)) return {FileKind::RuleTests, {}};
  if (is_route_cases(root)) return {FileKind::RouteCases, {}};
  if (is_prometheus_config(root)) return {FileKind::PrometheusConfig, {}};
  // A Kubernetes manifest file whose PrometheusRule is not its first resource.
  if (doc.has_further_documents() && rules::load_rule_documents(source).size() > 1) return {FileKind::RuleFile, {}};
  return {FileKind::Other, {}};
}

std::string_view kind_id(FileKind kind) {
  switch (kind) {
    case FileKind::RuleFile: return "rule-file";
    case FileKind::AlertmanagerConfig: return "alertmanager-config";
    case FileKind::AlertmanagerTemplate: return "alertmanager-template";
    case FileKind::Dashboard: return "dashboard";
    case FileKind::RuleTests: return "rule-tests";
    case FileKind::RouteCases: return "route-cases";
    case FileKind::NotificationTemplate: return "notification-template";
    case FileKind::PrometheusConfig: return "prometheus-config";
    case FileKind::Unparsable: return "unparsable";
    case FileKind::Other: return "other";
  }
  return "other";
}

std::string_view describe(FileKind kind) {
  switch (kind) {
    case FileKind::RuleFile: return "a Prometheus rule file";
    case FileKind::AlertmanagerConfig: return "an Alertmanager config";
    case FileKind::AlertmanagerTemplate: return "an Alertmanager config template";
    case FileKind::Dashboard: return "a Grafana dashboard";
    case FileKind::RuleTests: return "a promtool rule test file";
    case FileKind::RouteCases: return "a routing-cases file";
    case FileKind::NotificationTemplate: return "an Alertmanager notification template";
    case FileKind::PrometheusConfig: return "a Prometheus server config";
    case FileKind::Unparsable: return "a file that does not parse";
    case FileKind::Other: return "a file of no kind mlmon checks";
  }
  return "a file";
}

std::string_view command_for(FileKind kind) {
  switch (kind) {
    case FileKind::RuleFile: return "check-rules";
    case FileKind::AlertmanagerConfig:
    case FileKind::AlertmanagerTemplate: return "check-alertmanager";
    case FileKind::Dashboard: return "check-dashboards";
    case FileKind::RouteCases: return "routes test CONFIG --cases";
    case FileKind::RuleTests: return "test-rules";
    case FileKind::NotificationTemplate:
    case FileKind::PrometheusConfig:
    case FileKind::Unparsable:
    case FileKind::Other: return "";
  }
  return "";
}

}  // namespace mlmon::workspace
