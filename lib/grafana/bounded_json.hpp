#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mlmon::grafana {

/// Deepest nesting accepted from a file or a server; real dashboards stay well under 30.
inline constexpr int kMaxJsonDepth = 256;

/// Parses JSON without exceptions, refusing nesting deeper than kMaxJsonDepth (so later recursive
/// walks stay bounded). The error is nlohmann's message or the depth complaint.
Result<nlohmann::json> parse_bounded_json(std::string_view text);

/// 2-space JSON with keys in byte order and a final newline; invalid UTF-8 is replaced, never thrown.
std::string pretty_json(const nlohmann::json& value);
/// Compact JSON for request bodies; invalid UTF-8 is replaced, never thrown.
std::string compact_json(const nlohmann::json& value);

/// The string at `key` of an object, or `fallback` when absent or not a string.
std::string string_field(const nlohmann::json& object, std::string_view key, std::string fallback = {});
/// The integer at `key` of an object (integral numbers only), or nullopt.
std::optional<long long> int_field(const nlohmann::json& object, std::string_view key);

}  // namespace mlmon::grafana
