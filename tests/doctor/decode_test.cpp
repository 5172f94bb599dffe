// The decoders on replies as Prometheus 3.5.3 and Alertmanager 0.33.1 give them.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "doctor/alertmanager_api.hpp"
#include "doctor/exposition.hpp"
#include "doctor/live.hpp"
#include "doctor/prometheus_api.hpp"

using namespace mlmon::doctor;
using nlohmann::json;

namespace {

json testdata(const std::string& name) {
  std::ifstream in(std::string(MLMON_TESTDATA) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

}  // namespace

TEST_CASE("/api/v1/targets: labels, health, last error, last scrape") {
  const json data = json::parse(R"({"activeTargets": [
    {"discoveredLabels": {"__address__": "127.0.0.1:1", "job": "prediction-service"},
     "labels": {"instance": "127.0.0.1:1", "job": "prediction-service"}, "scrapePool": "prediction-service",
     "scrapeUrl": "http://127.0.0.1:1/metrics", "globalUrl": "http://vm:1/metrics",
     "lastError": "Get \"http://127.0.0.1:1/metrics\": dial tcp 127.0.0.1:1: connect: connection refused",
     "lastScrape": "2026-12-07T09:07:55.521004307Z", "lastScrapeDuration": 0.0004, "health": "down",
     "scrapeInterval": "1s", "scrapeTimeout": "1s"},
    {"labels": {"instance": "a\u001b[2Jb"}, "scrapePool": "p", "health": "up", "lastError": "line\nbreak"}],
    "droppedTargets": [], "droppedTargetCounts": {"prediction-service": 0}})");
  auto targets = decode_targets(data);
  REQUIRE(targets);
  REQUIRE(targets->size() == 2);
  CHECK((*targets)[0].job() == "prediction-service");
  CHECK((*targets)[0].instance() == "127.0.0.1:1");
  CHECK((*targets)[0].health == "down");
  CHECK((*targets)[0].last_error ==
        "Get \"http://127.0.0.1:1/metrics\": dial tcp 127.0.0.1:1: connect: connection refused");
  CHECK(*(*targets)[0].last_scrape == doctest::Approx(1796634475.521));
  CHECK((*targets)[1].job() == "p");  // no job label: the scrape pool
  CHECK((*targets)[1].last_error == "line break");
  CHECK_FALSE(decode_targets(json::parse(R"({"targets": []})")));
  CHECK(decode_targets(json::parse("[]")).error().message == "/api/v1/targets: no \"activeTargets\" list in the reply");
}

TEST_CASE("/api/v1/rules: groups, rules of both kinds, durations in seconds, health") {
  auto groups = decode_rule_groups(testdata("rules-3.5.3.json"));
  REQUIRE(groups);
  REQUIRE(groups->size() == 6);
  const LiveGroup& drift = (*groups)[2];
  CHECK(drift.name == "ml-platform-drift.alerts");
  CHECK(drift.file == "/etc/prometheus/rules/ml-platform.rules.yml");
  CHECK(drift.interval_s == 1);
  CHECK(drift.evaluation_time_s == doctest::Approx(0.0005));
  REQUIRE(drift.rules.size() == 2);
  CHECK(drift.rules[0].alerting);
  CHECK(drift.rules[0].name == "ModelDriftDetected");
  CHECK(drift.rules[0].query == "max by (model, feature) (model_drift_score) > 0.1");
  CHECK(drift.rules[0].duration_s == 900);
  CHECK(drift.rules[0].labels == LabelMap{{"service", "drift-monitor"}, {"severity", "warning"}});
  CHECK(drift.rules[0].annotations.at("runbook_url") ==
        "https://runbooks.example.com/ml-platform/model-drift-detected");
  CHECK(drift.rules[0].health == "ok");
  CHECK_FALSE((*groups)[0].rules[0].alerting);
  // A group not evaluated yet: Go's zero time.
  auto fresh = decode_rule_groups(json::parse(
      R"({"groups": [{"name": "g", "file": "f", "interval": 15, "limit": 0, "evaluationTime": 0,
          "lastEvaluation": "0001-01-01T00:00:00Z", "rules": [{"name": "r", "query": "up", "health": "unknown",
          "type": "recording", "lastError": "x"}]}]})"));
  REQUIRE(fresh);
  CHECK_FALSE((*fresh)[0].last_evaluation);
  CHECK((*fresh)[0].rules[0].health == "unknown");
}

TEST_CASE("/api/v1/alerts, /api/v1/alertmanagers, runtimeinfo") {
  auto alerts = decode_alerts(json::parse(R"({"alerts": [{"labels": {"alertname": "PredictionServiceDown",
      "instance": "127.0.0.1:1"}, "annotations": {"summary": "down"}, "state": "firing",
      "activeAt": "2026-12-07T09:07:47.173915987Z", "value": "0e+00"}]})"));
  REQUIRE(alerts);
  REQUIRE(alerts->size() == 1);
  CHECK((*alerts)[0].state == "firing");
  CHECK(format_labels((*alerts)[0].labels) == R"({alertname="PredictionServiceDown", instance="127.0.0.1:1"})");
  auto managers = decode_alertmanagers(json::parse(
      R"({"activeAlertmanagers": [{"url": "http://127.0.0.1:19093/api/v2/alerts"}], "droppedAlertmanagers": []})"));
  REQUIRE(managers);
  CHECK(managers->active == std::vector<std::string>{"http://127.0.0.1:19093/api/v2/alerts"});
  auto info = decode_runtime_info(json::parse(R"({"startTime": "2026-12-07T09:07:40.831637856Z", "CWD": "/",
      "serverTime": "2026-12-07T09:09:20.38643422Z", "reloadConfigSuccess": false,
      "lastConfigTime": "2026-12-07T09:07:40Z", "storageRetention": "15d"})"));
  REQUIRE(info);
  CHECK(info->reload_config_success == false);
  CHECK(*info->server_time - *info->start_time == doctest::Approx(99.55).epsilon(0.001));
  CHECK(format_labels({{"a", "quote\" and \\ back"}}) == R"({a="quote\" and \\ back"})");
}

