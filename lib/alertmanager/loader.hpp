#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "alertmanager/config.hpp"
#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "yaml/document.hpp"

namespace mlmon::alertmanager {

/// When Alertmanager would have reported a finding; decides what amtool's single message is.
enum class Phase {
  Syntax,          ///< the YAML does not parse
  Decode,          ///< a validator that runs while decoding (aborts Alertmanager at once)
  DecodeShadowed,  ///< a validator Alertmanager skips because its part had a type error
  Strict,          ///< a type or unknown-field error (yaml.v2 collects them all)
  Config,          ///< a cross-reference check after decoding (receivers, routes, intervals)
  Load,            ///< the last checks of config.Load (no route, continue on the root)
  Extra,           ///< mlmon's own findings, which Alertmanager does not make
};

struct Finding {
  Diagnostic diagnostic;
  Phase phase = Phase::Extra;
};

/// A value Alertmanager treats as a secret (never printed by mlmon).
struct SecretValue {
  std::string field;  ///< "smtp_auth_password", "api_url", ...
  const yaml::Node* key = nullptr;
  const yaml::Node* value = nullptr;
  bool is_url = false;
  bool has_file_twin = false;  ///< Alertmanager also accepts `<field>_file` here
};

/// A `*_file` path (or a `templates` glob) as written in the config.
struct FileReference {
  std::string field;
  const yaml::Node* value = nullptr;
  bool resolved_against_config_dir =
      false;  ///< http_config files and templates; the rest are relative to Alertmanager's working directory
  bool is_template_glob = false;
};

/// A `matchers` item only Alertmanager's classic parser accepts (it falls back to that parser and
/// logs a warning), recorded while decoding for the lint check alertmanager/classic-matcher.
struct ClassicMatcherUse {
  const yaml::Node* item = nullptr;
  std::string hint;  ///< the UTF-8 form to write instead, with secrets masked like messages
};

struct LoadOptions {
  /// Byte ranges of the source whose text must never appear in messages (expanded variables).
  std::vector<std::pair<std::size_t, std::size_t>> sensitive_ranges;
  /// Byte ranges a template wrote itself (defaults, placeholders): shown, but not secrets written
  /// in the config.
  std::vector<std::pair<std::size_t, std::size_t>> template_ranges;
};

/// A loaded Alertmanager configuration: the YAML document (which owns every node the model points
/// into), the model, and every problem Alertmanager would find, each with a position.
struct LoadedConfig {
  yaml::Document document;
  Config config;
  std::vector<Finding> findings;
  std::vector<SecretValue> secrets;
  std::vector<FileReference> files;
  std::vector<ClassicMatcherUse> classic_matchers;  ///< in the order they were decoded
  LoadOptions options;

  bool has_errors() const;
  /// What `amtool check-config` prints after "FAILED: " (newest wording): the one error
  /// Alertmanager reports, chosen as it chooses; "" when the file loads.
  std::string amtool_error() const;
  /// The source with every secret value and sensitive range replaced by '*' (same lines and
  /// columns), for renderers that quote source lines.
  SourceFilePtr redacted_source() const;
  /// Diagnostics in report order (Alertmanager's checks), ready for a Report.
  std::vector<Diagnostic> diagnostics() const;
  /// True when `node` holds a secret or overlaps a sensitive range: its text must not be shown.
  bool is_sensitive(const yaml::Node* node) const;
  /// True when `node` overlaps one of options.sensitive_ranges (a value expanded from the environment).
  bool is_expanded(const yaml::Node* node) const;
  /// True when `node` overlaps options.sensitive_ranges or options.template_ranges: a value a
  /// template rendering put there.
  bool is_rendered_value(const yaml::Node* node) const;
};

/// Parses and checks an Alertmanager configuration as `config.LoadFile` of the newest Alertmanager
/// does, but reports every problem rather than the first. Never throws.
LoadedConfig load_config(SourceFilePtr source, LoadOptions options = {});

/// `original` with each character where `hide` is set written as one '*' (so every column stays
/// where it was), line breaks kept: how quoted lines show a config without its secrets.
std::string masked_text(std::string_view original, const std::vector<bool>& hide);

}  // namespace mlmon::alertmanager
