#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mlmon::grafana {

/// Grafana's base URL, possibly under a sub-path (`https://host/grafana`), split from any
/// `user:password@` so that credentials never reach a log line or an error message.
struct GrafanaUrl {
  std::string base;  ///< scheme://host[:port][/sub/path], no trailing slash, no userinfo
  std::string user;  ///< from `user:password@`, percent-decoded; empty if none
  std::string password;

  /// base + path; `path` starts with '/', e.g. "/api/health".
  std::string join(std::string_view path) const { return base + std::string(path); }
};

/// Accepts http:// and https:// URLs with an optional sub-path; refuses a query or fragment.
/// Error messages quote the URL without its userinfo.
Result<GrafanaUrl> parse_grafana_url(std::string_view text);

/// The same for any HTTP service's base URL (Prometheus, Alertmanager): messages name `service`
/// ("the Prometheus URL ...") and give `example` as a well-formed one.
Result<GrafanaUrl> parse_service_url(std::string_view text, std::string_view service, std::string_view example);

/// Percent-encodes everything except RFC 3986 unreserved characters, for path segments and
/// query values.
std::string percent_encode(std::string_view text);

}  // namespace mlmon::grafana
