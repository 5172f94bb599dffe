#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "project/config.hpp"
#include "rules/checks/check.hpp"
#include "rules/loader.hpp"
#include "rules/validate.hpp"

namespace mlmon::rules {

struct CheckRulesOptions {
  LoadOptions load;
  ValidateOptions validate;
  bool lint = true;  ///< run the policy checks beyond promtool
  /// Read plain block YAML a group at a time (same findings, a fraction of the memory); false
  /// reads every file whole (tests compare the two).
  bool stream = true;
  /// A streamed file of at least `pipeline_min_bytes` is read on one core while its groups are
  /// checked, in file order, on another (same findings, in the same order). Off for `-j 1`.
  bool pipeline = true;
  std::size_t pipeline_min_bytes = std::size_t{256} * 1024;
};

/// True for the rule ids of lint (policy) checks, which a config may disable or re-grade.
bool is_lint_check(std::string_view rule_id);

/// Everything `mlmon check-rules` does to one file: YAML, schema, Prometheus's validations, then
/// (when those pass) the lint checks under the project config and inline suppressions.
/// Returns the number of rules found.
std::size_t check_rule_source(const SourceFilePtr& source, const CheckRulesOptions& options,
                              const project::Config& config, std::vector<Diagnostic>& out);

/// For a caller that must first tell what a file is (check-rules on a directory, where other YAML
/// is skipped) and would otherwise read it twice: `on_item` sees each item of `groups:` as the
/// streamed pass reads it, before it is checked; `proceed`, asked once that pass is over with the
/// document it returned (nullptr when the file could not be streamed, or when options.stream is
/// false), says whether the file is to be checked. When it says no, the file adds nothing to
/// `out` and 0 is returned; when yes, the result is check_rule_source()'s.
struct KindGate {
  std::function<void(const yaml::Node& item)> on_item;
  std::function<bool(const yaml::Document* skeleton)> proceed;
};
std::size_t check_rule_source(const SourceFilePtr& source, const CheckRulesOptions& options,
                              const project::Config& config, std::vector<Diagnostic>& out, const KindGate& gate);

/// The rules policy after applying the project config to the defaults.
RulesPolicy policy_from(const project::Config& config);

}  // namespace mlmon::rules
