// prometheus/common HTTPClientConfig.Validate and TLSConfig.Validate, in their words.
#include <algorithm>
#include <cctype>
#include <string>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/checker.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/validators.hpp"

namespace mlmon::alertmanager::validators {

namespace {

int count_set(const Node* map, std::initializer_list<std::string_view> keys) {
  int n = 0;
  for (std::string_view key : keys) n += has_text(map, key) ? 1 : 0;
  return n;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return std::isspace(c) == 0; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

}  // namespace

void http_config(Checker& ck, const Node& h) {
  const std::string_view rule = ids::kHttpConfig;
  const bool bearer = has_text(&h, "bearer_token");
  const bool bearer_file = has_text(&h, "bearer_token_file");
  const Node* basic = field_node(&h, "basic_auth");
  const Node* oauth2 = field_node(&h, "oauth2");
  const Node* authorization = field_node(&h, "authorization");
  if (bearer && bearer_file) {
    ck.fail(field_node(&h, "bearer_token"), rule, "at most one of bearer_token & bearer_token_file must be configured");
  }
  if ((is_present(basic) || is_present(oauth2)) && (bearer || bearer_file)) {
    ck.fail(&h, rule, "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
  }
  if (is_present(basic) && count_set(basic, {"username", "username_file", "username_ref"}) > 1) {
    ck.fail(basic, rule, "at most one of basic_auth username, username_file & username_ref must be configured");
  }
  if (is_present(basic) && count_set(basic, {"password", "password_file", "password_ref"}) > 1) {
    ck.fail(basic, rule, "at most one of basic_auth password, password_file & password_ref must be configured");
  }
  if (is_present(authorization)) {
    if (bearer || bearer_file) {
      ck.fail(authorization, rule, "authorization is not compatible with bearer_token & bearer_token_file");
    }
    if (count_set(authorization, {"credentials", "credentials_file", "credentials_ref"}) > 1) {
      ck.fail(authorization, rule, "at most one of authorization credentials & credentials_file must be configured");
    }
    std::string type = trim(text_of(authorization, "type"));
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    if (type == "basic") {
      ck.fail(field_node(authorization, "type"), rule,
              "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    }
    if (is_present(basic) || is_present(oauth2)) {
      ck.fail(authorization, rule, "at most one of basic_auth, oauth2 & authorization must be configured");
    }
  }
  if (is_present(oauth2)) {
    if (is_present(basic))
      ck.fail(oauth2, rule, "at most one of basic_auth, oauth2 & authorization must be configured");
    if (!has_text(oauth2, "client_id")) ck.fail(oauth2, rule, "oauth2 client_id must be configured");
    if (!has_text(oauth2, "token_url")) ck.fail(oauth2, rule, "oauth2 token_url must be configured");
    if (count_set(oauth2, {"client_secret", "client_secret_file", "client_secret_ref"}) > 1) {
      ck.fail(oauth2, rule,
              "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured using "
              "grant-type=client_credentials");
    }
  }
  const bool proxy_url = has_text(&h, "proxy_url");
  const bool from_env = is_true(field_node(&h, "proxy_from_environment"));
  if (is_nonempty_collection(field_node(&h, "proxy_connect_header")) && !from_env && !proxy_url) {
    ck.fail(field_node(&h, "proxy_connect_header"), rule,
            "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
  }
  if (from_env && proxy_url) {
    ck.fail(field_node(&h, "proxy_url"), rule,
            "if proxy_from_environment is configured, proxy_url must not be configured");
  }
  if (from_env && has_text(&h, "no_proxy")) {
    ck.fail(field_node(&h, "no_proxy"), rule,
            "if proxy_from_environment is configured, no_proxy must not be configured");
  }
  if (!is_present(field_node(&h, "proxy_url")) && has_text(&h, "no_proxy")) {
    ck.fail(field_node(&h, "no_proxy"), rule, "if no_proxy is configured, proxy_url must also be configured");
  }
}

void tls_config(Checker& ck, const Node& t) {
  const std::string_view rule = ids::kTlsConfig;
  if (count_set(&t, {"ca", "ca_file", "ca_ref"}) > 1)
    ck.fail(&t, rule, "at most one of ca, ca_file & ca_ref must be configured");
  if (count_set(&t, {"cert", "cert_file", "cert_ref"}) > 1) {
    ck.fail(&t, rule, "at most one of cert, cert_file & cert_ref must be configured");
  }
  if (count_set(&t, {"key", "key_file", "key_ref"}) > 1)
    ck.fail(&t, rule, "at most one of key and key_file must be configured");
  const bool cert = count_set(&t, {"cert", "cert_file", "cert_ref"}) > 0;
  const bool key = count_set(&t, {"key", "key_file", "key_ref"}) > 0;
  if (cert && !key) {
    ck.fail(&t, rule, "exactly one of key or key_file must be configured when a client certificate is configured");
  } else if (key && !cert) {
    ck.fail(&t, rule, "exactly one of cert or cert_file must be configured when a client key is configured");
  }
}

}  // namespace mlmon::alertmanager::validators
