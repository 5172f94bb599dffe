// The fake Grafana itself, driven with a plain HTTP client: its answers must be Grafana's
// (../shared/reference/grafana-api.md §2, §8) or the other tests prove nothing.
#include "fake_grafana.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include "test_support.hpp"

namespace mlmon::testing {

namespace {

using nlohmann::json;

struct Answer {
  int status = 0;
  std::string body;
  json parsed() const { return json::parse(body); }
};

class Api {
 public:
  explicit Api(FakeGrafana& grafana, std::string authorization = "")
      : client_("127.0.0.1", grafana.port()),
        authorization_(authorization.empty() ? "Bearer " + grafana.admin_token() : std::move(authorization)) {
    client_.set_read_timeout(5, 0);
  }
  Answer get(const std::string& path, httplib::Headers extra = {}) {
    return answer(client_.Get(path.c_str(), headers(std::move(extra))));
  }
  Answer post(const std::string& path, const json& body, httplib::Headers extra = {}) {
    return answer(client_.Post(path.c_str(), headers(std::move(extra)), body.dump(), "application/json"));
  }
  Answer post_raw(const std::string& path, const std::string& body) {
    return answer(client_.Post(path.c_str(), headers({}), body, "application/json"));
  }
  Answer put(const std::string& path, const json& body) {
    return answer(client_.Put(path.c_str(), headers({}), body.dump(), "application/json"));
  }
  Answer del(const std::string& path) { return answer(client_.Delete(path.c_str(), headers({}))); }

