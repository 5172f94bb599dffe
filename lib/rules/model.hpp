#pragma once
#include <string>
#include <vector>

#include "yaml/document.hpp"

namespace mlmon::rules {

enum class RuleKind { Alerting, Recording };

/// One rule of a group. Fields point into the YAML document (nullptr when absent), so every
/// finding can name the exact place; the values are the decoded strings.
struct Rule {
  const yaml::Node* node = nullptr;  ///< the rule's mapping
  RuleKind kind = RuleKind::Alerting;
  int index = 0;     ///< 1-based position in its group, as promtool counts
  std::string name;  ///< alert or record name ("" when neither is set)
  const yaml::Node* record = nullptr;
  const yaml::Node* alert = nullptr;
  const yaml::Node* expr = nullptr;
  const yaml::Node* for_ = nullptr;
  const yaml::Node* keep_firing_for = nullptr;
  const yaml::Node* labels = nullptr;
  const yaml::Node* annotations = nullptr;

  bool is_alert() const { return kind == RuleKind::Alerting; }
  /// The value of `labels[name]` as a string, or nullptr.
  const yaml::Node* label(std::string_view name) const { return labels ? labels->get(name) : nullptr; }
  const yaml::Node* annotation(std::string_view name) const { return annotations ? annotations->get(name) : nullptr; }
};

struct Group {
  const yaml::Node* node = nullptr;
  std::string name;
  /// The metadata.name of the PrometheusRule holding the group; "" in a plain rule file. A
  /// manifest may hold several PrometheusRules, each free to reuse another's group names.
  std::string resource;
  const yaml::Node* name_node = nullptr;
  const yaml::Node* interval = nullptr;
  const yaml::Node* query_offset = nullptr;
  const yaml::Node* limit = nullptr;
  const yaml::Node* labels = nullptr;
  std::vector<Rule> rules;
};

/// A rule file (or a Kubernetes PrometheusRule manifest, whose `spec` holds the groups).
struct RuleFile {
  yaml::Document document;  ///< the first (often only) document of the file
  /// A manifest file's further resources (`---`), read for the PrometheusRules among them.
  std::vector<yaml::Document> more_documents;
  bool is_manifest = false;   ///< a PrometheusRule: positions still point into the manifest
  std::vector<Group> groups;  ///< of every document read, in file order

  const SourceFile& source() const { return *document.source; }
  std::size_t rule_count() const;
};

/// "group \"g\", rule 1, \"A\": " as promtool prefixes rule-level messages.
std::string rule_context(const Group&, const Rule&);

}  // namespace mlmon::rules
