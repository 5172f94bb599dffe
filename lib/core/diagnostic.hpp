#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/position.hpp"

namespace mlmon {

/// Ordered: a higher severity is worse.
enum class Severity : std::uint8_t { Info, Warning, Error };

std::string_view to_string(Severity);
/// "info", "warning", "error" (also "warn"); false for anything else.
bool parse_severity(std::string_view, Severity& out);

/// One finding about the user's input. The single model behind every renderer.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string rule_id;  ///< e.g. "promql/parse", "alerts/for"; kebab-case, grouped by "/" (`mlmon checks` lists them)
  std::string file;     ///< path as given by the user; "-" for stdin
  Position pos;         ///< 1-based; line 0 when the finding is about the whole file
  std::string message;  ///< one line, no trailing period
  std::string hint;     ///< optional: what to do about it
};

/// The one way to make a finding, in one expression rather than field by field. For a YAML node
/// pass `node ? node->pos : Position{}` (line 0: about the whole file).
inline Diagnostic make_diagnostic(Severity severity, std::string_view rule_id, std::string file, Position pos,
                                  std::string message, std::string hint = {}) {
  return Diagnostic{severity, std::string(rule_id), std::move(file), pos, std::move(message), std::move(hint)};
}

}  // namespace mlmon
