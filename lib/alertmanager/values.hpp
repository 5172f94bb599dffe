#pragma once
// Parsers for the scalar types Alertmanager validates while decoding, with Go's error texts.
#include <string>
#include <string_view>

namespace mlmon::alertmanager {

struct ParsedUrl {
  std::string scheme;  ///< lower-cased
  std::string host;    ///< host[:port] as written
  std::string path;
  std::string query;
  bool has_userinfo_password = false;
};

/// Go's net/url.Parse, for the checks config loading depends on. On failure `error` is e.g.
/// `parse "::x": missing protocol scheme`.
bool parse_go_url(std::string_view text, ParsedUrl& out, std::string& error);
/// Alertmanager's URL type: url.Parse, then "unsupported scheme \"ftp\" for URL" / "missing host for URL".
bool parse_alertmanager_url(std::string_view text, ParsedUrl& out, std::string& error);
/// Alertmanager's HostPort: "" is fine; otherwise net.SplitHostPort and a non-empty port.
bool check_host_port(std::string_view text, std::string& error);
/// prometheus/common TLSVersion: TLS10, TLS11, TLS12, TLS13.
bool check_tls_version(std::string_view text, std::string& error);

}  // namespace mlmon::alertmanager
