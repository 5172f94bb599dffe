// The real libcurl transport and Grafana client against the fake Grafana: retries, timeouts, TLS,
// bad replies, the two version-history shapes, paging, and what errors say.
#include "grafana/client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "fake_grafana.hpp"
#include "grafana/curl_transport.hpp"
#include "test_support.hpp"

namespace mlmon::grafana {

namespace {

using nlohmann::json;
using testing::FakeGrafana;
using testing::FakeGrafanaOptions;
using testing::Fault;

/// A fake Grafana and a client for it. The fake is declared first so it outlives the client's
/// open connections.
struct Harness {
  FakeGrafana grafana;
  std::vector<double> waits;
  std::vector<std::string> log;
  Redactor redactor;
  std::unique_ptr<CurlTransport> transport;
  std::unique_ptr<GrafanaClient> client;

  explicit Harness(FakeGrafanaOptions options = {}, const std::function<void(TransportOptions&)>& tweak = {},
                   std::optional<Credentials> credentials = std::nullopt)
      : grafana(std::move(options)) {
    grafana.start();
    TransportOptions transport_options;
    transport_options.user_agent = "mlmon/test";
    transport_options.connect_timeout_s = 5;
    transport_options.total_timeout_s = 5;
    transport_options.sleep = [this](double seconds) { waits.push_back(seconds); };
    transport_options.log = [this](std::string_view line) { log.emplace_back(line); };
    transport_options.redactor = &redactor;
    if (tweak) tweak(transport_options);
    transport = std::make_unique<CurlTransport>(std::move(transport_options));
    ClientOptions client_options;
    client_options.url = *parse_grafana_url(grafana.url());
    if (credentials) {
      client_options.credentials = *credentials;
    } else {
      client_options.credentials.kind = Credentials::Kind::Token;
      client_options.credentials.token = grafana.admin_token();
      client_options.credentials.source = "GRAFANA_TOKEN";
    }
    redactor.add_secret(client_options.credentials.token);
    client = std::make_unique<GrafanaClient>(std::move(client_options), *transport, &redactor);
  }
  ~Harness() {
    client.reset();
    transport.reset();  // closes kept-alive connections before the fake stops
    grafana.stop();
  }
  std::size_t calls(const std::string& path_prefix) const {
    std::size_t n = 0;
    for (const auto& request : grafana.requests()) n += request.path.starts_with(path_prefix) ? 1 : 0;
    return n;
  }
};

Credentials token(const std::string& value) {
  Credentials credentials;
  credentials.kind = Credentials::Kind::Token;
  credentials.token = value;
  credentials.source = "GRAFANA_TOKEN";
  return credentials;
}

}  // namespace

TEST_CASE("client: sends the token, the org header, JSON headers and mlmon's User-Agent") {
  Harness h;
  h.grafana.put_dashboard(testing::sample_dashboard("d1", "One"), "", "seed");
  auto live = h.client->get_dashboard("d1");
  REQUIRE(live);
  REQUIRE(live->has_value());
  CHECK((*live)->version == 1);
  CHECK((*live)->folder_title == "General");
  auto request = h.grafana.requests().back();
  CHECK(request.had_authorization);
  CHECK(request.headers["User-Agent"] == "mlmon/test");
  CHECK(request.headers["Accept"] == "application/json");
  CHECK(h.client->get_dashboard("missing").value() == std::nullopt);
}

TEST_CASE("client: 5xx and 429 are retried with backoff, honouring Retry-After; 4xx never") {
  Harness h;
  h.grafana.put_dashboard(testing::sample_dashboard("d1", "One"), "", "seed");
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 2, 503});
  auto live = h.client->get_dashboard("d1");
  REQUIRE(live);
  CHECK(live->has_value());
  CHECK(h.waits == std::vector<double>{0.5, 1.0});
  CHECK(h.log ==
        std::vector<std::string>{
            "retrying GET " + h.grafana.url() + "/api/dashboards/uid/d1 in 0.5s after HTTP 503 (attempt 2 of 4)",
            "retrying GET " + h.grafana.url() + "/api/dashboards/uid/d1 in 1s after HTTP 503 (attempt 3 of 4)"});

  h.waits.clear();
  Fault throttled{Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 1, 429};
  throttled.headers = {{"Retry-After", "3"}};
  h.grafana.add_fault(throttled);
  CHECK(h.client->get_dashboard("d1"));
  CHECK(h.waits == std::vector<double>{3.0});

  h.waits.clear();
  h.grafana.clear_requests();
  h.grafana.add_fault(
      {Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 1, 400, R"({"message":"bad request data"})"});
  auto refused = h.client->get_dashboard("d1");
  CHECK(refused.error().text == "GET /api/dashboards/uid/d1: Grafana refused (400 Bad Request: bad request data)");
  CHECK(h.waits.empty());
  CHECK(h.grafana.requests().size() == 1);
}

