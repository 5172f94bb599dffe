#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "core/file_io.hpp"
#include "dashboards/dashboard_diff.hpp"
#include "helpers.hpp"

namespace mlmon::dashboards {

namespace {

std::string diff_text(const std::string& a, const std::string& b) {
  const Dashboard old_dashboard = test::load(a, "old.json");
  const Dashboard new_dashboard = test::load(b, "new.json");
  std::ostringstream out;
  render_changes_text(diff_dashboards(old_dashboard, new_dashboard), out);
  return out.str();
}

using Ordered = nlohmann::ordered_json;

/// The same dashboard as another tool would write it: keys in reverse order, other indentation,
/// and the server-managed fields bumped.
Ordered reversed(const Ordered& v) {
  if (v.is_object()) {
    Ordered out = Ordered::object();
    std::vector<std::pair<std::string, Ordered>> items;
    for (auto it = v.begin(); it != v.end(); ++it) items.emplace_back(it.key(), reversed(it.value()));
    for (auto it = items.rbegin(); it != items.rend(); ++it) out[it->first] = it->second;
    return out;
  }
  if (v.is_array()) {
    Ordered out = Ordered::array();
    for (const Ordered& item : v) out.push_back(reversed(item));
    return out;
  }
  return v;
}

std::string corpus(const std::string& name) {
  auto text = read_file(std::string(MLMON_CORPUS_DIR) + "/dashboards/" + name);
  REQUIRE_MESSAGE(text.has_value(), name);
  return *text;
}

const std::string kBase = R"js({"title": "Svc", "uid": "svc", "id": 3, "version": 7,
 "time": {"from": "now-6h", "to": "now"},
 "panels": [
  {"id": 1, "type": "row", "title": "Overview", "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}},
  {"id": 2, "type": "timeseries", "title": "p99 latency", "pluginVersion": "10.0.0",
   "gridPos": {"x": 0, "y": 1, "w": 12, "h": 8}, "datasource": "Prometheus",
   "fieldConfig": {"defaults": {"unit": "s", "thresholds": {"steps": [{"color": "green", "value": null}, {"color": "red", "value": 0.5}]}}},
   "targets": [{"refId": "A", "expr": "histogram_quantile(0.99, rate(x_bucket[5m]))"}, {"refId": "B", "expr": "up"}]},
  {"id": 3, "type": "stat", "title": "Errors", "gridPos": {"x": 12, "y": 1, "w": 12, "h": 8},
   "targets": [{"refId": "A", "expr": "sum(rate(errors_total[5m]))"}]},
  {"id": 4, "type": "row", "title": "Details", "gridPos": {"x": 0, "y": 9, "w": 24, "h": 1}},
  {"id": 5, "type": "stat", "title": "Old", "gridPos": {"x": 0, "y": 10, "w": 6, "h": 4}}
 ],
 "templating": {"list": [{"name": "job", "type": "query", "query": "label_values(up, job)", "current": {"value": "a"}}]}})js";

}  // namespace

TEST_CASE("diff: a corpus dashboard against itself rewritten by another tool is empty" *
          doctest::test_suite("corpus")) {
  const std::string original = corpus("rfmoz/node-exporter-full.json");
  Ordered copy = reversed(Ordered::parse(original));
  copy["id"] = 4242;
  copy["version"] = 99;
  copy["iteration"] = 1700000000000;
  copy["panels"][1]["pluginVersion"] = "12.0.0";
  CHECK(diff_text(original, copy.dump(1, '\t')) == "");

  SUBCASE("one threshold changed: exactly that change") {
    Ordered changed = Ordered::parse(original);
    changed["panels"][2]["fieldConfig"]["defaults"]["thresholds"]["steps"][1]["value"] = 42;
    CHECK(diff_text(original, changed.dump(2)) ==
          "~ panel \"CPU Busy\": fieldConfig.defaults.thresholds.steps[1].value: 85 → 42\n");
  }
}

