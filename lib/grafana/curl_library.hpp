#pragma once
// libcurl, loaded on first use. Only the Grafana commands talk HTTP; linking libcurl (and the ~30
// libraries it pulls in: TLS, Kerberos, LDAP, ...) made every mlmon run pay ~20 ms and ~7 MB
// of memory at startup, including `check-rules` in CI.
#include <curl/curl.h>

#include <string>

namespace mlmon::grafana {

/// The libcurl functions mlmon uses, resolved from libcurl.so.4.
struct CurlLibrary {
  CURLcode (*global_init)(long flags) = nullptr;
  CURL* (*easy_init)() = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  void (*easy_reset)(CURL*) = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;

  std::string load_error;  ///< why it is unusable ("" when loaded)
  bool loaded() const { return load_error.empty(); }
};

/// Loads libcurl once (thread-safe) and initialises it; check loaded() before use.
const CurlLibrary& curl_library();

}  // namespace mlmon::grafana