TEST_CASE("client: gives up after the retries with Grafana's message") {
  Harness h({}, [](TransportOptions& o) { o.max_retries = 2; });
  h.grafana.add_fault(
      {Fault::Kind::Status, "", "/api/dashboards/uid/x", -1, 500, R"({"message":"Failed to save dashboard"})"});
  auto result = h.client->get_dashboard("x");
  CHECK(result.error().kind == ApiError::Kind::ServerError);
  CHECK(result.error().text ==
        "GET /api/dashboards/uid/x: Grafana failed (500 Internal Server Error: Failed to save dashboard)");
  CHECK(h.calls("/api/dashboards/uid/x") == 3);
}

TEST_CASE("client: a reply slower than the timeout fails in bounded time") {
  Harness h({}, [](TransportOptions& o) {
    o.total_timeout_s = 0.3;
    o.max_retries = 1;
  });
  h.grafana.add_fault({Fault::Kind::Delay, "", "/api/dashboards/uid/slow", -1, 0, "", 10.0});
  auto started = std::chrono::steady_clock::now();
  auto result = h.client->get_dashboard("slow");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(seconds < 3.0);
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == ApiError::Kind::Transport);
  std::string text = result.error().text;
  CHECK(
      text.starts_with("GET " + h.grafana.url() + "/api/dashboards/uid/slow: no complete reply within the timeout ("));
  CHECK(text.ends_with(") (gave up after 2 attempts)"));
}

TEST_CASE("client: a dropped connection is retried; a refused one is reported") {
  Harness h;
  h.grafana.put_dashboard(testing::sample_dashboard("d1", "One"), "", "seed");
  h.grafana.add_fault({Fault::Kind::Drop, "GET", "/api/dashboards/uid/d1", 1});
  CHECK(h.client->get_dashboard("d1").value().has_value());
  CHECK(h.waits.size() == 1);

  FakeGrafana closed;
  closed.start();
  std::string url = closed.url();
  closed.stop();
  TransportOptions options;
  options.max_retries = 1;
  options.sleep = [](double) {};
  CurlTransport transport(options);
  GrafanaClient client({*parse_grafana_url(url), token("glsa_x"), std::nullopt}, transport);
  auto result = client.get_dashboard("d1");
  REQUIRE_FALSE(result);
  CHECK(result.error().text.starts_with("GET " + url + "/api/dashboards/uid/d1: Failed to connect to 127.0.0.1 port "));
  CHECK(result.error().text.ends_with(" (gave up after 2 attempts)"));
}

TEST_CASE("client: malformed JSON, HTML pages and odd shapes are errors, never crashes") {
  Harness h({}, [](TransportOptions& o) { o.max_retries = 1; });
  h.grafana.put_dashboard(testing::sample_dashboard("d1", "One"), "", "seed");
  h.grafana.add_fault({Fault::Kind::Malformed, "GET", "/api/dashboards/uid/d1", 1});
  auto malformed = h.client->get_dashboard("d1");
  CHECK(malformed.error().kind == ApiError::Kind::BadReply);
  CHECK(malformed.error().text ==
        "GET /api/dashboards/uid/d1: Grafana's reply is not what its API documents: HTTP 200 parse error at line 1, "
        "column 31: syntax error while parsing value - invalid string: missing closing quote; last read: '\"trunc'");

  h.grafana.add_fault({Fault::Kind::Html, "GET", "/api/dashboards/uid/d1", -1, 502});
  auto html = h.client->get_dashboard("d1");
  CHECK(html.error().text ==
        "GET /api/dashboards/uid/d1: Grafana failed (502 Bad Gateway: an HTML page instead of JSON (a proxy or load "
        "balancer answered?))");
  h.grafana.clear_faults();

  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 1, 200, R"([1,2])"});
  CHECK(h.client->get_dashboard("d1").error().text ==
        "GET /api/dashboards/uid/d1: Grafana's reply is not what its API documents: no \"dashboard\" object");
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 1, 200, std::string(300, '[')});
  CHECK(h.client->get_dashboard("d1").error().text ==
        "GET /api/dashboards/uid/d1: Grafana's reply is not what its API documents: HTTP 200 JSON nested deeper than "
        "256 levels");
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1/versions", 1, 200, R"({"foo":1})"});
  CHECK(h.client->newest_version("d1").error().text ==
        "GET /api/dashboards/uid/d1/versions?limit=1: Grafana's reply is not what its API documents: neither a list "
        "of versions nor {\"versions\": [...]}");
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1/versions", 1, 200, R"([{"version":"2"}])"});
  CHECK(h.client->newest_version("d1").error().text ==
        "GET /api/dashboards/uid/d1/versions?limit=1: Grafana's reply is not what its API documents: a version entry "
        "has no integer \"version\"");
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1/versions", 1, 200, "[]"});
  CHECK(h.client->newest_version("d1").value() == std::nullopt);
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 1, 418, "\x1b[31mteapot\nline two"});
  CHECK(h.client->get_dashboard("d1").error().text ==
        "GET /api/dashboards/uid/d1: Grafana refused (HTTP 418: a body that is not JSON: \" [31mteapot line two\")");
}