TEST_CASE("Alertmanager /api/v2/alerts, /api/v2/silences, /api/v2/status") {
  auto alerts = decode_am_alerts(json::parse(R"([{"annotations": {}, "endsAt": "2026-12-07T09:37:10.173Z",
      "fingerprint": "ec6be763532526a9", "receivers": [{"name": "pagerduty-critical"}, {"name": "slack-ml-alerts"}],
      "startsAt": "2026-12-07T09:09:47.173Z", "status": {"inhibitedBy": [], "mutedBy": [],
      "silencedBy": ["75624801-42da-433b-9aeb-e0d5e096891e"], "state": "suppressed"},
      "labels": {"alertname": "PredictionServiceDown", "severity": "critical"}}])"));
  REQUIRE(alerts);
  REQUIRE(alerts->size() == 1);
  CHECK((*alerts)[0].state == "suppressed");
  CHECK((*alerts)[0].silenced_by == std::vector<std::string>{"75624801-42da-433b-9aeb-e0d5e096891e"});
  CHECK((*alerts)[0].receivers == std::vector<std::string>{"pagerduty-critical", "slack-ml-alerts"});
  auto silences = decode_silences(json::parse(R"([{"id": "75624801-42da-433b-9aeb-e0d5e096891e",
      "status": {"state": "active"}, "updatedAt": "2026-12-07T09:33:43.069Z", "comment": "planned maintenance",
      "createdBy": "alice", "endsAt": "2027-12-08T09:00:00.000Z", "matchers": [
        {"isEqual": true, "isRegex": false, "name": "alertname", "value": "PredictionServiceDown"},
        {"isEqual": false, "isRegex": true, "name": "env", "value": "dev.*"}],
      "startsAt": "2026-12-07T09:33:43.069Z"}])"));
  REQUIRE(silences);
  CHECK((*silences)[0].matchers == R"({alertname="PredictionServiceDown", env!~"dev.*"})");
  CHECK((*silences)[0].created_by == "alice");
  CHECK(*(*silences)[0].ends_at == doctest::Approx(1828256400.0));
  auto status = decode_am_status(json::parse(R"({"cluster": {"peers": [], "status": "disabled"},
      "config": {"original": "route:\n  receiver: x\n"}, "uptime": "2026-12-07T09:07:40.774Z",
      "versionInfo": {"version": "0.33.1"}})"));
  REQUIRE(status);
  CHECK(status->config_original == "route:\n  receiver: x\n");
  CHECK(status->version == "0.33.1");
  CHECK_FALSE(decode_am_alerts(json::object()));
}

TEST_CASE("a silence whose matcher flag is not a boolean is an error, not an exception") {
  auto silences = decode_silences(json::parse(R"([{"id": "x", "matchers": [
      {"isEqual": true, "isRegex": "false", "name": "alertname", "value": "A"}]}])"));
  REQUIRE_FALSE(silences);
  CHECK(silences.error().message == R"(/api/v2/silences: a matcher's "isRegex" is string, expected true or false)");
  silences = decode_silences(json::parse(R"([{"matchers": [{"isEqual": null, "name": "a", "value": "b"}]}])"));
  REQUIRE_FALSE(silences);
  CHECK(silences.error().message == R"(/api/v2/silences: a matcher's "isEqual" is null, expected true or false)");
  // Absent flags keep Alertmanager's defaults: equal, not a regex.
  silences = decode_silences(json::parse(R"([{"matchers": [{"name": "a", "value": "b"}]}])"));
  REQUIRE(silences);
  CHECK((*silences)[0].matchers == R"({a="b"})");
}

TEST_CASE("the exposition format: the named samples, labels unescaped, timestamps and junk skipped") {
  const std::string text =
      "# HELP alertmanager_notifications_failed_total The total number of failed notifications.\n"
      "# TYPE alertmanager_notifications_failed_total counter\n"
      "alertmanager_notifications_failed_total{integration=\"webhook\",reason=\"serverError\"} 3\n"
      "alertmanager_notifications_failed_total{integration=\"email\",reason=\"other\"} 1.5e+00 1700000000000\n"
      "alertmanager_notifications_failed_total_other 9\n"
      "alertmanager_notifications_failed_total{integration=\"broken} 4\n"
      "prometheus_notifications_dropped_total 2\n"
      "x{a=\"q\\\"\\\\n\"} NaN\n";
  const auto samples = read_samples(text, {"alertmanager_notifications_failed_total", "x"});
  REQUIRE(samples.size() == 3);
  CHECK(samples[0].labels == LabelMap{{"integration", "webhook"}, {"reason", "serverError"}});
  CHECK(samples[0].value == 3);
  CHECK(samples[1].value == 1.5);
  CHECK(samples[2].labels.at("a") == "q\"\\n");
  CHECK(sum_of(samples, "alertmanager_notifications_failed_total") == 4.5);
  CHECK(sum_of(samples, "x") == 0);  // NaN is not counted
  CHECK(sum_of(read_samples(text, {"prometheus_notifications_dropped_total"}),
               "prometheus_notifications_dropped_total") == 2);
}

TEST_CASE("metric names as one exact regex") {
  CHECK(names_regex({"a", "b_c:d"}) == "a|b_c:d");
  CHECK(names_regex({"x.y", "(z)"}) == "x\\.y|\\(z\\)");
}
