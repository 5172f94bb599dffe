#include "gotemplate/go_url.hpp"

#include <vector>

namespace mlmon::gotemplate::go {

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// net's parseIPv4: four decimal fields of at most three digits, no leading zeros, each <= 255.
bool is_ipv4(std::string_view s) {
  for (int field = 0; field < 4; ++field) {
    if (field > 0) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
    std::size_t n = 0;
    int value = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') {
      if (n > 0 && s[0] == '0') return false;  // leading zero
      value = value * 10 + (s[n] - '0');
      if (++n > 3 || value > 255) return false;
    }
    if (n == 0) return false;
    s.remove_prefix(n);
  }
  return s.empty();
}

// net's parseIPv6 (no zone): up to eight groups of hex, one "::", an IPv4 tail in the last 32 bits.
bool is_ipv6(std::string_view s) {
  int groups = 0;
  bool ellipsis = false;
  if (s.starts_with("::")) {
    ellipsis = true;
    s.remove_prefix(2);
    if (s.empty()) return true;
  }
  while (!s.empty()) {
    std::size_t n = 0;
    while (n < s.size() && n < 5 && is_hex(s[n])) ++n;
    if (n == 0 || n > 4) {
      return false;
    }
    // An IPv4 address ends the address.
    if (n < s.size() && s[n] == '.') {
      if (!ellipsis && groups != 6) return false;
      if (groups + 2 > 8) return false;
      if (!is_ipv4(s)) return false;
      groups += 2;
      s = {};
      break;
    }
    ++groups;
    s.remove_prefix(n);
    if (s.empty()) break;
    if (s[0] != ':' || s.size() == 1) return false;
    s.remove_prefix(1);
    if (s[0] == ':') {
      if (ellipsis) return false;
      ellipsis = true;
      s.remove_prefix(1);
      if (s.empty()) break;
    }
    if (groups >= 8) return false;
  }
  if (groups > 8) return false;
  return ellipsis ? groups < 8 : groups == 8;
}

}  // namespace

std::string query_escape(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<HostPort> split_host_port(std::string_view hostport) {
  const std::size_t i = hostport.rfind(':');
  if (i == std::string_view::npos) return std::nullopt;  // missing port
  std::size_t j = 0;
  std::size_t k = 0;
  HostPort result;
  if (hostport[0] == '[') {
    const std::size_t end = hostport.find(']');
    if (end == std::string_view::npos) return std::nullopt;
    if (end + 1 == hostport.size()) return std::nullopt;  // missing port
    if (end + 1 != i) return std::nullopt;                // too many colons, or no colon after ']'
    result.host = hostport.substr(1, end - 1);
    j = 1;
    k = end + 1;
  } else {
    result.host = hostport.substr(0, i);
    if (result.host.find(':') != std::string::npos) return std::nullopt;  // too many colons
  }
  if (hostport.substr(j).find('[') != std::string_view::npos) return std::nullopt;
  if (hostport.substr(k).find(']') != std::string_view::npos) return std::nullopt;
  result.port = hostport.substr(i + 1);
  return result;
}

std::string join_host_port(std::string_view host, std::string_view port) {
  if (host.find(':') != std::string_view::npos) return "[" + std::string(host) + "]:" + std::string(port);
  return std::string(host) + ":" + std::string(port);
}

bool is_ip(std::string_view s) {
  if (s.find(':') != std::string_view::npos) return is_ipv6(s);
  return is_ipv4(s);
}

std::string url_path(std::string_view url) {
  // Drop the fragment and the query, then the scheme and authority.
  url = url.substr(0, url.find('#'));
  url = url.substr(0, url.find('?'));
  const std::size_t colon = url.find(':');
  const std::size_t slash = url.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash))
    url.remove_prefix(colon + 1);
  if (url.starts_with("//")) {
    url.remove_prefix(2);
    const std::size_t path = url.find('/');
    url = path == std::string_view::npos ? std::string_view{} : url.substr(path);
  }
  std::string out;
  for (std::size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2])) {
      out += static_cast<char>(hex_value(url[i + 1]) * 16 + hex_value(url[i + 2]));
      i += 2;
    } else {
      out += url[i];
    }
  }
  return out;
}

}  // namespace mlmon::gotemplate::go
