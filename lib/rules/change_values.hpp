#pragma once
#include <string>
#include <string_view>

namespace mlmon::rules {

// FieldChange values are compact JSON, so `--format=json` gives typed values and the text form
// shows strings quoted and numbers bare: `labels.severity: "warning" → "critical"`, `threshold: 0.5 → 0.3`.

/// A string as a JSON string: `"warning"`.
std::string json_string(std::string_view text);

/// A number as written when JSON can hold it unchanged (`0.5`, `-1`, `1e3`), otherwise as a
/// JSON string (`"0x1f"`, `"Inf"`, `"5m"`, `"1_000"`).
std::string json_number_or_string(std::string_view text);

/// The path of a label or annotation key: `labels.severity`, or `labels["a.b"]` when the key is
/// not a plain identifier.
std::string keyed_path(std::string_view map, std::string_view key);

}  // namespace mlmon::rules
