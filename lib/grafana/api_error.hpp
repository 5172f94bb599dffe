#pragma once
#include <expected>
#include <string>

namespace mlmon::grafana {

/// Why a Grafana call did not succeed. `text` is a complete sentence for users (no secrets); the
/// other fields let callers react to specific answers (412 version-mismatch, 404, ...).
struct ApiError {
  enum class Kind {
    Transport,        ///< no reply: refused, timed out, TLS, dropped connection
    Unauthorized,     ///< 401
    Forbidden,        ///< 403
    NotFound,         ///< 404
    VersionMismatch,  ///< 412 version-mismatch
    NameExists,       ///< 412 name-exists (Grafana <= 11.2)
    PluginDashboard,  ///< 412 plugin-dashboard
    Rejected,         ///< any other 4xx
    ServerError,      ///< 5xx after the retries
    Redirect,         ///< 3xx: the --url is probably not Grafana's final address
    BadReply,         ///< a 2xx whose body is not what the API documents
  };
  Kind kind = Kind::Transport;
  int http_status = 0;  ///< 0 when there was no reply
  std::string status;   ///< Grafana's "status" field, e.g. "version-mismatch"; often empty
  std::string message;  ///< Grafana's "message" field, or a summary of a non-JSON body
  std::string text;     ///< what to show
};

template <class T>
using ApiResult = std::expected<T, ApiError>;

}  // namespace mlmon::grafana