 private:
  httplib::Headers headers(httplib::Headers extra) {
    if (authorization_ != "none") extra.emplace("Authorization", authorization_);
    return extra;
  }
  static Answer answer(const httplib::Result& result) {
    if (!result) return {0, "no reply"};
    return {result->status, result->body};
  }
  httplib::Client client_;
  std::string authorization_;
};

json save_body(json dashboard, bool overwrite = false, std::string folder_uid = "") {
  return json{
      {"dashboard", std::move(dashboard)}, {"folderUid", folder_uid}, {"overwrite", overwrite}, {"message", "m"}};
}

}  // namespace

TEST_CASE("fake grafana: create, get and update follow the save algorithm") {
  FakeGrafana grafana;
  grafana.start();
  Api api(grafana);

  json created =
      api.post("/api/dashboards/db", save_body({{"id", nullptr}, {"uid", nullptr}, {"title", "Production Overview"}}))
          .parsed();
  CHECK(created == json::parse(R"({"folderUid":"","id":1,"slug":"production-overview","status":"success",)"
                               R"("uid":"a0000001","url":"/d/a0000001/production-overview","version":1})"));

  Answer got = api.get("/api/dashboards/uid/a0000001");
  REQUIRE(got.status == 200);
  json body = got.parsed();
  CHECK(body["dashboard"]["id"] == 1);
  CHECK(body["dashboard"]["version"] == 1);
  CHECK(body["meta"]["folderTitle"] == "General");
  CHECK(body["meta"]["url"] == "/d/a0000001/production-overview");

  // A stale version without overwrite, then with it.
  json update = {{"uid", "a0000001"}, {"title", "Production Overview"}, {"version", 0}};
  Answer stale = api.post("/api/dashboards/db", save_body(update));
  CHECK(stale.status == 412);
  CHECK(stale.body == R"({"message":"The dashboard has been changed by someone else","status":"version-mismatch"})");
  Answer forced = api.post("/api/dashboards/db", save_body(update, true));
  CHECK(forced.status == 200);
  CHECK(forced.parsed()["version"] == 2);
  update["version"] = 2;
  CHECK(api.post("/api/dashboards/db", save_body(update)).parsed()["version"] == 3);
  CHECK(grafana.history("a0000001").size() == 3);
}

TEST_CASE("fake grafana: validation errors carry Grafana's exact bodies") {
  FakeGrafana grafana;
  grafana.start();
  Api api(grafana);
  grafana.put_dashboard({{"uid", "one"}, {"title", "One"}}, "", "seed");
  grafana.put_dashboard({{"uid", "two"}, {"title", "Two"}}, "", "seed");

  CHECK(api.post_raw("/api/dashboards/db", "{not json").body == R"({"message":"bad request data"})");
  CHECK(api.post("/api/dashboards/db", save_body({{"title", "  "}})).body ==
        R"({"message":"Dashboard title cannot be empty","status":"empty-name"})");
  CHECK(api.post("/api/dashboards/db", save_body({{"title", "x"}, {"uid", "a b"}})).body ==
        R"({"message":"uid contains illegal characters"})");
  CHECK(api.post("/api/dashboards/db", save_body({{"title", "x"}, {"uid", std::string(41, 'a')}})).body ==
        R"({"message":"uid too long, max 40 characters"})");
  CHECK(api.post("/api/dashboards/db", save_body({{"title", "x"}}, false, "nope")).body ==
        R"({"message":"folder not found"})");
  CHECK(api.post("/api/dashboards/db", save_body({{"title", "x"}, {"id", 99}})).body ==
        R"({"message":"Dashboard not found","status":"not-found"})");
  Answer clash = api.post("/api/dashboards/db", save_body({{"title", "x"}, {"id", 1}, {"uid", "two"}}));
  CHECK(clash.status == 400);
  CHECK(clash.body == R"({"message":"A dashboard with the same uid already exists"})");
  CHECK(api.post("/api/dashboards/db", save_body({{"title", "x"}, {"tags", {std::string(51, 't')}}})).body ==
        R"({"message":"dashboard tag too long, max 50 characters","status":"tag-too-long"})");
  json folder_save = save_body({{"title", "x"}});
  folder_save["isFolder"] = true;
  CHECK(api.post("/api/dashboards/db", folder_save).body ==
        R"({"message":"Use folders endpoint for saving folders."})");
}

TEST_CASE("fake grafana: plugin and provisioned dashboards") {
  FakeGrafana grafana;
  grafana.start();
  Api api(grafana);
  grafana.put_dashboard({{"uid", "plug"}, {"title", "Plugged"}}, "", "seed");
  grafana.set_plugin("plug", "prometheus");
  Answer plugin = api.post("/api/dashboards/db", save_body({{"uid", "plug"}, {"title", "Plugged"}, {"version", 1}}));
  CHECK(plugin.status == 412);
  CHECK(plugin.body == R"({"message":"The dashboard belongs to plugin prometheus.","status":"plugin-dashboard"})");

  grafana.put_dashboard({{"uid", "prov"}, {"title", "Provisioned"}}, "", "seed");
  grafana.set_provisioned("prov", true);
  Answer save = api.post("/api/dashboards/db", save_body({{"uid", "prov"}, {"title", "Provisioned"}, {"version", 1}}));
  CHECK(save.status == 400);
  CHECK(save.body == R"({"message":"Cannot save provisioned dashboard"})");
  CHECK(api.del("/api/dashboards/uid/prov").body == R"({"message":"provisioned dashboard cannot be deleted"})");
  CHECK(api.del("/api/dashboards/uid/plug").body ==
        R"({"message":"Dashboard Plugged deleted","title":"Plugged","uid":"plug"})");
}

TEST_CASE("fake grafana: Grafana 11.2 title uniqueness, name-exists and takeover") {
  FakeGrafanaOptions options;
  options.grafana_version = "11.2.0";
  FakeGrafana grafana(options);
  grafana.start();
  Api api(grafana);
  grafana.put_dashboard({{"uid", "first"}, {"title", "Latency"}}, "", "seed");
  Answer clash = api.post("/api/dashboards/db", save_body({{"uid", "second"}, {"title", "latency"}}));
  CHECK(clash.status == 412);
  CHECK(clash.body ==
        R"({"message":"A dashboard with the same name in the folder already exists","status":"name-exists"})");
  // With overwrite the other dashboard is taken over (grafana/grafana#89698).
  Answer takeover = api.post("/api/dashboards/db", save_body({{"uid", "second"}, {"title", "Latency"}}, true));
  CHECK(takeover.status == 200);
  CHECK(takeover.parsed()["uid"] == "first");
  CHECK(grafana.dashboard_count() == 1);
  // The save response of 11.2 has folderUid; 9.x (legacy) does not.
  CHECK(takeover.parsed().contains("folderUid"));

  grafana.add_folder("Ops", "ops");
  CHECK(api.post("/api/dashboards/db", save_body({{"uid", "third"}, {"title", "Ops"}})).body ==
        R"({"message":"Dashboard name cannot be the same as folder","status":"name-match"})");
}

TEST_CASE("fake grafana: authentication") {
  FakeGrafanaOptions options;
  options.tokens["glsa_readonlyToken0123456789abcdefABCDEF_00000000"] = {1, true, "viewer"};
  options.orgs = {1, 2};
  FakeGrafana grafana(options);
  grafana.start();

  CHECK(Api(grafana, "none").get("/api/search").body ==
        R"({"message":"Unauthorized","messageId":"auth.unauthorized","statusCode":401,"traceID":""})");
  CHECK(Api(grafana, "Bearer wrong").get("/api/search").status == 401);
  CHECK(Api(grafana, "Basic " + std::string("YWRtaW46d3Jvbmc=")).get("/api/search").status == 401);  // admin:wrong
  Api basic(grafana, "Basic YWRtaW46YWRtaW4tcGFzc3dvcmQ=");  // admin:admin-password
  CHECK(basic.get("/api/search").status == 200);
  CHECK(basic.get("/api/search", {{"X-Grafana-Org-Id", "2"}}).status == 200);
  CHECK(basic.get("/api/search", {{"X-Grafana-Org-Id", "3"}}).status == 401);

  Api readonly(grafana, "Bearer glsa_readonlyToken0123456789abcdefABCDEF_00000000");
  CHECK(readonly.get("/api/search").status == 200);
  Answer denied = readonly.post("/api/dashboards/db", save_body({{"uid", "x"}, {"title", "X"}}));
  CHECK(denied.status == 403);
  CHECK(denied.body == R"({"message":"Access denied to save dashboard"})");

  // Health needs no credentials and is pretty-printed.
  Answer health = Api(grafana, "none").get("/api/health");
  CHECK(health.body == "{\n  \"commit\": \"0123456789\",\n  \"database\": \"ok\",\n  \"version\": \"12.1.0\"\n}");
  CHECK(Api(grafana, "none").get("/api/nothing").body ==
        R"({"message":"Unauthorized","messageId":"auth.unauthorized","statusCode":401,"traceID":""})");
  CHECK(Api(grafana).get("/api/nothing").body == R"({"message":"Not found"})");

  // No request log keeps a credential.
  for (const LoggedRequest& request : grafana.requests()) CHECK(request.headers.count("Authorization") == 0);
}

TEST_CASE("fake grafana: legacy error bodies before Grafana 10") {
  FakeGrafanaOptions options;
  options.grafana_version = "9.5.0";
  FakeGrafana grafana(options);
  grafana.start();
  CHECK(Api(grafana, "Bearer wrong").get("/api/search").body == R"({"message":"Invalid API key"})");
  CHECK(Api(grafana, "none").get("/api/search").body == R"({"message":"Unauthorized"})");
  Api api(grafana);
  Answer missing_folder = api.post("/api/dashboards/db", save_body({{"title", "x"}}, false, "nope"));
  CHECK(missing_folder.status == 404);
  CHECK(missing_folder.body == R"({"message":"Folder not found"})");
  json saved = api.post("/api/dashboards/db", save_body({{"title", "x"}, {"uid", "x"}})).parsed();
  CHECK_FALSE(saved.contains("folderUid"));
  CHECK(api.del("/api/dashboards/uid/x").body == R"({"id":1,"message":"Dashboard x deleted","title":"x"})");
}

TEST_CASE("fake grafana: version history in the old and the 11.6+ shapes") {
  for (const char* version : {"11.5.0", "12.1.0"}) {
    CAPTURE(version);
    FakeGrafanaOptions options;
    options.grafana_version = version;
    FakeGrafana grafana(options);
    grafana.start();
    grafana.put_dashboard({{"uid", "d"}, {"title", "D"}}, "", "mlmon: first", "Anonymous");
    grafana.ui_edit("d", [](json& d) { d["description"] = "edited"; }, "alice");
    json body = Api(grafana).get("/api/dashboards/uid/d/versions?limit=1").parsed();
    json list = std::string(version) == "11.5.0" ? body : body["versions"];
    if (std::string(version) != "11.5.0") CHECK(body["continueToken"] == "");
    REQUIRE(list.size() == 1);
    CHECK(list[0]["version"] == 2);
    CHECK(list[0]["createdBy"] == "alice");
    CHECK(list[0]["message"] == "");
    CHECK(list[0]["created"] == "2026-01-01T00:00:01Z");
    json old = Api(grafana).get("/api/dashboards/uid/d/versions/1").parsed();
    CHECK(old["data"]["title"] == "D");
    json restored = Api(grafana).post("/api/dashboards/uid/d/restore", {{"version", 1}}).parsed();
    CHECK(restored["version"] == 3);
    CHECK(grafana.history("d").back().message == "Restored from version 1");
  }
}

TEST_CASE("fake grafana: /api/dashboards/import resolves __inputs like Grafana") {
  FakeGrafana grafana;
  grafana.start();
  Api api(grafana);
  json dashboard = {
      {"__inputs",
       {{{"name", "DS_PROM"}, {"type", "datasource"}, {"pluginId", "prometheus"}},
        {{"name", "DS_EXPR"}, {"type", "datasource"}, {"pluginId", "__expr__"}}}},
      {"__requires", json::array()},
      {"uid", "imp"},
      {"title", "Imported"},
      {"panels",
       {{{"type", "row"}, {"panels", {{{"datasource", "${DS_PROM}"}, {"expr", "${DS_PROM} ${OTHER} ${DS_EXPR}"}}}}}}}};
  json request = {
      {"dashboard", dashboard},
      {"overwrite", true},
      {"inputs", {{{"name", "DS_PROM"}, {"type", "datasource"}, {"pluginId", "prometheus"}, {"value", "uid-1"}}}}};
  Answer imported = api.post("/api/dashboards/import", request);
  REQUIRE(imported.status == 200);
  CHECK(imported.parsed()["importedUrl"] == "/d/imp/imported");
  json stored = *grafana.dashboard("imp");
  CHECK_FALSE(stored.contains("__inputs"));
  CHECK_FALSE(stored.contains("__requires"));
  CHECK(stored["panels"][0]["panels"][0]["datasource"] == "uid-1");
  CHECK(stored["panels"][0]["panels"][0]["expr"] == "uid-1 ${OTHER} __expr__");

  request["inputs"] = {{{"name", "*"}, {"type", "datasource"}, {"value", "star"}}};
  CHECK(api.post("/api/dashboards/import", request).status == 200);
  CHECK((*grafana.dashboard("imp"))["panels"][0]["panels"][0]["datasource"] == "star");

  request["inputs"] = json::array();
  Answer missing = api.post("/api/dashboards/import", request);
  CHECK(missing.status == 400);
  CHECK(missing.body == R"({"message":"dashboard import failed: missing dashboard input variable DS_PROM"})");
  CHECK(api.post("/api/dashboards/import", {{"overwrite", true}}).body == R"({"message":"Dashboard must be set"})");
}

TEST_CASE("fake grafana: folders, search paging and sub-path") {
  FakeGrafanaOptions options;
  options.sub_path = "/grafana";
  FakeGrafana grafana(options);
  grafana.start();
  Api api(grafana);
  CHECK(api.get("/api/folders").status == 404);  // outside the sub-path
  json folder = api.post("/grafana/api/folders", {{"title", "Team"}, {"uid", "team"}}).parsed();
  CHECK(folder["url"] == "/grafana/dashboards/f/team/team");
  Answer duplicate = api.post("/grafana/api/folders", {{"title", "Other"}, {"uid", "team"}});
  CHECK(duplicate.status == 409);
  CHECK(api.put("/grafana/api/folders/team", {{"title", "Team 2"}, {"version", 7}}).body ==
        R"({"message":"The folder has been changed by someone else","status":"version-mismatch"})");
  CHECK(api.get("/grafana/api/folders/none").body == R"({"message":"folder not found","status":"not-found"})");

  for (const char* title : {"b", "A", "c", "D"}) {
    grafana.put_dashboard({{"uid", std::string("u") + title}, {"title", title}}, "team", "seed");
  }
  json page1 = api.get("/grafana/api/search?type=dash-db&limit=2&page=1").parsed();
  json page2 = api.get("/grafana/api/search?type=dash-db&limit=2&page=2").parsed();
  json page3 = api.get("/grafana/api/search?type=dash-db&limit=2&page=3").parsed();
  CHECK(page1.size() == 2);
  CHECK(page1[0]["title"] == "A");
  CHECK(page1[1]["title"] == "b");
  CHECK(page2[1]["title"] == "D");
  CHECK(page2[1]["url"] == "/grafana/d/uD/d");
  CHECK(page2[1]["folderUid"] == "team");
  CHECK(page3.empty());
  json all = api.get("/grafana/api/search").parsed();
  CHECK(all[0]["type"] == "dash-folder");  // folders first
  CHECK(api.del("/grafana/api/folders/team").parsed()["message"] == "Folder deleted");
  CHECK(grafana.dashboard_count() == 0);  // deleted with their folder
}

TEST_CASE("fake grafana: injected faults") {
  FakeGrafana grafana;
  grafana.start();
  Api api(grafana);
  grafana.add_fault({Fault::Kind::Status, "GET", "/api/search", 2, 503});
  CHECK(api.get("/api/search").body == R"({"message":"Service Unavailable"})");
  CHECK(api.get("/api/search").status == 503);
  CHECK(api.get("/api/search").status == 200);
  grafana.add_fault({Fault::Kind::Malformed, "", "/api/search"});
  CHECK(api.get("/api/search").body == R"({"dashboard": {"title": "trunc)");
  grafana.add_fault({Fault::Kind::Html, "", "/api/search"});
  Answer html = api.get("/api/search");
  CHECK(html.status == 502);
  CHECK(html.body.starts_with("<html>"));
  grafana.add_fault({Fault::Kind::Drop, "", "/api/search"});
  CHECK(api.get("/api/search").status == 0);  // no complete reply
  CHECK(grafana.requests().size() == 6);
}

}  // namespace mlmon::testing
