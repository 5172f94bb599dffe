#pragma once
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "grafana/grafana_url.hpp"

namespace mlmon::grafana {

/// How mlmon authenticates: a service-account token (Bearer) or basic auth. Never printed.
struct Credentials {
  enum class Kind { None, Token, Basic };
  Kind kind = Kind::None;
  std::string token;
  std::string user;
  std::string password;
  std::string source;  ///< where they came from, for messages: "GRAFANA_TOKEN", "--token-file t.txt", ...

  /// The Authorization header value ("Bearer ..." or "Basic ..."); empty for Kind::None.
  std::string authorization() const;
};

struct CredentialSources {
  std::string token_file;  ///< --token-file; wins over everything else
  /// Reads an environment variable; nullopt when unset.
  std::function<std::optional<std::string>(const char* name)> getenv;
  /// The variables read are <env_prefix>_TOKEN, _USER and _PASSWORD (PROMETHEUS_TOKEN, ...).
  std::string env_prefix = "GRAFANA";
  std::string token_file_flag = "--token-file";  ///< how `token_file` is named in messages
  std::string service = "Grafana";               ///< "the user:password in the Grafana URL"
};

/// Picks credentials in this order: --token-file, GRAFANA_TOKEN, user:password in the URL,
/// GRAFANA_USER with GRAFANA_PASSWORD (another env_prefix for another service). Kind::None when
/// nothing is set. Errors (unreadable or empty token file, a user without a password, a token with
/// spaces or control characters) never quote the secret.
Result<Credentials> load_credentials(const CredentialSources& sources, const GrafanaUrl& url);

std::string base64_encode(std::string_view bytes);

}  // namespace mlmon::grafana
