// Prometheus's own validations of rule files, as checks: what `promtool check rules` and the
// server refuse. They always run; their findings are errors in Prometheus's words.
#include "rules/checks/check.hpp"

namespace mlmon::rules {

namespace {

using checks::CheckKind;

constexpr CheckInfo kValidations[] = {
    {"rules/schema", "every field is one Prometheus knows, of the right kind (unknown fields are errors)",
     Severity::Error, CheckKind::Validation},
    {"rules/not-a-rule-file", "the file is a rule file (`groups:`) or a PrometheusRule manifest", Severity::Error,
     CheckKind::Validation},
    {"rules/duration", "durations (`for`, `interval`, `keep_firing_for`, `query_offset`) parse", Severity::Error,
     CheckKind::Validation},
    {"rules/group-name", "every group has a name, unique in the file", Severity::Error, CheckKind::Validation},
    {"rules/record-or-alert", "every rule has exactly one of `record` and `alert`", Severity::Error,
     CheckKind::Validation},
    {"rules/expr-missing", "every rule has an `expr`", Severity::Error, CheckKind::Validation},
    {"promql/parse", "every `expr` parses as PromQL (Prometheus 3.x; features as given)", Severity::Error,
     CheckKind::Validation},
    {"rules/recording-field", "recording rules have no `for`, `keep_firing_for` or annotations", Severity::Error,
     CheckKind::Validation},
    {"rules/record-name", "a recording rule's name is a valid metric name", Severity::Error, CheckKind::Validation},
    {"rules/label-name", "label names are valid (UTF-8, or legacy with --name-validation=legacy)", Severity::Error,
     CheckKind::Validation},
    {"rules/label-value", "label values are valid UTF-8", Severity::Error, CheckKind::Validation},
    {"rules/annotation-name", "annotation names are valid", Severity::Error, CheckKind::Validation},
    {"rules/template", "label and annotation templates parse as Prometheus's Go templates", Severity::Error,
     CheckKind::Validation},
    // Not a problem with the file: says where the lint checks below could not look.
    {"rules/lint-skipped", "where lint could not run (a YAML error, a group that does not decode)", Severity::Info,
     CheckKind::Validation},
};

}  // namespace

std::span<const CheckInfo> validation_checks() { return kValidations; }

std::span<const CheckInfo> all_rule_checks() {
  static const std::vector<CheckInfo> kAll = [] {
    std::vector<CheckInfo> all(validation_checks().begin(), validation_checks().end());
    for (const auto& check : rule_checks()) all.push_back(check->info());
    return all;
  }();
  return kAll;
}

}  // namespace mlmon::rules
