#include "grafana/curl_transport.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "grafana/curl_library.hpp"

namespace mlmon::grafana {

namespace {

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char a = line[i], b = name[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

struct ReplyBuffers {
  HttpResponse* response;
  std::size_t limit;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* buffers = static_cast<ReplyBuffers*>(user);
  std::size_t bytes = size * count;
  if (buffers->response->body.size() + bytes > buffers->limit) {
    buffers->too_large = true;
    return 0;  // makes curl abort the transfer with CURLE_WRITE_ERROR
  }
  buffers->response->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* buffers = static_cast<ReplyBuffers*>(user);
  std::string_view line(data, size * count);
  // A new status line (after a 100 Continue, or a proxy's CONNECT reply) starts a fresh header set.
  if (line.starts_with("HTTP/")) {
    buffers->response->content_type.clear();
    buffers->response->retry_after.clear();
    buffers->response->location.clear();
  } else if (iequals_prefix(line, "content-type:")) {
    buffers->response->content_type = trim(line.substr(13));
  } else if (iequals_prefix(line, "retry-after:")) {
    buffers->response->retry_after = trim(line.substr(12));
  } else if (iequals_prefix(line, "location:")) {
    buffers->response->location = trim(line.substr(9));
  }
  return size * count;
}

bool is_retryable_curl_error(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

bool is_tls_verification_error(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_ISSUER_ERROR ||
         code == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

long to_ms(double seconds) { return seconds <= 0 ? 0L : static_cast<long>(std::ceil(seconds * 1000.0)); }

std::string format_seconds(double seconds) {
  if (seconds == std::floor(seconds)) return fmt::format("{}s", static_cast<long long>(seconds));
  return fmt::format("{:g}s", seconds);
}

/// Retry-After in seconds (the HTTP-date form is rare for these APIs and ignored); negative if absent.
double parse_retry_after(const std::string& value) {
  if (value.empty() || value.size() > 9) return -1;
  double seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return -1;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

}  // namespace

bool is_retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

struct CurlTransport::Attempt {
  CURLcode code = CURLE_OK;
  std::string error;  // curl's own words for a failed attempt
  bool too_large = false;
  HttpResponse response;
};

CurlTransport::CurlTransport(TransportOptions options) : options_(std::move(options)) {
  const CurlLibrary& curl = curl_library();
  if (curl.loaded()) curl_ = curl.easy_init();
}

CurlTransport::~CurlTransport() {
  if (curl_ != nullptr) curl_library().easy_cleanup(static_cast<CURL*>(curl_));
}

void CurlTransport::log(std::string_view line) const {
  if (options_.log) options_.log(scrub(line));
}

std::string CurlTransport::scrub(std::string_view text) const {
  return options_.redactor != nullptr ? options_.redactor->scrub(text) : std::string(text);
}

CurlTransport::Attempt CurlTransport::perform_once(const HttpRequest& request) {
  Attempt attempt;
  auto* curl = static_cast<CURL*>(curl_);
  const CurlLibrary& lib = curl_library();
  if (curl == nullptr) {
    attempt.code = CURLE_FAILED_INIT;
    attempt.error = lib.loaded() ? "libcurl could not be initialised" : lib.load_error;
    return attempt;
  }
  lib.easy_reset(curl);  // keeps the connection cache, clears every option

  char error_buffer[CURL_ERROR_SIZE] = {};
  ReplyBuffers buffers{&attempt.response, options_.max_response_bytes};

  lib.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  lib.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, to_ms(options_.connect_timeout_s));
  lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, to_ms(options_.total_timeout_s));
  lib.easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  lib.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl can decode
  lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  lib.easy_setopt(curl, CURLOPT_WRITEDATA, &buffers);
  lib.easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  lib.easy_setopt(curl, CURLOPT_HEADERDATA, &buffers);
  if (options_.insecure) {
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else {
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_cert.empty()) lib.easy_setopt(curl, CURLOPT_CAINFO, options_.ca_cert.c_str());
  }

  if (request.method == "GET") {
    lib.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    lib.easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    lib.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    lib.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    lib.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  }

  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = lib.slist_append(headers, (name + ": " + value).c_str());
  }
  headers = lib.slist_append(headers, "Expect:");  // no 100-continue round trip for large bodies
  lib.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  attempt.code = lib.easy_perform(curl);
  lib.slist_free_all(headers);
  // The header list and error buffer die with this frame; leave nothing dangling in the handle.
  lib.easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  lib.easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);

