#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "grafana/http_transport.hpp"
#include "grafana/redactor.hpp"

namespace mlmon::grafana {

struct TransportOptions {
  std::string ca_cert;             ///< PEM bundle to trust instead of the system store (--ca-cert)
  bool insecure = false;           ///< skip TLS verification (--insecure); never the default
  double connect_timeout_s = 10;   ///< per attempt
  double total_timeout_s = 30;     ///< per attempt, connect included
  int max_retries = 3;             ///< extra attempts after a connection error, 429 or 5xx (never 4xx)
  double backoff_initial_s = 0.5;  ///< first wait; doubles each retry up to backoff_max_s
  double backoff_max_s = 8;
  double retry_after_max_s = 30;  ///< a server's Retry-After is honoured up to this
  std::size_t max_response_bytes = std::size_t{64} << 20;
  std::string user_agent = "mlmon";
  bool verbose = false;  ///< log every request and reply (secrets redacted)
  /// Receives log lines without a trailing newline: retries always, requests when verbose.
  std::function<void(std::string_view)> log;
  /// Waits between attempts; tests replace it to run fast and to observe the waits.
  std::function<void(double seconds)> sleep;
  const Redactor* redactor = nullptr;  ///< scrubs log lines and error messages
};

/// HttpTransport over libcurl: certificate verification on unless `insecure`, proxies from the
/// usual environment variables (http_proxy, https_proxy, no_proxy), no redirects followed (a 3xx is
/// returned as is, so credentials never travel to another host), connection reuse between requests.
class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(TransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  struct Attempt;
  Attempt perform_once(const HttpRequest& request);
  void log(std::string_view line) const;
  std::string scrub(std::string_view text) const;

  TransportOptions options_;
  void* curl_ = nullptr;  // CURL*, reused so connections stay alive between requests
};

/// True for replies worth retrying: 429 Too Many Requests and 5xx.
bool is_retryable_status(int status);

}  // namespace mlmon::grafana
