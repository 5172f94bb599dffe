#pragma once
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/report.hpp"

namespace mlmon {

enum class OutputFormat { Text, Json, Github, Sarif, Junit, CodeClimate };
std::optional<OutputFormat> parse_output_format(std::string_view);
/// The names --format takes: text, json, github, sarif, junit, codeclimate.
std::vector<std::string> output_format_names();

struct TextStyle {
  bool color = false;       ///< ANSI colours (a TTY, or --color=always)
  bool show_source = true;  ///< the source line and a caret under the column
};

/// What the machine-readable formats say about a rule id besides the findings (SARIF's rules).
struct RuleDoc {
  std::string summary;
  Severity default_severity = Severity::Error;
};

struct RenderOptions {
  TextStyle style;
  /// Lowest severity that fails the run (--fail-on): JUnit reports findings below it as passing.
  Severity fail_on = Severity::Error;
  std::string tool_version = "0";
  /// The documentation of a rule id, when known (the check catalogue); nullopt otherwise.
  std::function<std::optional<RuleDoc>(std::string_view rule_id)> describe;
};

/// `file:line:col: severity: message [rule-id]`, then the source line and a caret, then `hint: ...`.
void render_text(const Report&, std::ostream&, const TextStyle& = {});
/// {"diagnostics":[{"file","line","column","severity","rule","message","hint"}...],
///  "summary":{"errors":N,"warnings":N,"infos":N}, "files":{"checked":{KIND:N},"skipped":[{"file","kind"}]}}
/// ("files" only when the command accounts for files, as `mlmon check` does)
void render_json(const Report&, std::ostream&);
/// GitHub workflow commands: `::error file=F,line=L,col=C,title=RULE::MESSAGE`, escaped.
void render_github(const Report&, std::ostream&);

/// SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules that have findings (with
/// their summaries), results with regions (line 1 for findings about a whole file).
void render_sarif(const Report&, std::ostream&, const RenderOptions&);
/// JUnit XML as Jenkins and GitLab read it: one testsuite per file, one testcase per finding (a
/// failure at or above fail_on), a passing testcase for a file without findings.
void render_junit(const Report&, std::ostream&, const RenderOptions&);
/// GitLab Code Quality: a JSON array of issues with stable fingerprints.
void render_codeclimate(const Report&, std::ostream&);

void render(const Report&, OutputFormat, std::ostream&, const TextStyle& = {});
void render(const Report&, OutputFormat, std::ostream&, const RenderOptions&);

}  // namespace mlmon
