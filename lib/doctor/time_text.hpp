#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mlmon::doctor {

/// Seconds since the Unix epoch of an RFC 3339 time as Prometheus and Alertmanager write them
/// ("2026-12-07T09:07:55.50233116Z", "...+01:00"); nullopt for anything else (Go's zero time
/// "0001-01-01T00:00:00Z" parses, far in the past). Core's parse_rfc3339 in its lenient mode: 't',
/// 'z', a leap second, any offset and a day past the month's end are taken (core/rfc3339.hpp).
std::optional<double> parse_rfc3339(std::string_view text);

/// A span for people: "45s", "2m5s", "1h5m", "3d4h" (two units at most, rounded down; "0s" below
/// one second or when negative).
std::string human_duration(double seconds);

/// A duration in Prometheus's notation, as rule files write it: "5m", "1h30m", "90s" -> "1m30s",
/// "1500ms"; "0s" for zero.
std::string prometheus_duration(double seconds);

}  // namespace mlmon::doctor
