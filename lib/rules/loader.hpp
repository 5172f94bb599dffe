#pragma once
#include <expected>
#include <optional>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "rules/model.hpp"

namespace mlmon::rules {

struct LoadOptions {
  bool ignore_unknown_fields = false;  ///< like promtool's --ignore-unknown-fields
};

/// The documents of a file to read rules from. Prometheus reads the first document of a rule file
/// only (load() warns about the rest), but a Kubernetes manifest file holds resources separated by
/// `---`, and the Prometheus Operator gets each PrometheusRule among them on its own: a file whose
/// first document is not a plain rule file and that has a PrometheusRule anywhere gives all its
/// documents (load_all()). Otherwise the first document alone.
std::vector<yaml::Document> load_rule_documents(SourceFilePtr source);

/// A document holding a Kubernetes PrometheusRule.
bool holds_prometheus_rule(const yaml::Document& document);

/// Decodes a parsed YAML document into the rule model as Prometheus's strict decoder does:
/// unknown fields, wrong node kinds and bad durations become diagnostics (rule ids
/// "rules/schema" and "rules/duration"), every one of them, not only the first.
/// Recognises Kubernetes PrometheusRule manifests (monitoring.coreos.com, kind PrometheusRule).
RuleFile decode_rule_file(yaml::Document document, const LoadOptions& options, std::vector<Diagnostic>& out);
/// The same for load_rule_documents()' result: several documents are a manifest file, whose
/// PrometheusRules give the groups (other resources are skipped); each document's own problems
/// go to `out` too.
RuleFile decode_rule_file(std::vector<yaml::Document> documents, const LoadOptions& options,
                          std::vector<Diagnostic>& out);

/// decode_rule_file() in parts, for a reader that gets the groups one at a time (check-rules on a
/// streamed document). First the root, or a PrometheusRule's spec: returns the `groups` sequence
/// (nullptr when there is none to read), having reported what is wrong around it.
const yaml::Node* decode_groups_holder(const yaml::Node* root, const SourceFile& source, const LoadOptions& options,
                                       std::vector<Diagnostic>& out);
/// Then each item of `groups`: nullopt, after reporting it, when the item is not a group mapping.
std::optional<Group> decode_group(const yaml::Node& item, const SourceFile& source, const LoadOptions& options,
                                  std::vector<Diagnostic>& out);

/// A Kubernetes PrometheusRule manifest (apiVersion monitoring.coreos.com/..., kind PrometheusRule).
bool is_prometheus_rule(const yaml::Node& root);

/// Loads a whole rule file for a tool that needs all of it (`mlmon diff`): the first error that
/// would make Prometheus refuse the file (YAML, schema, duration) ends the load, and so does a
/// YAML file that is neither a rule file (`groups:`) nor a PrometheusRule ("rules/not-a-rule-file").
/// An empty file is a rule file without groups, as for Prometheus.
std::expected<RuleFile, Diagnostic> load_rule_file(SourceFilePtr source, const LoadOptions& options = {});

/// True when the document looks like a rule file or PrometheusRule (for `mlmon check DIR`).
bool looks_like_rule_file(const yaml::Node* root);

}  // namespace mlmon::rules
