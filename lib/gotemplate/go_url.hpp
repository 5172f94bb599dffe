#pragma once
// Go's net and net/url helpers behind Prometheus's template functions: url.QueryEscape
// (urlquery, urlQueryEscape, graphLink, tableLink), net.SplitHostPort, net.JoinHostPort and
// net.ParseIP (stripPort, stripDomain), and the path of a parsed URL (pathPrefix).
#include <optional>
#include <string>
#include <string_view>

namespace mlmon::gotemplate::go {

// url.QueryEscape: letters, digits and "-_.~" kept, space as '+', the rest %XX.
std::string query_escape(std::string_view s);

struct HostPort {
  std::string host;
  std::string port;
};
// net.SplitHostPort; nullopt where Go returns an error.
std::optional<HostPort> split_host_port(std::string_view hostport);
// net.JoinHostPort: brackets around a host that contains a colon.
std::string join_host_port(std::string_view host, std::string_view port);
// net.ParseIP(s) != nil: a dotted IPv4 address or an IPv6 address.
bool is_ip(std::string_view s);

// url.Parse(u).Path: the decoded path of an absolute or relative URL ("" when it has none).
std::string url_path(std::string_view url);

}  // namespace mlmon::gotemplate::go
