#include "alertmanager/values.hpp"

#include <cctype>

#include "alertmanager/duration.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Characters net/url accepts unescaped in a host name (shouldEscape with encodeHost).
bool host_char_ok(char c) {
  if (std::isalnum(static_cast<unsigned char>(c)) != 0) return true;
  switch (c) {
    case '-':
    case '.':
    case '_':
    case '~':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '[':
    case ']':
    case '<':
    case '>':
    case '"': return true;
    default: return false;
  }
}

bool valid_optional_port(std::string_view port) {
  if (port.empty()) return true;
  if (port[0] != ':') return false;
  for (char c : port.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Returns "" or the reason (without the `parse "..."` wrapper).
std::string check_escapes(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') continue;
    if (i + 2 >= s.size()) {
      return "invalid URL escape " + go::quote(s.substr(i, std::min<std::size_t>(3, s.size() - i)));
    }
    if (!is_hex(s[i + 1]) || !is_hex(s[i + 2])) return "invalid URL escape " + go::quote(s.substr(i, 3));
    i += 2;
  }
  return {};
}

std::string check_host(std::string_view host) {
  std::string_view name = host;
  if (host.starts_with("[")) {
    const std::size_t end = host.find(']');
    if (end == std::string_view::npos) return "missing ']' in host";
    const std::string_view port = host.substr(end + 1);
    if (!valid_optional_port(port)) return "invalid port " + go::quote(port) + " after host";
    name = host.substr(1, end - 1);
  } else if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon);
    if (!valid_optional_port(port)) return "invalid port " + go::quote(port) + " after host";
    name = host.substr(0, colon);
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '%') {
      if (i + 2 >= name.size() || !is_hex(name[i + 1]) || !is_hex(name[i + 2])) {
        return "invalid URL escape " + go::quote(name.substr(i, std::min<std::size_t>(3, name.size() - i)));
      }
      i += 2;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80 && !host_char_ok(c)) {
      return "invalid character " + go::quote(std::string(1, c)) + " in host name";
    }
  }
  return {};
}

}  // namespace

Result<ParsedUrl> parse_go_url(std::string_view text) {
  ParsedUrl out;
  auto bad = [&](std::string why) { return fail("parse " + go::quote(text) + ": " + why); };
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return bad("net/url: invalid control character in URL");
  }
  std::string_view rest = text.substr(0, text.find('#'));
  // Scheme: letters, then letters, digits, + - .; a leading ':' is an error.
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) continue;
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.') {
      if (i == 0) break;
      continue;
    }
    if (c == ':') {
      if (i == 0) return bad("missing protocol scheme");
      for (char s : rest.substr(0, i)) out.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(s)));
      rest.remove_prefix(i + 1);
    }
    break;
  }
  if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
    out.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (!rest.starts_with("/")) {
    if (!out.scheme.empty()) {
      out.path = std::string(rest);  // opaque
      return out;
    }
    const std::size_t colon = rest.find(':');
    const std::size_t slash = rest.find('/');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
      return bad("first path segment in URL cannot contain colon");
    }
  }
  if ((!out.scheme.empty() || !rest.starts_with("///")) && rest.starts_with("//")) {
    rest.remove_prefix(2);
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
      const std::string_view userinfo = authority.substr(0, at);
      out.has_userinfo_password = userinfo.find(':') != std::string_view::npos;
      for (char c : userinfo) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 ||
              std::string_view("-._:~!$&'()*+,;=%@").find(c) != std::string_view::npos)) {
          return bad("net/url: invalid userinfo");
        }
      }
      authority.remove_prefix(at + 1);
    }
    if (std::string why = check_host(authority); !why.empty()) return bad(why);
    out.host = std::string(authority);
  }
  if (std::string why = check_escapes(rest); !why.empty()) return bad(why);
  out.path = std::string(rest);
  return out;
}

Result<ParsedUrl> parse_alertmanager_url(std::string_view text) {
  ParsedUrl out = MLMON_TRY(parse_go_url(text));
  if (out.scheme != "http" && out.scheme != "https") {
    return fail("unsupported scheme " + go::quote(out.scheme) + " for URL");
  }
  if (out.host.empty()) return fail("missing host for URL");
  return out;
}

Result<void> check_host_port(std::string_view text) {
  if (text.empty()) return {};
  auto bad = [&](std::string_view why) { return fail("address " + std::string(text) + ": " + std::string(why)); };
  const std::size_t i = text.rfind(':');
  if (i == std::string_view::npos) return bad("missing port in address");
  std::size_t j = 0;
  std::size_t k = 0;
  if (text[0] == '[') {
    const std::size_t end = text.find(']');
    if (end == std::string_view::npos) return bad("missing ']' in address");
    if (end + 1 == text.size()) return bad("missing port in address");
    if (end + 1 != i) return bad(text[end + 1] == ':' ? "too many colons in address" : "missing port in address");
    j = 1;
    k = end + 1;
  } else if (text.substr(0, i).find(':') != std::string_view::npos) {
    return bad("too many colons in address");
  }
  if (text.substr(j).find('[') != std::string_view::npos) return bad("unexpected '[' in address");
  if (text.substr(k).find(']') != std::string_view::npos) return bad("unexpected ']' in address");
  if (i + 1 == text.size()) {
    return fail("address " + go::quote(text) + ": port cannot be empty");
  }
  return {};
}

Result<void> check_tls_version(std::string_view text) {
  if (text == "TLS10" || text == "TLS11" || text == "TLS12" || text == "TLS13") return {};
  return fail("unknown TLS version: " + std::string(text));
}

}  // namespace mlmon::alertmanager