TEST_CASE("diff: every corpus dashboard equals its rewritten copy" * doctest::test_suite("corpus")) {
  const std::string dir = std::string(MLMON_CORPUS_DIR) + "/dashboards";
  REQUIRE_MESSAGE(std::filesystem::is_directory(dir), dir);
  std::size_t dashboards = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++dashboards;
    const std::string original = corpus(entry.path().lexically_relative(dir).string());
    CHECK_MESSAGE(diff_text(original, reversed(Ordered::parse(original)).dump()) == "", entry.path());
  }
  CHECK(dashboards == 14u);
}

TEST_CASE("diff: added, removed, moved and changed panels, variables and settings") {
  Ordered changed = Ordered::parse(kBase);
  changed["time"]["from"] = "now-1h";
  changed["version"] = 8;
  auto& panels = changed["panels"];
  // p99 latency: a stricter threshold, a new unit, query A edited, datasource now {type, uid}.
  panels[1]["fieldConfig"]["defaults"]["thresholds"]["steps"][1]["value"] = 0.3;
  panels[1]["fieldConfig"]["defaults"]["unit"] = "ms";
  panels[1]["targets"][0]["expr"] = "histogram_quantile(0.99, rate(x_bucket[$__rate_interval]))";
  panels[1]["datasource"] = {{"type", "prometheus"}, {"uid", "P1809F7CD0C75ACF3"}};
  panels[1]["pluginVersion"] = "11.0.0";
  // Errors moves under Details; Old is removed; New is added.
  panels[2]["gridPos"]["y"] = 10;
  panels[4] = {{"id", 9}, {"type", "stat"}, {"title", "New"}, {"gridPos", {{"x", 6}, {"y", 10}, {"w", 6}, {"h", 4}}}};
  Ordered errors = panels[2];
  panels.erase(2);
  panels.push_back(errors);
  changed["templating"]["list"][0]["current"]["value"] = "b";
  changed["templating"]["list"][0]["query"] = "label_values(up{env=\"prod\"}, job)";
  changed["templating"]["list"].push_back({{"name", "env"}, {"type", "custom"}, {"query", "prod,dev"}});

  CHECK(diff_text(kBase, changed.dump()) ==
        "~ dashboard: time.from: \"now-6h\" → \"now-1h\"\n"
        "- panel \"Old\"\n"
        "~ panel \"p99 latency\": fieldConfig.defaults.thresholds.steps[1].value: 0.5 → 0.3\n"
        "~ panel \"p99 latency\": fieldConfig.defaults.unit: \"s\" → \"ms\"\n"
        "~ panel \"p99 latency\": targets[A].expr: \"histogram_quantile(0.99, rate(x_bucket[5m]))\" → "
        "\"histogram_quantile(0.99, rate(x_bucket[$__rate_interval]))\"\n"
        "+ panel \"New\"\n"
        "> panel \"Errors\" moved: row \"Overview\" (x 12, y 1) → row \"Details\" (x 12, y 10)\n"
        "~ variable \"job\": query: \"label_values(up, job)\" → \"label_values(up{env=\\\"prod\\\"}, job)\"\n"
        "+ variable \"env\"\n");
}

TEST_CASE("diff: panels are matched by id and title, then title, then id") {
  const std::string a = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A", "gridPos": {"x": 0, "y": 0, "w": 6, "h": 4}},
  {"id": 2, "type": "stat", "title": "B", "gridPos": {"x": 6, "y": 0, "w": 6, "h": 4}}]})js";
  // Ids renumbered: titles still match.
  const std::string renumbered = R"js({"title": "T", "panels": [
  {"id": 11, "type": "stat", "title": "A", "gridPos": {"x": 0, "y": 0, "w": 6, "h": 4}},
  {"id": 12, "type": "stat", "title": "B", "gridPos": {"x": 6, "y": 0, "w": 6, "h": 4}}]})js";
  CHECK(diff_text(a, renumbered) == "");
  // A retitled panel keeps its id.
  const std::string retitled = R"js({"title": "T", "panels": [
  {"id": 1, "type": "stat", "title": "A2", "gridPos": {"x": 0, "y": 0, "w": 6, "h": 4}},
  {"id": 2, "type": "stat", "title": "B", "gridPos": {"x": 6, "y": 0, "w": 8, "h": 4}}]})js";
  CHECK(diff_text(a, retitled) == "~ panel \"A2\": title: \"A\" → \"A2\"\n~ panel \"B\": gridPos.w: 6 → 8\n");
  // Swapped places: one of them moved.
  const std::string swapped = R"js({"title": "T", "panels": [
  {"id": 2, "type": "stat", "title": "B", "gridPos": {"x": 0, "y": 0, "w": 6, "h": 4}},
  {"id": 1, "type": "stat", "title": "A", "gridPos": {"x": 0, "y": 4, "w": 6, "h": 4}}]})js";
  CHECK(diff_text(a, swapped) ==
        "~ panel \"B\": gridPos.x: 6 → 0\n"
        "> panel \"A\" moved: top level (x 0, y 0) → top level (x 0, y 4)\n");
}

