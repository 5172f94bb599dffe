#include "grafana/credentials.hpp"

#include <fmt/format.h>

#include "core/file_io.hpp"

namespace mlmon::grafana {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

/// A header value must be visible ASCII: anything else could split the request (CR LF) or is a
/// copy-paste accident.
bool is_header_safe(std::string_view value) {
  for (unsigned char c : value) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

Result<Credentials> token_credentials(std::string token, std::string source) {
  if (token.empty()) return fail(fmt::format("the token from {} is empty", source));
  if (!is_header_safe(token)) {
    return fail(
        fmt::format("the token from {} contains spaces or control characters; it must be a single line", source));
  }
  Credentials credentials;
  credentials.kind = Credentials::Kind::Token;
  credentials.token = std::move(token);
  credentials.source = std::move(source);
  return credentials;
}

}  // namespace

std::string Credentials::authorization() const {
  switch (kind) {
    case Kind::Token: return "Bearer " + token;
    case Kind::Basic: return "Basic " + base64_encode(user + ":" + password);
    case Kind::None: break;
  }
  return {};
}

Result<Credentials> load_credentials(const CredentialSources& sources, const GrafanaUrl& url) {
  auto env = [&](const std::string& name) -> std::optional<std::string> {
    if (!sources.getenv) return std::nullopt;
    auto value = sources.getenv(name.c_str());
    if (value && value->empty()) return std::nullopt;
    return value;
  };
  const std::string token_variable = sources.env_prefix + "_TOKEN";
  const std::string user_variable = sources.env_prefix + "_USER";
  const std::string password_variable = sources.env_prefix + "_PASSWORD";

  if (!sources.token_file.empty()) {
    auto text = read_file(sources.token_file);
    if (!text) return fail(fmt::format("cannot read the token file: {}", text.error().message));
    return token_credentials(trim(*text), sources.token_file_flag + " " + sources.token_file);
  }
  if (auto token = env(token_variable)) return token_credentials(trim(*token), token_variable);

  Credentials credentials;
  if (!url.user.empty()) {
    credentials.kind = Credentials::Kind::Basic;
    credentials.user = url.user;
    credentials.password = url.password;
    credentials.source = fmt::format("the user:password in the {} URL", sources.service);
    return credentials;
  }
  auto user = env(user_variable);
  auto password = env(password_variable);
  if (user && !password) return fail(fmt::format("{} is set but {} is not", user_variable, password_variable));
  if (password && !user) return fail(fmt::format("{} is set but {} is not", password_variable, user_variable));
  if (user) {
    if (user->find(':') != std::string::npos) return fail(fmt::format("{} must not contain ':'", user_variable));
    credentials.kind = Credentials::Kind::Basic;
    credentials.user = *user;
    credentials.password = *password;
    credentials.source = user_variable + "/" + password_variable;
  }
  return credentials;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

}  // namespace mlmon::grafana
