#pragma once
// Go text/template parsing as Prometheus does it for alerting-rule labels and annotations:
// rejects exactly the templates Prometheus rejects, with Go's messages and a byte offset.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::gotemplate {

struct Error {
  std::size_t offset = 0;  // byte offset of the problem in the user's template text
  std::string message;     // Go's message, e.g. `function "humanise" not defined`
  std::size_t line = 1;    // the line number Go prints (1-based, in the user's text)
  // Non-zero when Go appends " in action started at <name>:<line>" (" started at ..." after
  // "unclosed action"): the message then names the template, so it is kept apart here.
  std::size_t action_started_line = 0;

  // The message exactly as Go words it for a template named `template_name`.
  std::string go_message(std::string_view template_name) const;
  bool operator==(const Error&) const = default;
};

enum class Flavor : std::uint8_t {
  latest,           // newest Prometheus and Go: {{else with}}, toDuration, now, ...
  prometheus_2_42,  // Prometheus 2.42 built with Go 1.19 (the promtool Debian ships)
};

struct Options {
  Flavor flavor = Flavor::latest;
  // Prometheus's alert context: $labels, $externalLabels, $externalURL, $value and its functions.
  bool prometheus_alert = true;
  std::vector<std::string> variables;  // further predeclared variables, spelled with '$'
  std::vector<std::string> functions;  // further function names
  // The template's own name (Prometheus: "__alert_<alert name>"). When set, a {{define}} of that
  // name is rejected as Go does: `template: multiple definition of template "..."`.
  std::string template_name;
};

// Checks a template as Prometheus does for alert labels/annotations. std::nullopt when valid.
std::optional<Error> check_prometheus_template(std::string_view text);
std::optional<Error> check(std::string_view text, const Options& options);

// The name Prometheus gives an alert's templates.
std::string alert_template_name(std::string_view alert_name);

// The full message as Prometheus/promtool prints it, e.g.
// `template: __alert_HighLatency:1: function "humanise" not defined`.
std::string format_go_error(std::string_view template_name, std::string_view text, const Error& error);

// A label the template reads from the alert's series: `$labels.X`, `.Labels.X`, `$.Labels.X`,
// `index $labels "X"`, `.X` inside `{{with $labels}}`, and through `$l := $labels`.
struct LabelRef {
  std::string name;
  std::size_t offset = 0;  // byte offset of the name in the template text
  bool operator==(const LabelRef&) const = default;
};
// In order of offset; empty if the template does not parse.
std::vector<LabelRef> referenced_labels(std::string_view text);
std::vector<LabelRef> referenced_labels(std::string_view text, const Options& options);

}  // namespace mlmon::gotemplate
