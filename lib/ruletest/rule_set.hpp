// The rule files a test file loads, ready to evaluate: what the rule manager's LoadGroups makes of
// them for promtool (rules/manager.go), and when a file is refused, the errors promtool prints
// (rulefmt.ParseFile's, each prefixed with the file name) next to mlmon's positioned findings.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/labels.hpp"
#include "gotemplate/expand.hpp"
#include "promql/ast.hpp"
#include "promql/features.hpp"

namespace mlmon::ruletest {

struct Template {
  std::string name;  // the label or annotation
  std::string text;
  std::shared_ptr<const gotemplate::AlertTemplate> parsed;
};

struct RuleDef {
  bool alerting = false;
  std::string name;
  // What the rule manager evaluates: the expression printed (Expr.String()) and parsed again by
  // the test engine's parser. When that fails, every evaluation fails with `engine_error`.
  std::shared_ptr<const promql::Ast> ast;
  std::string engine_error;
  int64_t for_ms = 0;
  int64_t keep_firing_for_ms = 0;
  engine::Labels labels;                       // the group's labels, then the rule's (raw text for alerts)
  std::vector<Template> label_templates;       // alerting rules, sorted by name
  std::vector<Template> annotation_templates;  // sorted by name
  bool templated = false;                      // some label or annotation holds a template action ({{ ... }})
  std::string file;
  Position pos;  // of the rule's name (`alert:` or `record:` value)
};

struct GroupDef {
  std::string file;
  std::string name;
  int64_t query_offset_ms = 0;
  int64_t limit = 0;
  std::vector<RuleDef> rules;
  Position pos;
};

struct RuleLoadOptions {
  bool ignore_unknown_fields = false;
  promql::Features features;  // promtool's parser, for validating rule files
  // The test engine's parser (v3.14: default options, whatever --enable-feature says).
  promql::Features engine_features;
};

struct LoadedRules {
  std::vector<GroupDef> groups;
  // Set when a file is refused: promtool's error texts (the first refused file's, as LoadGroups
  // stops there), and mlmon's findings at their positions.
  std::vector<std::string> promtool_errors;
  std::vector<Diagnostic> findings;
  std::string refused_file;  // the file refused
  bool ok() const { return promtool_errors.empty(); }
};

// Loads files in order; a group name repeated in another file is another group, the same file
// twice is loaded once (LoadGroups keys groups by file and name).
LoadedRules load_rule_files(const std::vector<std::string>& files, const RuleLoadOptions& options);

// The test engine's parser features: Prometheus v3.14's LazyLoader builds its engine with the
// parser's default options, so duration expressions and experimental functions do not parse there.
promql::Features test_engine_features();

}  // namespace mlmon::ruletest