TEST_CASE("client: list replies of the wrong shape are errors; a server that ignores `page` ends the paging") {
  Harness h({}, [](TransportOptions& o) { o.max_retries = 1; });
  h.client->set_page_size(2);
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/folders", 1, 200, R"({"folders":[]})"});
  CHECK(h.client->list_folders().error().text ==
        "GET /api/folders?limit=2&page=1: Grafana's reply is not what its API documents: not a list of folders");
  h.grafana.add_fault({Fault::Kind::Status, "GET", "/api/search", 1, 200, R"([{"uid":"d1"},7])"});
  CHECK(h.client->search_dashboards(std::string("f/1")).error().text ==
        "GET /api/search?type=dash-db&limit=2&page=1&folderUIDs=f%2F1: Grafana's reply is not what its API "
        "documents: an entry is not a search hit object");

  // The same full page over and over: stop at the repeat instead of asking 200 times.
  h.grafana.add_fault(
      {Fault::Kind::Status, "GET", "/api/folders", -1, 200, R"([{"uid":"a","title":"A"},{"uid":"b","title":"B"}])"});
  auto folders = h.client->list_folders();
  REQUIRE(folders);
  CHECK(folders->size() == 2);
  CHECK(h.calls("/api/folders") == 3);  // the one above, then pages 1 and 2 here
}

TEST_CASE("client: newest version in the old list shape and the 11.6+ wrapped shape") {
  for (const char* version : {"11.5.2", "11.6.0", "12.1.0"}) {
    CAPTURE(version);
    FakeGrafanaOptions options;
    options.grafana_version = version;
    Harness h(options);
    h.grafana.put_dashboard(testing::sample_dashboard("d1", "One"), "", "mlmon: d1.json", "Anonymous");
    h.grafana.ui_edit("d1", [](json& d) { d["title"] = "Edited"; }, "alice");
    auto newest = h.client->newest_version("d1");
    REQUIRE(newest);
    REQUIRE(newest->has_value());
    CHECK((*newest)->version == 2);
    CHECK((*newest)->created_by == "alice");
    CHECK((*newest)->created == "2026-01-01T00:00:01Z");
    CHECK((*newest)->message == "");
    CHECK(h.grafana.requests().back().query == "limit=1");
  }
}

TEST_CASE("client: 401 and 403 say which credentials and what to do") {
  {
    Harness h({}, {}, token("glsa_wrongToken0123456789abcdefABCDEF_00000000"));
    auto result = h.client->get_dashboard("d1");
    CHECK(result.error().kind == ApiError::Kind::Unauthorized);
    CHECK(result.error().text == "GET /api/dashboards/uid/d1: Grafana at " + h.grafana.url() +
                                     " rejected the credentials from GRAFANA_TOKEN (401 Unauthorized: Unauthorized)");
    CHECK(h.grafana.requests().size() == 1);  // never retried
  }
  {
    Harness h({}, {}, token("glc_cloudAccessPolicyToken"));
    CHECK(h.client->get_dashboard("d1").error().text.ends_with(
        "; a glc_ token is a Grafana Cloud access-policy token, which a stack's /api does not accept: use a "
        "service-account token (glsa_...)"));
  }
  {
    Harness h({}, {}, Credentials{});
    CHECK(h.client->get_dashboard("d1").error().text ==
          "GET /api/dashboards/uid/d1: Grafana at " + h.grafana.url() +
              " requires authentication (401 Unauthorized: Unauthorized); set GRAFANA_TOKEN or --token-file (a "
              "service-account token), or GRAFANA_USER and GRAFANA_PASSWORD");
  }
  {
    FakeGrafanaOptions options;
    options.tokens["glsa_readonlyToken0123456789abcdefABCDEF_00000000"] = {1, true, "viewer"};
    Harness h(options, {}, token("glsa_readonlyToken0123456789abcdefABCDEF_00000000"));
    auto result = h.client->create_folder("Team", "");
    CHECK(result.error().kind == ApiError::Kind::Forbidden);
    CHECK(result.error().text ==
          "POST /api/folders: access denied (403 Forbidden: You'll need additional permissions to perform this "
          "action. Permissions needed: folders:create); the credentials from GRAFANA_TOKEN lack the permission for "
          "this");
  }
}

