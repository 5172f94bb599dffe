#include "grafana/curl_library.hpp"

#include <dlfcn.h>

#include <type_traits>

namespace mlmon::grafana {

namespace {

CurlLibrary load() {
  CurlLibrary lib;
  // RTLD_LOCAL: its symbols stay out of the global namespace; the handle is never closed.
  void* handle = nullptr;
  for (const char* name : {"libcurl.so.4", "libcurl-gnutls.so.4"}) {
    handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) break;
  }
  if (handle == nullptr) {
    lib.load_error =
        "libcurl is not available (" + std::string(dlerror()) + "); install it with: apt-get install libcurl4";
    return lib;
  }
  bool missing = false;
  auto resolve = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
    if (fn == nullptr && !missing) {
      missing = true;
      lib.load_error = std::string("libcurl.so.4 has no ") + name + "; it is too old";
    }
  };
  resolve(lib.global_init, "curl_global_init");
  resolve(lib.easy_init, "curl_easy_init");
  resolve(lib.easy_cleanup, "curl_easy_cleanup");
  resolve(lib.easy_reset, "curl_easy_reset");
  resolve(lib.easy_setopt, "curl_easy_setopt");
  resolve(lib.easy_perform, "curl_easy_perform");
  resolve(lib.easy_getinfo, "curl_easy_getinfo");
  resolve(lib.easy_strerror, "curl_easy_strerror");
  resolve(lib.slist_append, "curl_slist_append");
  resolve(lib.slist_free_all, "curl_slist_free_all");
  if (missing) return lib;
  if (const CURLcode code = lib.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    lib.load_error = std::string("libcurl could not be initialised: ") + lib.easy_strerror(code);
  }
  return lib;
}

}  // namespace

const CurlLibrary& curl_library() {
  static const CurlLibrary lib = load();  // C++ guarantees one initialisation across threads
  return lib;
}

}  // namespace mlmon::grafana
