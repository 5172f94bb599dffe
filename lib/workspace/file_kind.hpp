#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "yaml/document.hpp"

namespace mlmon::workspace {

/// What a configuration file is, told by what it holds (names vary between teams).
enum class FileKind {
  RuleFile,              ///< `groups:` of rules, or a PrometheusRule manifest
  AlertmanagerConfig,    ///< `route:` and `receivers:`
  AlertmanagerTemplate,  ///< a `*.tmpl` config with `${VAR}` placeholders (render-alertmanager)
  Dashboard,             ///< Grafana dashboard JSON (`panels` or `rows`)
  RuleTests,             ///< promtool's rule unit tests: `rule_files:` and `tests:`
  RouteCases,            ///< mlmon's routing cases: a list of `{labels, receivers}`
  NotificationTemplate,  ///< Alertmanager's Go templates (`{{ define "..." }}`), loaded by a config
  PrometheusConfig,      ///< Prometheus's own server config (`scrape_configs:`...)
  Unparsable,            ///< not valid YAML or JSON, and nothing says what it was meant to be
  Other,                 ///< valid, but none of the above (docker-compose files, package.json...)
};

struct Classified {
  FileKind kind = FileKind::Other;
  /// For Unparsable: why (the YAML or JSON error, positioned). Other kinds are checked by their
  /// own checks, which report such errors in their own words.
  std::vector<Diagnostic> problems;
};

/// Tells the kind from the content (and, for JSON and templates, the extension). A file that
/// does not parse is still given the kind it plainly means (`groups:` at the start of a line is
/// a rule file), so that its own checks report the error precisely.
Classified classify(const SourceFilePtr& source);

/// What classify() notes of a YAML file's `groups:` items as they stream by.
struct StreamedGroups {
  std::size_t count = 0;
  bool with_rules = false;  ///< an item is a mapping with `rules:`
  void see(const yaml::Node& group);
};
/// classify() for a YAML file that a caller has already read with yaml::load_streaming(source,
/// "groups", ...) (`streamed` noting its items): `skeleton` is what that returned, nullptr when
/// the file could not be streamed (then it is read whole here, as classify() does). The same
/// answer as classify(), without reading a rule file a second time.
Classified classify_streamed(const SourceFilePtr& source, const yaml::Document* skeleton, const StreamedGroups& groups);

/// "rule-file", "dashboard", "rule-tests", ...: for machine-readable output.
std::string_view kind_id(FileKind kind);
/// "a Prometheus rule file", "a Grafana dashboard", ...: for messages.
std::string_view describe(FileKind kind);
/// The command that checks this kind ("check-rules"), or "" when none does.
std::string_view command_for(FileKind kind);

}  // namespace mlmon::workspace