  if (attempt.code == CURLE_OK) {
    long status = 0;
    lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    attempt.response.status = static_cast<int>(status);
  } else {
    attempt.too_large = buffers.too_large;
    attempt.error = error_buffer[0] != '\0' ? std::string(error_buffer) : lib.easy_strerror(attempt.code);
  }
  return attempt;
}

Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  const int attempts = 1 + std::max(0, options_.max_retries);
  double backoff = options_.backoff_initial_s;
  for (int number = 1;; ++number) {
    if (options_.verbose) {
      log(fmt::format("> {} {}{}", request.method, request.url,
                      request.body.empty() ? std::string() : fmt::format(" ({} bytes)", request.body.size())));
      for (const auto& [name, value] : request.headers) {
        bool secret = iequals_prefix(name, "authorization") || iequals_prefix(name, "cookie");
        log(fmt::format(">   {}: {}", name, secret ? "[redacted]" : value));
      }
    }
    auto started = std::chrono::steady_clock::now();
    Attempt attempt = perform_once(request);
    auto elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();

    std::string failure;  // why this attempt is worth retrying; empty when it is final
    double wait = backoff;
    if (attempt.code == CURLE_OK) {
      if (options_.verbose) {
        log(fmt::format("< {} ({} ms, {} bytes)", attempt.response.status, elapsed_ms, attempt.response.body.size()));
      }
      if (!is_retryable_status(attempt.response.status)) return std::move(attempt.response);
      failure = fmt::format("HTTP {}", attempt.response.status);
      double retry_after = parse_retry_after(attempt.response.retry_after);
      if (retry_after >= 0) wait = std::min(std::max(retry_after, backoff), options_.retry_after_max_s);
      if (number >= attempts) return std::move(attempt.response);  // the caller reports the status
    } else {
      std::string where = request.method + " " + request.url;
      if (options_.verbose) log(fmt::format("< failed after {} ms: {}", elapsed_ms, attempt.error));
      if (attempt.too_large) {
        return fail(scrub(fmt::format("{}: the reply is larger than {} bytes; refusing to read it", where,
                                      options_.max_response_bytes)));
      }
      if (is_tls_verification_error(attempt.code)) {
        return fail(scrub(
            fmt::format("{}: TLS certificate verification failed: {} (pass --ca-cert FILE with the CA that signed the "
                        "server's certificate; --insecure skips verification)",
                        where, attempt.error)));
      }
      if (attempt.code == CURLE_OPERATION_TIMEDOUT) {
        attempt.error = fmt::format("no complete reply within the timeout ({})", attempt.error);
      }
      if (!is_retryable_curl_error(attempt.code)) return fail(scrub(fmt::format("{}: {}", where, attempt.error)));
      if (number >= attempts) {
        return fail(scrub(fmt::format("{}: {}{}", where, attempt.error,
                                      attempts > 1 ? fmt::format(" (gave up after {} attempts)", attempts) : "")));
      }
      failure = attempt.error;
    }
    log(fmt::format("retrying {} {} in {} after {} (attempt {} of {})", request.method, request.url,
                    format_seconds(wait), failure, number + 1, attempts));
    if (options_.sleep) {
      options_.sleep(wait);
    } else {
      std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    }
    backoff = std::min(backoff * 2, options_.backoff_max_s);
  }
}

}  // namespace mlmon::grafana
