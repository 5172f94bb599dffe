#include "rules/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "core/go_quote.hpp"
#include "promql/duration.hpp"
#include "yaml/scalars.hpp"

namespace mlmon::rules {

namespace {

using yaml::Node;

constexpr std::array kGroupsFields{"groups"};
constexpr std::array kGroupFields{"name", "interval", "query_offset", "limit", "rules", "labels"};
constexpr std::array kRuleFields{"record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"};

class Decoder {
 public:
  Decoder(const LoadOptions& options, std::vector<Diagnostic>& out, const SourceFile& source)
      : options_(options), out_(out), source_(source) {}

  void report(const Node* at, std::string rule_id, std::string message, std::string hint = {}) {
    out_.push_back(make_diagnostic(Severity::Error, rule_id, source_.path(), at != nullptr ? at->pos() : Position{},
                                   std::move(message), std::move(hint)));
  }

  // Go's yaml: `cannot unmarshal !!seq into string`.
  bool expect_kind(const Node* node, yaml::NodeKind kind, std::string_view go_type) {
    if (node == nullptr || node->is_null() || node->kind == kind) return true;
    report(node, "rules/schema", yaml::cannot_unmarshal(*node, go_type));
    return false;
  }

  template <std::size_t N>
  void check_fields(const Node& map, const std::array<const char*, N>& known, std::string_view go_type) {
    if (options_.ignore_unknown_fields) return;
    for (const yaml::Entry& e : map.entries) {
      if (e.merged) continue;
      const yaml::ScalarText& key = e.key->value;
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
        report(e.key, "rules/schema", fmt::format("field {} not found in type {}", key, go_type),
               closest_field(key, known));
      }
    }
  }