TEST_CASE("client: redirects are reported, not followed") {
  Harness h;
  Fault redirect{Fault::Kind::Status, "GET", "/api/dashboards/uid/d1", 1, 301, "{}"};
  redirect.headers = {{"Location", "https://elsewhere.example/api/dashboards/uid/d1"}};
  h.grafana.add_fault(redirect);
  CHECK(h.client->get_dashboard("d1").error().text ==
        "GET /api/dashboards/uid/d1: Grafana redirected to https://elsewhere.example/api/dashboards/uid/d1 (HTTP "
        "301); use the final address as --url");
}

TEST_CASE("client: folders and search page until a short page, also at exactly the page size") {
  Harness h;
  h.client->set_page_size(2);
  h.grafana.add_folder("B", "b");
  h.grafana.add_folder("A", "a");
  auto folders = h.client->list_folders();
  REQUIRE(folders);
  REQUIRE(folders->size() == 2);
  CHECK((*folders)[0].title == "A");
  CHECK(h.calls("/api/folders") == 2);  // page 2 comes back empty

  for (int i = 0; i < 5; ++i) {
    h.grafana.put_dashboard(testing::sample_dashboard("d" + std::to_string(i), "D" + std::to_string(i)),
                            i % 2 ? "a" : "", "seed");
  }
  auto all = h.client->search_dashboards(std::nullopt);
  REQUIRE(all);
  CHECK(all->size() == 5);
  auto in_a = h.client->search_dashboards(std::string("a"));
  REQUIRE(in_a);
  REQUIRE(in_a->size() == 2);
  CHECK((*in_a)[0].uid == "d1");
  CHECK((*in_a)[0].folder_title == "A");
  CHECK(h.grafana.requests().back().query == "folderUIDs=a&limit=2&page=2&type=dash-db");
}

TEST_CASE("client: a Grafana under a sub-path") {
  FakeGrafanaOptions options;
  options.sub_path = "/grafana";
  Harness h(options);
  auto created = h.client->save_dashboard({testing::sample_dashboard("d1", "One"), "", false, "mlmon: x"});
  REQUIRE(created);
  CHECK(created->url == "/grafana/d/d1/one");
  CHECK(created->version == 1);
  CHECK(h.client->get_dashboard("d1").value().has_value());
}

TEST_CASE("client: TLS is verified; --ca-cert trusts a private CA; --insecure skips it") {
  testing::SelfSignedCertificate certificate = testing::make_self_signed_certificate();
  FakeGrafanaOptions options;
  options.tls_cert_pem = certificate.cert_pem;
  options.tls_key_pem = certificate.key_pem;
  {
    Harness h(options);
    auto result = h.client->get_dashboard("d1");
    REQUIRE_FALSE(result);
    CHECK(result.error().text.starts_with("GET " + h.grafana.url() +
                                          "/api/dashboards/uid/d1: TLS certificate verification failed: "));
    CHECK(result.error().text.ends_with(
        " (pass --ca-cert FILE with the CA that signed the server's certificate; --insecure skips verification)"));
    CHECK(h.grafana.requests().empty());  // no request left the client
  }
  testing::TempDir dir;
  std::string ca = dir.file("ca.pem", certificate.cert_pem);
  {
    Harness h(options, [&](TransportOptions& o) { o.ca_cert = ca; });
    CHECK(h.client->get_dashboard("d1").value() == std::nullopt);
  }
  {
    Harness h(options, [](TransportOptions& o) { o.insecure = true; });
    CHECK(h.client->get_dashboard("d1").value() == std::nullopt);
  }
}

TEST_CASE("client: --verbose logs requests with credentials redacted") {
  Harness h({}, [](TransportOptions& o) { o.verbose = true; });
  CHECK(h.client->get_dashboard("d1"));
  REQUIRE(h.log.size() == 4);
  CHECK(h.log[0] == "> GET " + h.grafana.url() + "/api/dashboards/uid/d1");
  CHECK(h.log[1] == ">   Accept: application/json");
  CHECK(h.log[2] == ">   Authorization: [redacted]");
  CHECK(h.log[3].starts_with("< 404 ("));
  for (const std::string& line : h.log) CHECK(line.find(h.grafana.admin_token()) == std::string::npos);
}

TEST_CASE("client: replies over the size limit are refused") {
  Harness h({}, [](TransportOptions& o) { o.max_response_bytes = 64; });
  h.grafana.put_dashboard(testing::sample_dashboard("d1", "One"), "", "seed");
  CHECK(h.client->get_dashboard("d1").error().text ==
        "GET " + h.grafana.url() + "/api/dashboards/uid/d1: the reply is larger than 64 bytes; refusing to read it");
}

}  // namespace mlmon::grafana
