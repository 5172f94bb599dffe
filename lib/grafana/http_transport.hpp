#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace mlmon::grafana {

/// One HTTP request. Header values named in `secret_headers` (e.g. Authorization) are never logged.
struct HttpRequest {
  std::string method = "GET";
  std::string url;  ///< absolute, without user:password (credentials travel in headers only)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string retry_after;  ///< the Retry-After header, if any
  std::string location;     ///< the Location header, if any (redirects are reported, not followed)
};

/// Sends requests. A reply with any status (4xx, 5xx) is a value; only a failure to get a reply
/// (refused, timed out, TLS verification, dropped connection) is an Error. Implementations retry
/// transient failures themselves.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace mlmon::grafana