  template <std::size_t N>
  static std::string closest_field(const std::string& key, const std::array<const char*, N>& known) {
    for (const char* k : known) {
      const std::string_view candidate(k);
      // A plural/singular slip or a case slip is the common typo (`annotation:`, `Labels:`).
      if (candidate == key + "s" || key == std::string(candidate) + "s" ||
          std::equal(candidate.begin(), candidate.end(), key.begin(), key.end(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return fmt::format("did you mean `{}`?", candidate);
      }
    }
    return {};
  }

  const Node* scalar_field(const Node& map, std::string_view name) {
    const Node* node = map.get(name);
    if (node == nullptr) return nullptr;
    if (!expect_kind(node, yaml::NodeKind::Scalar, "string")) return nullptr;
    return node;
  }

  const Node* duration_field(const Node& map, std::string_view name) {
    const Node* node = map.get(name);
    if (node == nullptr || node->is_null()) return node;
    if (!expect_kind(node, yaml::NodeKind::Scalar, "string")) return nullptr;
    if (auto ms = promql::parse_duration_ms(node->value); !ms) report(node, "rules/duration", ms.error().message);
    return node;
  }

  const Node* string_map_field(const Node& map, std::string_view name) {
    const Node* node = map.get(name);
    if (node == nullptr || node->is_null()) return nullptr;
    if (!expect_kind(node, yaml::NodeKind::Mapping, "map[string]string")) return nullptr;
    for (const yaml::Entry& e : node->entries) {
      expect_kind(e.key, yaml::NodeKind::Scalar, "string");
      expect_kind(e.value, yaml::NodeKind::Scalar, "string");
    }
    return node;
  }

  Rule decode_rule(const Node& node, int index) {
    Rule rule;
    rule.node = &node;
    rule.index = index;
    check_fields(node, kRuleFields, "rulefmt.Rule");
    rule.record = scalar_field(node, "record");
    rule.alert = scalar_field(node, "alert");
    rule.expr = node.get("expr");
    if (rule.expr != nullptr && !rule.expr->is_null() && !expect_kind(rule.expr, yaml::NodeKind::Scalar, "string")) {
      rule.expr = nullptr;
    }
    rule.for_ = duration_field(node, "for");
    rule.keep_firing_for = duration_field(node, "keep_firing_for");
    rule.labels = string_map_field(node, "labels");
    rule.annotations = string_map_field(node, "annotations");
    const bool has_record = rule.record != nullptr && !rule.record->value.empty();
    rule.kind = has_record && rule.alert == nullptr ? RuleKind::Recording : RuleKind::Alerting;
    if (has_record && (rule.alert == nullptr || rule.alert->value.empty())) rule.kind = RuleKind::Recording;
    rule.name = rule.kind == RuleKind::Recording ? rule.record->value : (rule.alert ? rule.alert->value : "");
    return rule;
  }

  Group decode_group(const Node& node) {
    Group group;
    group.node = &node;
    check_fields(node, kGroupFields, "rulefmt.RuleGroup");
    group.name_node = scalar_field(node, "name");
    if (group.name_node) group.name = group.name_node->value;
    group.interval = duration_field(node, "interval");
    group.query_offset = duration_field(node, "query_offset");
    group.limit = node.get("limit");
    if (group.limit != nullptr && !group.limit->is_null() && expect_kind(group.limit, yaml::NodeKind::Scalar, "int") &&
        !yaml::as_int(*group.limit)) {
      report(group.limit, "rules/schema", yaml::cannot_unmarshal(*group.limit, "int"));
    }
    group.labels = string_map_field(node, "labels");
    const Node* rules = node.get("rules");
    if (rules != nullptr && expect_kind(rules, yaml::NodeKind::Sequence, "[]rulefmt.Rule")) {
      int index = 0;
      for (const Node* item : rules->items) {
        ++index;
        if (!expect_kind(item, yaml::NodeKind::Mapping, "rulefmt.Rule") || item->is_null()) continue;
        group.rules.push_back(decode_rule(*item, index));
      }
    }
    return group;
  }

  std::optional<Group> decode_group_item(const Node& item) {
    if (!expect_kind(&item, yaml::NodeKind::Mapping, "rulefmt.RuleGroup") || item.is_null()) return std::nullopt;
    return decode_group(item);
  }

  /// The `groups` sequence of a rule file (or of a PrometheusRule's spec), after the checks of
  /// what holds it; nullptr when there is none to read.
  const Node* groups_of(const Node* root, bool& manifest) {
    manifest = false;
    if (root == nullptr || root->is_null()) return nullptr;  // an empty file is valid and has no rules
    if (!expect_kind(root, yaml::NodeKind::Mapping, "rulefmt.RuleGroups")) return nullptr;
    const Node* holder = root;
    if (is_prometheus_rule(*root)) {
      manifest = true;
      holder = root->get("spec");
      if (holder == nullptr) {
        report(root, "rules/schema", "PrometheusRule has no spec");
        return nullptr;
      }
      if (!expect_kind(holder, yaml::NodeKind::Mapping, "v1.PrometheusRuleSpec") || holder->is_null()) return nullptr;
    } else {
      check_fields(*root, kGroupsFields, "rulefmt.RuleGroups");
    }
    const Node* groups = holder->get("groups");
    if (groups == nullptr || !expect_kind(groups, yaml::NodeKind::Sequence, "[]rulefmt.RuleGroup")) return nullptr;
    return groups;
  }

 private:
  const LoadOptions& options_;
  std::vector<Diagnostic>& out_;
  const SourceFile& source_;
};

}  // namespace

bool is_prometheus_rule(const yaml::Node& root) {
  const Node* api = root.get("apiVersion");
  const Node* kind = root.get("kind");
  return api != nullptr && kind != nullptr && api->is_scalar() && kind->is_scalar() &&
         api->value.starts_with("monitoring.coreos.com/") && kind->value == "PrometheusRule";
}

const yaml::Node* decode_groups_holder(const yaml::Node* root, const SourceFile& source, const LoadOptions& options,
                                       std::vector<Diagnostic>& out) {
  bool manifest = false;
  return Decoder(options, out, source).groups_of(root, manifest);
}

std::optional<Group> decode_group(const yaml::Node& item, const SourceFile& source, const LoadOptions& options,
                                  std::vector<Diagnostic>& out) {
  return Decoder(options, out, source).decode_group_item(item);
}

std::size_t RuleFile::rule_count() const {
  std::size_t n = 0;
  for (const Group& g : groups) n += g.rules.size();
  return n;
}

std::string rule_context(const Group& group, const Rule& rule) {
  // Prometheus formats both names with %q: quotes and backslashes inside are escaped.
  return fmt::format("group {}, rule {}, {}: ", go::quote(group.name), rule.index, go::quote(rule.name));
}

bool looks_like_rule_file(const yaml::Node* root) {
  if (root == nullptr || !root->is_map()) return false;
  if (is_prometheus_rule(*root)) return true;
  const Node* groups = root->get("groups");
  if (groups == nullptr || !groups->is_seq()) return false;
  return std::any_of(groups->items.begin(), groups->items.end(),
                     [](const Node* g) { return g->is_map() && g->get("rules") != nullptr; }) ||
         groups->items.empty();
}

namespace {

std::string resource_name(const yaml::Node& root) {
  const Node* metadata = root.get("metadata");
  const Node* name = metadata != nullptr && metadata->is_map() ? metadata->get("name") : nullptr;
  return name != nullptr && name->is_scalar() ? name->value.str() : std::string();
}

}  // namespace

bool holds_prometheus_rule(const yaml::Document& document) {
  return document.root != nullptr && document.root->is_map() && is_prometheus_rule(*document.root);
}

std::vector<yaml::Document> load_rule_documents(SourceFilePtr source) {
  std::vector<yaml::Document> documents;
  documents.push_back(yaml::load(source));
  const yaml::Document& first = documents.front();
  const bool plain_rule_file = first.root != nullptr && first.root->is_map() && !is_prometheus_rule(*first.root) &&
                               first.root->get("groups") != nullptr;
  if (first.has_further_documents() && !plain_rule_file) {
    std::vector<yaml::Document> all = yaml::load_all(std::move(source));
    if (std::any_of(all.begin(), all.end(), holds_prometheus_rule)) return all;
  }
  return documents;
}

RuleFile decode_rule_file(std::vector<yaml::Document> documents, const LoadOptions& options,
                          std::vector<Diagnostic>& out) {
  if (documents.size() == 1) {
    out.insert(out.end(), documents.front().problems.begin(), documents.front().problems.end());
    return decode_rule_file(std::move(documents.front()), options, out);
  }
  RuleFile file;
  file.is_manifest = true;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    yaml::Document& document = i == 0 ? file.document : file.more_documents.emplace_back();
    document = std::move(documents[i]);
    out.insert(out.end(), document.problems.begin(), document.problems.end());
    if (!document.ok() || !holds_prometheus_rule(document)) continue;
    Decoder decoder(options, out, *document.source);
    bool manifest = false;
    const Node* groups = decoder.groups_of(document.root, manifest);
    if (groups == nullptr) continue;
    const std::string resource = resource_name(*document.root);
    for (const Node* item : groups->items) {
      if (auto group = decoder.decode_group_item(*item)) {
        group->resource = resource;
        file.groups.push_back(std::move(*group));
      }
    }
  }
  return file;
}

RuleFile decode_rule_file(yaml::Document document, const LoadOptions& options, std::vector<Diagnostic>& out) {
  RuleFile file;
  file.document = std::move(document);
  Decoder decoder(options, out, *file.document.source);
  const Node* groups = decoder.groups_of(file.document.root, file.is_manifest);
  if (groups == nullptr) return file;
  const std::string resource = file.is_manifest ? resource_name(*file.document.root) : std::string();
  for (const Node* item : groups->items) {
    if (auto group = decoder.decode_group_item(*item)) {
      group->resource = resource;
      file.groups.push_back(std::move(*group));
    }
  }
  return file;
}

std::expected<RuleFile, Diagnostic> load_rule_file(SourceFilePtr source, const LoadOptions& options) {
  auto first_error = [](const std::vector<Diagnostic>& problems) -> const Diagnostic* {
    const Diagnostic* first = nullptr;
    for (const Diagnostic& d : problems) {
      if (d.severity != Severity::Error) continue;
      if (first == nullptr || std::pair(d.pos.line, d.pos.col) < std::pair(first->pos.line, first->pos.col)) first = &d;
    }
    return first;
  };
  std::vector<yaml::Document> documents = load_rule_documents(source);
  if (documents.size() > 1) {  // a manifest file with a PrometheusRule
    std::vector<Diagnostic> problems;
    RuleFile file = decode_rule_file(std::move(documents), options, problems);
    if (const Diagnostic* error = first_error(problems)) return std::unexpected(*error);
    return file;
  }
  yaml::Document document = std::move(documents.front());
  if (const Diagnostic* error = first_error(document.problems)) return std::unexpected(*error);
  const Node* root = document.root;
  if (root != nullptr && !root->is_null() && !(root->is_map() && (is_prometheus_rule(*root) || root->get("groups")))) {
    return std::unexpected(make_diagnostic(Severity::Error, "rules/not-a-rule-file", source->path(), root->pos(),
                                           "not a rule file: expected `groups:` or a PrometheusRule manifest"));
  }
  std::vector<Diagnostic> problems;
  RuleFile file = decode_rule_file(std::move(document), options, problems);
  if (const Diagnostic* error = first_error(problems)) return std::unexpected(*error);
  return file;
}

}  // namespace mlmon::rules
