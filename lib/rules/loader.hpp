#pragma once
#include <vector>

#include "core/diagnostic.hpp"
#include "rules/model.hpp"

namespace mlmon::rules {

struct LoadOptions {
  bool ignore_unknown_fields = false;  ///< like promtool's --ignore-unknown-fields
};

/// Decodes a parsed YAML document into the rule model as Prometheus's strict decoder does:
/// unknown fields, wrong node kinds and bad durations become diagnostics (rule ids
/// "rules/schema" and "rules/duration"), every one of them, not only the first.
/// Recognises Kubernetes PrometheusRule manifests (monitoring.coreos.com, kind PrometheusRule).
RuleFile decode_rule_file(yaml::Document document, const LoadOptions& options, std::vector<Diagnostic>& out);

/// True when the document looks like a rule file or PrometheusRule (for `mlmon check DIR`).
bool looks_like_rule_file(const yaml::Node* root);

}  // namespace mlmon::rules