TEST_CASE("diff: API-shaped and exported files compare by their dashboard") {
  const std::string plain = R"js({"title": "T", "uid": "u", "panels": []})js";
  const std::string api =
      R"js({"meta": {"slug": "t", "version": 4}, "dashboard": {"id": 7, "title": "T", "uid": "u", "panels": [], "version": 4}})js";
  const std::string exported =
      R"js({"__requires": [{"type": "grafana", "id": "grafana", "version": "11.0.0"}], "id": null, "title": "T", "uid": "u", "panels": []})js";
  CHECK(diff_text(plain, api) == "");
  CHECK(diff_text(api, exported) == "");
}

TEST_CASE("diff: JSON output, and the hook for two JSON values") {
  const std::string a =
      R"js({"title": "T", "panels": [{"id": 1, "type": "stat", "title": "S", "targets": [{"refId": "A", "expr": "up"}]}]})js";
  const std::string b =
      R"js({"title": "T", "panels": [{"id": 1, "type": "stat", "title": "S", "targets": [{"refId": "A", "expr": "up"}, {"refId": "B", "expr": "down"}]}]})js";
  const ChangeSet changes = diff_dashboard_json(Json::parse(a), Json::parse(b)).value();
  CHECK(change_lines(changes) ==
        std::vector<std::string>{"~ panel \"S\": targets[B]: (none) → {\"expr\":\"down\",\"refId\":\"B\"}"});
  std::ostringstream out;
  render_changes_json(changes, "a.json", "b.json", out);
  CHECK(out.str() == R"js({
  "old": "a.json",
  "new": "b.json",
  "equal": false,
  "changes": [
    {
      "kind": "changed",
      "subject": "panel \"S\"",
      "fields": [
        {
          "path": "targets[B]",
          "new": {
            "expr": "down",
            "refId": "B"
          }
        }
      ]
    }
  ]
}
)js");
  CHECK(diff_dashboard_json(Json::parse("[1]"), Json::parse("[1]")).value().empty());
  CHECK(change_lines(diff_dashboard_json(Json::parse("[1]"), Json::parse("{}")).value()) ==
        std::vector<std::string>{"~ dashboard: (root): [1] → {}"});
}

// What a server may send: any type anywhere. The comparison either works or says why; nothing
// reaches the caller as an exception (the importer then compares structurally).
TEST_CASE("diff: dashboards of odd shapes are compared or refused, never thrown") {
  const char* odd[] = {
      R"js({"panels": "x"})js",
      R"js({"panels": [1, null, "p"]})js",
      R"js({"panels": [{"id": "one", "title": 5, "gridPos": "x", "targets": {"a": 1}}]})js",
      R"js({"panels": [{"type": "row", "panels": 3, "collapsed": "yes"}]})js",
      R"js({"templating": {"list": [{"name": 1}, 2, {"name": "v", "query": {"q": []}}]}})js",
      R"js({"rows": [{"panels": [{"id": 1.5}]}, "r"], "title": ["t"]})js",
  };
  for (const char* text : odd) {
    CAPTURE(text);
    const Json value = Json::parse(text);
    auto result = diff_dashboard_json(value, Json::parse(R"js({"title": "T", "panels": []})js"));
    if (!result) CHECK(result.error().message.starts_with("the dashboards cannot be compared panel by panel: "));
    auto same = diff_dashboard_json(value, value);
    if (same)
      CHECK_MESSAGE(same->changes.empty(), std::string(text)
                                               << " -> " << (same->changes.empty() ? "" : change_lines(*same).front()));
  }
}

}  // namespace mlmon::dashboards
