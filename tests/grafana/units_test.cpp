// Pure functions of lib/grafana: URLs, credentials, redaction, __inputs, version messages, export text.
#include <doctest/doctest.h>

#include "grafana/credentials.hpp"
#include "grafana/dashboard_checks.hpp"
#include "grafana/dashboard_exporter.hpp"
#include "grafana/dashboard_inputs.hpp"
#include "grafana/grafana_url.hpp"
#include "grafana/redactor.hpp"
#include "grafana/version_message.hpp"
#include "test_support.hpp"

namespace mlmon::grafana {

using mlmon::testing::TempDir;
using nlohmann::json;

TEST_CASE("grafana url: sub-paths, userinfo split off, bad URLs named without secrets") {
  auto url = parse_grafana_url("https://host.example:3000/grafana/");
  REQUIRE(url);
  CHECK(url->base == "https://host.example:3000/grafana");
  CHECK(url->join("/api/health") == "https://host.example:3000/grafana/api/health");

  auto with_user = parse_grafana_url("HTTP://admin:s3cr%40t@localhost:3000");
  REQUIRE(with_user);
  CHECK(with_user->base == "http://localhost:3000");
  CHECK(with_user->user == "admin");
  CHECK(with_user->password == "s3cr@t");

  CHECK(parse_grafana_url("localhost:3000").error().message ==
        "the Grafana URL must start with http:// or https:// (for example https://grafana.example.com)");
  CHECK(parse_grafana_url("ftp://u:hunter22@host").error().message ==
        "the Grafana URL ftp://host must use http or https");
  CHECK(parse_grafana_url("https://u:hunter22@").error().message == "the Grafana URL https:// has no host");
  CHECK(parse_grafana_url("https://host/grafana?orgId=1").error().message ==
        "the Grafana URL https://host/grafana?orgId=1 must not have a query or fragment");
  CHECK(percent_encode("a b/ü") == "a%20b%2F%C3%BC");
}

TEST_CASE("credentials: precedence, validation, and no secret in errors") {
  std::map<std::string, std::string> env;
  CredentialSources sources{"", [&](const char* name) -> std::optional<std::string> {
                              auto it = env.find(name);
                              return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
                            }};
  GrafanaUrl url = *parse_grafana_url("https://grafana");
  CHECK(load_credentials(sources, url)->kind == Credentials::Kind::None);

  env["GRAFANA_USER"] = "admin";
  CHECK(load_credentials(sources, url).error().message == "GRAFANA_USER is set but GRAFANA_PASSWORD is not");
  env["GRAFANA_PASSWORD"] = "pa:ss";
  auto basic = load_credentials(sources, url);
  REQUIRE(basic);
  CHECK(basic->authorization() == "Basic " + base64_encode("admin:pa:ss"));
  CHECK(basic->source == "GRAFANA_USER/GRAFANA_PASSWORD");

  env["GRAFANA_TOKEN"] = " glsa_token\n";
  auto token = load_credentials(sources, url);
  CHECK(token->kind == Credentials::Kind::Token);
  CHECK(token->authorization() == "Bearer glsa_token");

  env["GRAFANA_TOKEN"] = "glsa_a b";
  CHECK(load_credentials(sources, url).error().message ==
        "the token from GRAFANA_TOKEN contains spaces or control characters; it must be a single line");

  TempDir dir;
  sources.token_file = dir.file("token", "glsa_fromfile\r\n");
  CHECK(load_credentials(sources, url)->token == "glsa_fromfile");
  CHECK(load_credentials(sources, url)->source == "--token-file " + sources.token_file);
  sources.token_file = dir.file("empty", "\n");
  CHECK(load_credentials(sources, url).error().message ==
        "the token from --token-file " + sources.token_file + " is empty");

  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
}

TEST_CASE("redactor: scrubs every occurrence, longest secret first, ignores trivial ones") {
  Redactor redactor;
  redactor.add_secret("abc");  // too short to scrub sensibly
  redactor.add_secret("glsa_secret");
  redactor.add_secret("Bearer glsa_secret");
  CHECK(redactor.scrub("Authorization: Bearer glsa_secret; again glsa_secret; abc") ==
        "Authorization: [redacted]; again [redacted]; abc");
}

TEST_CASE("__inputs: Grafana's substitution, done on the client") {
  std::map<std::string, std::string> values{{"DS", "uid-1"}};
  CHECK(substitute_placeholders("${DS}", values) == "uid-1");
  CHECK(substitute_placeholders("a ${DS} b ${DS}", values) == "a uid-1 b uid-1");
  CHECK(substitute_placeholders("${OTHER} ${DS}", values) == "${OTHER} uid-1");
  CHECK(substitute_placeholders("${} ${DS", values) == "${} ${DS");
  CHECK(substitute_placeholders("${a ${DS}", values) == "${a ${DS}");  // shortest match is "${a ${DS}"
  CHECK(substitute_placeholders("$DS ${DS:raw}", values) == "$DS ${DS:raw}");

  json exported = {{"__inputs",
                    {{{"name", "DS"}, {"type", "datasource"}, {"pluginId", "prometheus"}},
                     {{"name", "VAR_PREFIX"}, {"type", "constant"}, {"value", "collectd"}},
                     {{"name", "DS_EXPR"}, {"type", "datasource"}, {"pluginId", "__expr__"}}}},
                   {"__requires", json::array()},
                   {"__elements", json::object()},
                   {"title", "t ${DS}"},
                   {"panels", {{{"type", "row"}, {"panels", {{{"datasource", {{"uid", "${DS}"}}}, {"id", 7}}}}}}},
                   {"templating", {{"list", {{{"query", "${VAR_PREFIX}"}, {"datasource", "${DS_EXPR}"}}}}}}};
  auto resolved = resolve_inputs(exported, values);
  REQUIRE(resolved);
  CHECK(*resolved ==
        json{{"title", "t uid-1"},
             {"panels", {{{"type", "row"}, {"panels", {{{"datasource", {{"uid", "uid-1"}}}, {"id", 7}}}}}}},
             {"templating", {{"list", {{{"query", "collectd"}, {"datasource", "__expr__"}}}}}}});

  auto missing = resolve_inputs(exported, {});
  CHECK(missing.error().message ==
        "no value for the dashboard's input DS (prometheus datasource); pass --datasource DS=<datasource uid>");
  CHECK(resolve_inputs(json{{"__inputs", "x"}}, {}).error().message == "__inputs is not a list");
  CHECK(resolve_inputs(json{{"__inputs", {1}}}, {}).error().message == "__inputs[0] has no name");
}

TEST_CASE("version messages carry mlmon's marker and fit Grafana's limit") {
  CHECK(version_message("", "dashboards/ml.json", "0123456789ab") == "mlmon: dashboards/ml.json @ 0123456789ab");
  CHECK(version_message("", "dashboards/ml.json", "") == "mlmon: dashboards/ml.json");
  CHECK(version_message("raise p99 threshold", "x", "y") == "mlmon: raise p99 threshold");
  CHECK(version_message("mlmon: as is", "x", "y") == "mlmon: as is");
  std::string long_message = version_message(std::string(600, 'x') + "é", "f", "");
  CHECK(long_message.size() == 500);
  CHECK(version_message(std::string(492, 'x') + "ééé", "f", "").size() == 499);  // never half a character
  CHECK(is_mlmon_message("mlmon: x"));
  CHECK_FALSE(is_mlmon_message(""));
  CHECK_FALSE(is_mlmon_message("Restored from version 2"));
}

TEST_CASE("git_head_commit reads .git without running git") {
  TempDir dir;
  std::string id = "0123456789abcdef0123456789abcdef01234567";
  dir.file("repo/.git/HEAD", "ref: refs/heads/main\n");
  dir.file("repo/.git/refs/heads/main", id + "\n");
  std::string file = dir.file("repo/dashboards/a.json", "{}");
  CHECK(git_head_commit(file) == "0123456789ab");

  dir.file("packed/.git/HEAD", "ref: refs/heads/trunk\n");
  dir.file("packed/.git/packed-refs",
           "# pack-refs with: peeled\nfedcba9876543210fedcba9876543210fedcba98 refs/heads/trunk\n");
  CHECK(git_head_commit(dir.file("packed/a.json", "{}")) == "fedcba987654");

  dir.file("detached/.git/HEAD", id + "\n");
  CHECK(git_head_commit(dir.file("detached/x/y.json", "{}")) == "0123456789ab");

  dir.file("worktree/.git", "gitdir: ../repo/.git\n");
  CHECK(git_head_commit(dir.file("worktree/a.json", "{}")) == "0123456789ab");
}

TEST_CASE("export text: server fields stripped, keys sorted, 2-space, newline") {
  json live = {{"version", 7}, {"title", "T"}, {"id", 3}, {"iteration", 123}, {"uid", "u"}, {"panels", {{{"id", 2}}}}};
  CHECK(export_text(live) ==
        "{\n  \"panels\": [\n    {\n      \"id\": 2\n    }\n  ],\n  \"title\": \"T\",\n  \"uid\": \"u\"\n}\n");
  CHECK(slugify("  ML Platform: p99 / Latency ") == "ml-platform-p99-latency");
  CHECK(slugify("!!!") == "");
}

TEST_CASE("structural comparer: ignores id/version/iteration, names each difference") {
  StructuralComparer comparer;
  json live = {{"id", 3}, {"version", 9}, {"title", "T"}, {"panels", {{{"title", "a"}, {"max", 1}}}}};
  json same = {{"id", nullptr}, {"title", "T"}, {"panels", {{{"max", 1.0}, {"title", "a"}}}}};
  CHECK(comparer.differences(live, same).empty());
  json changed = {{"title", "T2"}, {"panels", {{{"title", "a"}, {"max", 2}}}}, {"tags", {"x"}}};
  CHECK(comparer.differences(live, changed) ==
        std::vector<std::string>{"/tags: added [\"x\"]", "/panels/0/max: 1 → 2", "/title: \"T\" → \"T2\""});
}

}  // namespace mlmon::grafana
