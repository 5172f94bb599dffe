#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "promql/ast.hpp"
#include "rules/model.hpp"
#include "thresholds/find_thresholds.hpp"

namespace mlmon::thresholds {

/// One threshold of an alert, located in the expression and in the file.
struct Threshold {
  std::size_t index = 0;  ///< 0-based, in source order among the alert's thresholds
  ThresholdSite site;     ///< points into the alert's parsed expression
  std::string op;         ///< ">", ">=", "<", "<=", "==", "!=", with " bool" when given
  std::string text;       ///< the literal as written, sign included ("0.5", "-5", "10m")
  double value = 0;       ///< seconds when written as a duration
  Position pos;           ///< in the file, of the literal's first byte
};

struct RuleSource;

/// An alerting rule and its thresholds.
struct Alert {
  const RuleSource* file = nullptr;
  const rules::Group* group = nullptr;
  const rules::Rule* rule = nullptr;
  std::size_t group_index = 0;  ///< 0-based, in the file
  std::size_t rule_index = 0;   ///< 0-based, in the group
  std::string name;
  Position pos;          ///< of the `alert:` key
  std::string for_text;  ///< as decoded; "" when absent
  std::string severity;  ///< the `severity` label; "" when absent
  std::shared_ptr<const promql::Ast> ast;
  std::string expr_error;  ///< the PromQL parse error when `expr` does not parse
  std::vector<Threshold> thresholds;

  std::string location() const;  ///< "path:line"
};

/// A file given to the command: its text and, if it is a rule file, its decoded rules.
struct RuleSource {
  SourceFilePtr source;
  std::unique_ptr<rules::RuleFile> rules;  ///< nullptr when the file is not a rule file
  bool yaml_ok = true;                     ///< false: a YAML error, so its alerts are unknown
  const std::string& path() const { return source->path(); }
};

/// Every alert of a set of files. YAML errors and schema errors of rule files are collected in
/// `problems` (the file's alerts are still listed as far as they decode).
struct Inventory {
  std::vector<std::unique_ptr<RuleSource>> files;
  std::vector<Alert> alerts;
  std::vector<Diagnostic> problems;

  /// Parses `source` and adds it. YAML files that are neither a rule file (`groups:`) nor a
  /// PrometheusRule are kept without alerts, so a directory may hold other YAML.
  const RuleSource& add(SourceFilePtr source);
  /// The names of all alerts, in file order (with repeats), for suggestions.
  std::vector<std::string> alert_names() const;
};

}  // namespace mlmon::thresholds
