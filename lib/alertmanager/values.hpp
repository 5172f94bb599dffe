#pragma once
// Parsers for the scalar types Alertmanager validates while decoding, with Go's error texts.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mlmon::alertmanager {

struct ParsedUrl {
  std::string scheme;  ///< lower-cased
  std::string host;    ///< host[:port] as written
  std::string path;
  std::string query;
  bool has_userinfo_password = false;
};

/// Go's net/url.Parse, for the checks config loading depends on. The error is e.g.
/// `parse "::x": missing protocol scheme`.
Result<ParsedUrl> parse_go_url(std::string_view text);
/// Alertmanager's URL type: url.Parse, then "unsupported scheme \"ftp\" for URL" / "missing host for URL".
Result<ParsedUrl> parse_alertmanager_url(std::string_view text);
/// Alertmanager's HostPort: "" is fine; otherwise net.SplitHostPort and a non-empty port.
Result<void> check_host_port(std::string_view text);
/// prometheus/common TLSVersion: TLS10, TLS11, TLS12, TLS13.
Result<void> check_tls_version(std::string_view text);

}  // namespace mlmon::alertmanager
