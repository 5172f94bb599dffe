#pragma once
#include <string>
#include <string_view>

namespace mlmon::grafana {

/// Every save by mlmon starts its version message with this, so the next run can tell from the
/// history whether the newest version is its own (who saved is no help: Grafana shows service
/// accounts as "Anonymous", grafana/grafana#88400).
inline constexpr std::string_view kMessageMarker = "mlmon:";

/// Grafana refuses version messages longer than this many bytes.
inline constexpr std::size_t kMaxMessageBytes = 500;

/// "mlmon: <file> @ <commit>" (or without " @ <commit>"), or "mlmon: <custom>" when a message is
/// given; never longer than kMaxMessageBytes (cut at a UTF-8 character boundary).
std::string version_message(std::string_view custom, std::string_view file, std::string_view commit);

bool is_mlmon_message(std::string_view message);

/// The commit checked out in the git work tree containing `path` (12 hex digits), read from .git
/// without running git; empty when there is none.
std::string git_head_commit(const std::string& path);

}  // namespace mlmon::grafana
