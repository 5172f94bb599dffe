#include "grafana/grafana_url.hpp"

#include <fmt/format.h>

namespace mlmon::grafana {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<GrafanaUrl> parse_grafana_url(std::string_view text) {
  return parse_service_url(text, "Grafana", "https://grafana.example.com");
}

Result<GrafanaUrl> parse_service_url(std::string_view text, std::string_view service, std::string_view example) {
  GrafanaUrl url;
  std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return fail(fmt::format("the {} URL must start with http:// or https:// (for example {})", service, example));
  }
  std::string scheme = lower(text.substr(0, scheme_end));
  std::string_view rest = text.substr(scheme_end + 3);
  std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    std::size_t colon = userinfo.find(':');
    url.user = percent_decode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) url.password = percent_decode(userinfo.substr(colon + 1));
  }
  std::string shown = fmt::format("{}://{}{}", scheme, authority, path);

  if (scheme != "http" && scheme != "https") {
    return fail(fmt::format("the {} URL {} must use http or https", service, shown));
  }
  if (authority.empty() || authority.front() == ':') {
    return fail(fmt::format("the {} URL {} has no host", service, shown));
  }
  if (path.find_first_of("?#") != std::string_view::npos) {
    return fail(fmt::format("the {} URL {} must not have a query or fragment", service, shown));
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  url.base = fmt::format("{}://{}{}", scheme, authority, path);
  return url;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace mlmon::grafana
