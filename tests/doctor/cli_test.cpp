// mlmon doctor end to end (in-process) against fakes of Prometheus's and Alertmanager's APIs that
// answer as the real servers do. Each test breaks one thing in a healthy stack and asserts the
// exact finding line; the healthy stack reports nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include "printers.hpp"
#include "stack.hpp"

using namespace mlmon::testing;
using nlohmann::json;

namespace {

json rules_without(const std::string& group) {
  json data = json::parse(read_text(std::string(MLMON_TESTDATA) + "/rules-3.5.3.json"));
  auto& groups = data["groups"];
  groups.erase(std::remove_if(groups.begin(), groups.end(), [&](const json& g) { return g["name"] == group; }),
               groups.end());
  return data;
}

json& rule_named(json& data, const std::string& name) {
  for (json& group : data["groups"]) {
    for (json& rule : group["rules"]) {
      if (rule["name"] == name) return rule;
    }
  }
  FAIL("no rule " << name);
  throw std::logic_error("unreachable");
}

json firing_alert() {
  return {{"labels",
           {{"alertname", "HighPredictionLatency"},
            {"model", "fraud-detector"},
            {"service", "prediction-service"},
            {"severity", "warning"}}},
          {"annotations",
           {{"summary", "High P99 prediction latency for model fraud-detector"},
            {"description",
             "P99 prediction latency of model fraud-detector is 995ms over the last 5m. Action: scale up the "
             "prediction-service replicas."},
            {"runbook_url", "https://runbooks.example.com/ml-platform/high-prediction-latency"}}},
          {"state", "firing"},
          {"activeAt", "2026-12-07T09:05:00Z"},
          {"value", "9.95e-01"}};
}

json am_alert(const std::string& state, json silenced = json::array(), json inhibited = json::array()) {
  json labels = firing_alert()["labels"];
  labels["platform"] = "ml-platform";  // Prometheus's external label
  return {
      {"labels", labels},
      {"fingerprint", "1a2b3c4d5e6f7a8b"},
      {"receivers", {{{"name", "slack-ml-alerts"}}, {{"name", "ml-team-email"}}}},
      {"status", {{"state", state}, {"silencedBy", silenced}, {"inhibitedBy", inhibited}, {"mutedBy", json::array()}}}};
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the healthy stack: the checklist says what was verified, nothing else, exit 0") {
  Stack stack;
  const CliRun run = stack.run();
  CHECK(run.err == "");
  CHECK(run.code == 0);
  CHECK(run.out ==
        "Up\n"
        "  ok       Prometheus 3.5.3 at " +
            stack.prometheus.url() +
            ": healthy and ready\n"
            "  ok       Alertmanager 0.33.1 at " +
            stack.alertmanager.url() +
            ": healthy and ready\n"
            "  skipped  Grafana: --skip grafana\n"
            "No metrics showing\n"
            "  ok       4 scrape targets up\n"
            "  ok       every job the rules select has a target (3)\n"
            "  ok       every metric the rules and dashboards use has series (16)\n"
            "Alerts not firing\n"
            "  ok       the 6 rule groups of git are loaded as written (20 rules)\n"
            "  ok       every loaded rule evaluates without error, in time (20 rules)\n"
            "  ok       no alert pending or firing\n"
            "  ok       Prometheus sends alerts to http://127.0.0.1:9093/api/v2/alerts\n"
            "Alertmanager config\n"
            "  ok       Alertmanager runs " +
            stack.dir.path() +
            "/rules/alertmanager.yml.tmpl (routes, receivers, inhibit rules; secrets "
            "not compared)\n"
            "  ok       no notification failed since Alertmanager started 10m ago (0 sent)\n"
            "Grafana\n"
            "  skipped  not checked: Grafana is skipped\n"
            "no problems found\n");
}

TEST_CASE("read-only: every request doctor sends is a GET") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/alerts", {{"alerts", {firing_alert()}}});
  stack.alertmanager.set("/api/v2/alerts", 200, json::array({am_alert("active")}).dump());
  const CliRun run = stack.run();
  CHECK(run.code == 1);
  std::set<std::string> paths;
  for (const auto* server : std::vector<const FakeServer*>{&stack.prometheus, &stack.alertmanager}) {
    for (const Request& request : server->requests()) {
      CHECK(request.method == "GET");
      paths.insert(request.path);
    }
  }
  CHECK(paths == std::set<std::string>{"/-/healthy", "/-/ready", "/api/v1/status/buildinfo",
                                       "/api/v1/status/runtimeinfo", "/api/v1/targets", "/api/v1/label/__name__/values",
                                       "/api/v1/rules", "/api/v1/alerts", "/api/v1/alertmanagers", "/metrics",
                                       "/api/v2/status", "/api/v2/alerts"});
}

TEST_CASE("a target down: job, instance, how long, Prometheus's error, and the guide's action") {
  Stack stack;
  stack.prometheus.set_data(
      "/api/v1/targets",
      {{"activeTargets",
        {target("prediction-service", "prediction-service:8000", "down",
                "Get \"http://prediction-service:8000/metrics\": dial tcp 10.0.0.7:8000: connect: connection refused"),
         target("drift-monitor", "drift-monitor:8001", "up"), target("kafka-exporter", "kafka-exporter:9308", "up"),
         target("pushgateway", "pushgateway:9091", "up")}}});
  // Last up two minutes before the server's time (09:10:00).
  stack.prometheus.set_query_result(
      {{{"metric", {{"job", "prediction-service"}, {"instance", "prediction-service:8000"}}},
        {"value", {1796634480, "1796634480"}}}});
  const CliRun run = stack.run();
  CHECK(run.code == 1);
  CHECK(stack.findings(run) ==
        std::vector<std::string>{
            "  error    target prediction-service prediction-service:8000 is down (down for 2m): Get "
            "\"http://prediction-service:8000/metrics\": dial tcp 10.0.0.7:8000: connect: connection refused "
            "[doctor/target-down]"});
  CHECK(run.out.find("           hint: alert \"PredictionServiceDown\" covers this: check the pods and the service's "
                     "health endpoint (runbook: https://runbooks.example.com/ml-platform/prediction-service-down); the "
                     "scrape URL is http://prediction-service:8000/metrics\n") != std::string::npos);
  CHECK(run.out.ends_with("1 problem: 1 error, 0 warnings\n"));
}

TEST_CASE("a job the rules select that no target has") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/targets",
                            {{"activeTargets",
                              {target("prediction-service", "p:8000", "up"), target("kafka-exporter", "k:9308", "up"),
                               target("pushgateway", "pg:9091", "up")}}});
  const CliRun run = stack.run();
  CHECK(stack.findings(run) ==
        std::vector<std::string>{
            "  error    rules/ml-platform.rules.yml:83:15: no scrape target has job "
            "\"drift-monitor\", which alert \"DriftMonitorDown\" selects (up{job=\"drift-monitor\"}) "
            "[doctor/job-missing]"});
}

TEST_CASE("metrics without series: each with the rules and panels that need it, and who should export it") {
  Stack stack;
  stack.prometheus.set_series_names(
      {"consumergroup_topic:kafka_consumergroup_lag:sum", "kafka_consumergroup_lag", "model:prediction_errors:rate5m",
       "model:prediction_errors:ratio_rate5m", "model:predictions:rate5m", "prediction_errors_total",
       "predictions_total", "spark_job_last_failure_timestamp_seconds", "spark_job_last_success_timestamp_seconds",
       "spark_records_processed_total", "up"});
  const CliRun run = stack.run();
  CHECK(run.code == 1);
  // The latency quantiles are recorded from the missing histogram: the histogram is the finding.
  CHECK(
      stack.findings(run) ==
      std::vector<std::string>{
          "  warning  rules/ml-platform.rules.yml:72:15: no series for metric model_drift_score in the last 5m; "
          "needed by alert \"ModelDriftDetected\", panel \"Model drift score\" [doctor/metric-missing]",
          "  warning  rules/ml-platform.recording.yml:9:15: no series for metric prediction_latency_seconds_bucket in "
          "the last 5m; needed by record \"model:prediction_latency_seconds:p50_rate5m\", record "
          "\"model:prediction_latency_seconds:p95_rate5m\", record \"model:prediction_latency_seconds:p99_rate5m\" "
          "[doctor/metric-missing]",
          "  warning  rules/ml-platform.rules.yml:134:15: no series for metric spark_job_duration_seconds in the last "
          "5m; needed by alert \"SparkJobSlow\", panel \"Spark job duration\" [doctor/metric-missing]"});
  CHECK(run.out.find("           hint: job \"drift-monitor\" is scraped but does not export it: compare the name with "
                     "the exporter's /metrics\n") != std::string::npos);
  CHECK(
      run.out.find("           hint: it is pushed to the Pushgateway (job \"pushgateway\"): check that the batch jobs "
                   "ran and pushed it (the Pushgateway's /metrics lists what it holds)\n") != std::string::npos);
  // One request per 50 names, each asking only for names that exist in the last 5 minutes.
  int asked = 0;
  for (const Request& request : stack.prometheus.requests()) {
    if (request.path != "/api/v1/label/__name__/values") continue;
    ++asked;
    CHECK(request.query.starts_with("match[]={__name__=~\"consumergroup_topic:kafka_consumergroup_lag:sum|"));
    CHECK(request.query.find("&start=1796634300.000") != std::string::npos);
  }
  CHECK(asked == 1);
}

TEST_CASE("a recording rule whose inputs exist but which records nothing") {
  Stack stack;
  stack.prometheus.set_series_names(
      {"consumergroup_topic:kafka_consumergroup_lag:sum", "kafka_consumergroup_lag", "model:prediction_errors:rate5m",
       "model:predictions:rate5m", "model:prediction_latency_seconds:p50_rate5m",
       "model:prediction_latency_seconds:p95_rate5m", "model:prediction_latency_seconds:p99_rate5m",
       "model_drift_score", "prediction_errors_total", "prediction_latency_seconds_bucket", "predictions_total",
       "spark_job_duration_seconds", "spark_job_last_failure_timestamp_seconds",
       "spark_job_last_success_timestamp_seconds", "spark_records_processed_total", "up"});
  const CliRun run = stack.run();
  CHECK(
      stack.findings(run) ==
      std::vector<std::string>{
          "  warning  rules/ml-platform.rules.yml:26:15: no series for metric model:prediction_errors:ratio_rate5m in "
          "the last 5m; needed by alert \"HighPredictionErrorRate\" [doctor/metric-missing]"});
  CHECK(run.out.find("hint: the recording rule runs and what it reads exists, but its expression returns nothing") !=
        std::string::npos);
}

TEST_CASE("a group of git that Prometheus has not loaded; its recorded metrics are not reported twice") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/rules", rules_without("ml-platform-kafka.recording"));
  stack.prometheus.set_series_names(
      {"kafka_consumergroup_lag", "model:prediction_errors:rate5m", "model:prediction_errors:ratio_rate5m",
       "model:prediction_latency_seconds:p50_rate5m", "model:prediction_latency_seconds:p95_rate5m",
       "model:prediction_latency_seconds:p99_rate5m", "model:predictions:rate5m", "model_drift_score",
       "prediction_errors_total", "prediction_latency_seconds_bucket", "predictions_total",
       "spark_job_duration_seconds", "spark_job_last_failure_timestamp_seconds",
       "spark_job_last_success_timestamp_seconds", "spark_records_processed_total", "up"});
  const CliRun run = stack.run();
  CHECK(stack.findings(run) ==
        std::vector<std::string>{"  error    rules/ml-platform.recording.yml:23:11: group "
                                 "\"ml-platform-kafka.recording\" is not loaded in Prometheus [doctor/group-missing]"});
  CHECK(run.out.find("           hint: Prometheus loaded ml-platform.recording.yml without this group: deploy the file "
                     "and reload Prometheus (POST /-/reload with --web.enable-lifecycle, or SIGHUP)\n") !=
        std::string::npos);
}

TEST_CASE("loaded groups git does not have: from one of its files (renamed?) or from elsewhere") {
  Stack stack;
  json rules = json::parse(read_text(std::string(MLMON_TESTDATA) + "/rules-3.5.3.json"));
  json stale = rules["groups"][3];
  stale["name"] = "ml-platform-kafka.old";
  rules["groups"].push_back(stale);
  json foreign = rules["groups"][3];
  foreign["name"] = "node.alerts";
  foreign["file"] = "/etc/prometheus/rules/node.yml";
  rules["groups"].push_back(foreign);
  stack.prometheus.set_data("/api/v1/rules", rules);
  const CliRun run = stack.run();
  CHECK(run.code == 1);
  CHECK(
      stack.findings(run) ==
      std::vector<std::string>{
          "  warning  loaded group \"ml-platform-kafka.old\" (from /etc/prometheus/rules/ml-platform.rules.yml) is not "
          "in git [doctor/group-extra]",
          "  info     loaded group \"node.alerts\" (from /etc/prometheus/rules/node.yml) is not in git "
          "[doctor/group-extra]"});
}

TEST_CASE("a rule changed in git but not reloaded") {
  Stack stack;
  const std::string path = stack.dir / "rules/ml-platform.rules.yml";
  std::string text = read_text(path);
  text = replace_once(text, "model:prediction_latency_seconds:p99_rate5m > 0.5",
                      "model:prediction_latency_seconds:p99_rate5m > 0.3");
  text = replace_once(
      text, "        for: 15m\n        labels:\n          severity: warning\n          service: drift-monitor",
      "        for: 30m\n        labels:\n          severity: warning\n          service: drift-monitor");
  stack.dir.file("rules/ml-platform.rules.yml", text);
  const CliRun run = stack.run();
  CHECK(run.code == 1);
  CHECK(
      stack.findings(run) ==
      std::vector<std::string>{
          "  error    rules/ml-platform.rules.yml:14:9: alert \"HighPredictionLatency\" (group "
          "\"ml-platform-prediction.alerts\") differs: threshold: 0.3 in git, 0.5 in Prometheus [doctor/rule-differs]",
          "  error    rules/ml-platform.rules.yml:71:9: alert \"ModelDriftDetected\" (group "
          "\"ml-platform-drift.alerts\") "
          "differs: for: \"30m\" in git, \"15m\" in Prometheus [doctor/rule-differs]"});
  CHECK(run.out.find("           hint: Prometheus runs another version of ml-platform.rules.yml: deploy the file and "
                     "reload Prometheus (POST /-/reload with --web.enable-lifecycle, or SIGHUP)\n") !=
        std::string::npos);
}

TEST_CASE("a rule evaluating with an error, and a group slower than its interval") {
  Stack stack;
  json rules = json::parse(read_text(std::string(MLMON_TESTDATA) + "/rules-3.5.3.json"));
  json& rule = rule_named(rules, "model:prediction_errors:ratio_rate5m");
  rule["health"] = "err";
  rule["lastError"] =
      "found duplicate series for the match group {model=\"a\"} on the right hand-side of the operation";
  rules["groups"][0]["evaluationTime"] = 2.5;
  stack.prometheus.set_data("/api/v1/rules", rules);
  const CliRun run = stack.run();
  CHECK(stack.findings(run) ==
        std::vector<std::string>{
            "  warning  group \"ml-platform-kafka.recording\" takes 2.5s to evaluate, longer than its 1s interval: "
            "evaluations are skipped [doctor/group-slow]",
            "  error    rules/ml-platform.recording.yml:20:9: record \"model:prediction_errors:ratio_rate5m\" (group "
            "\"ml-platform-prediction.recording\") fails to evaluate: found duplicate series for the match group "
            "{model=\"a\"} on the right hand-side of the operation [doctor/rule-error]"});
}

TEST_CASE("a firing alert: the guide's action; silenced, inhibited, muted or not received in Alertmanager") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/alerts", {{"alerts", {firing_alert()}}});
  const std::string firing =
      "  warning  alert \"HighPredictionLatency\" {model=\"fraud-detector\", service=\"prediction-service\", "
      "severity=\"warning\"} is firing (for 5m): High P99 prediction latency for model fraud-detector "
      "[doctor/alert-firing]";

  SUBCASE("delivered") {
    stack.alertmanager.set("/api/v2/alerts", 200, json::array({am_alert("active")}).dump());
    const CliRun run = stack.run();
    CHECK(stack.findings(run) == std::vector<std::string>{firing});
    CHECK(run.out.find("           hint: scale up the prediction-service replicas (runbook: "
                       "https://runbooks.example.com/ml-platform/high-prediction-latency)\n") != std::string::npos);
  }
  SUBCASE("silenced") {
    stack.alertmanager.set("/api/v2/alerts", 200, json::array({am_alert("suppressed", {"0f5d2a4e-silence"})}).dump());
    stack.alertmanager.set("/api/v2/silences", 200, R"([{"id": "0f5d2a4e-silence", "status": {"state": "active"},
        "comment": "planned maintenance", "createdBy": "alice", "startsAt": "2026-12-07T09:00:00Z",
        "endsAt": "2026-12-07T11:10:00Z", "matchers": [{"isEqual": true, "isRegex": false, "name": "service",
        "value": "prediction-service"}]}])");
    const CliRun run = stack.run();
    CHECK(stack.findings(run) ==
          std::vector<std::string>{
              firing,
              "  warning  firing alert \"HighPredictionLatency\" {model=\"fraud-detector\", "
              "service=\"prediction-service\", severity=\"warning\"} is silenced in Alertmanager (by alice: "
              "\"planned maintenance\") [doctor/alert-silenced]"});
    CHECK(run.out.find("           hint: silence 0f5d2a4e-silence matches {service=\"prediction-service\"} and ends in "
                       "2h: expire it (amtool silence expire 0f5d2a4e-silence, or Alertmanager's UI) if the mute is no "
                       "longer wanted\n") != std::string::npos);
  }
  SUBCASE("inhibited") {
    json critical = am_alert("active");
    critical["labels"]["severity"] = "critical";
    critical["fingerprint"] = "ffff000011112222";
    stack.alertmanager.set("/api/v2/alerts", 200,
                           json::array({am_alert("suppressed", json::array(), {"ffff000011112222"}), critical}).dump());
    const CliRun run = stack.run();
    CHECK(stack.findings(run) ==
          std::vector<std::string>{
              firing,
              "  info     firing alert \"HighPredictionLatency\" {model=\"fraud-detector\", "
              "service=\"prediction-service\", severity=\"warning\"} is inhibited in Alertmanager by alert "
              "\"HighPredictionLatency\" {model=\"fraud-detector\", platform=\"ml-platform\", "
              "service=\"prediction-service\", severity=\"critical\"} [doctor/alert-inhibited]"});
  }
  SUBCASE("muted by a time interval") {
    json muted = am_alert("suppressed");
    muted["status"]["mutedBy"] = {"offhours", "weekends"};
    stack.alertmanager.set("/api/v2/alerts", 200, json::array({muted}).dump());
    const CliRun run = stack.run();
    CHECK(stack.findings(run) ==
          std::vector<std::string>{
              firing,
              "  info     firing alert \"HighPredictionLatency\" {model=\"fraud-detector\", "
              "service=\"prediction-service\", severity=\"warning\"} is muted in Alertmanager by time interval "
              "offhours, weekends [doctor/alert-muted]"});
    CHECK(
        run.out.find("           hint: notifications resume outside the interval; nothing to do if that is meant\n") !=
        std::string::npos);
  }
  SUBCASE("not received") {
    const CliRun run = stack.run();
    CHECK(stack.findings(run) ==
          std::vector<std::string>{firing,
                                   "  error    firing alert \"HighPredictionLatency\" {model=\"fraud-detector\", "
                                   "service=\"prediction-service\", severity=\"warning\"} is not in Alertmanager "
                                   "[doctor/alert-not-delivered]"});
  }
}

TEST_CASE("a pending alert is a note, not a problem") {
  Stack stack;
  json pending = firing_alert();
  pending["state"] = "pending";
  pending["activeAt"] = "2026-12-07T09:08:30Z";
  stack.prometheus.set_data("/api/v1/alerts", {{"alerts", {pending}}});
  const CliRun run = stack.run();
  CHECK(run.code == 0);
  CHECK(
      stack.findings(run) ==
      std::vector<std::string>{"  info     alert \"HighPredictionLatency\" {model=\"fraud-detector\", "
                               "service=\"prediction-service\", severity=\"warning\"} is pending for 1m30s (fires once "
                               "it lasts 5m) [doctor/alert-pending]"});
  CHECK(run.out.ends_with("no problems found (1 note)\n"));
}

TEST_CASE("Prometheus with no Alertmanager, dropping notifications, failing to send") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/alertmanagers",
                            {{"activeAlertmanagers", json::array()}, {"droppedAlertmanagers", json::array()}});
  stack.prometheus.set("/metrics", 200,
                       "prometheus_notifications_dropped_total 12\n"
                       "prometheus_notifications_errors_total{alertmanager=\"http://am:9093/api/v2/alerts\"} 3\n",
                       "text/plain");
  const CliRun run = stack.run();
  CHECK(stack.findings(run) ==
        std::vector<std::string>{
            "  error    Prometheus has no Alertmanager to send alerts to [doctor/no-alertmanager]",
            "  error    Prometheus dropped 12 alert notifications since it started 10m ago "
            "[doctor/notifications-dropped]",
            "  warning  sending alerts to http://am:9093/api/v2/alerts failed 3 times since it started 10m ago "
            "[doctor/notification-errors]"});
}

TEST_CASE("a config reload that failed, in Prometheus and in Alertmanager") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/status/runtimeinfo", {{"startTime", "2026-12-07T09:00:00Z"},
                                                           {"serverTime", "2026-12-07T09:10:00Z"},
                                                           {"reloadConfigSuccess", false},
                                                           {"lastConfigTime", "2026-12-07T09:00:00Z"}});
  stack.alertmanager.set("/metrics", 200, "alertmanager_config_last_reload_successful 0\n", "text/plain");
  const CliRun run = stack.run();
  CHECK(stack.findings(run) ==
        std::vector<std::string>{
            "  error    Prometheus's last config reload failed: it still runs the previous config (the config in use "
            "was loaded 10m ago) [doctor/config-reload-failed]",
            "  error    Alertmanager's last config reload failed: it still runs the previous config "
            "[doctor/config-reload-failed]"});
}

TEST_CASE("an Alertmanager config that differs from the template, and a receiver whose notifications fail") {
  Stack stack;
  std::string original = read_text(std::string(MLMON_TESTDATA) + "/alertmanager-0.33.1-original.yml");
  original = replace_once(original, "    repeat_interval: 1h\n", "    repeat_interval: 2h\n");
  FakeAlertmanager changed(original);
  changed.set("/metrics", 200,
              "alertmanager_config_last_reload_successful 1\n"
              "alertmanager_notifications_failed_total{integration=\"slack\",reason=\"serverError\"} 3\n"
              "alertmanager_notifications_failed_total{integration=\"slack\",reason=\"other\"} 0\n"
              "alertmanager_notifications_total{integration=\"slack\"} 4\n",
              "text/plain");
  changed.start();
  const CliRun run = run_cli({"doctor", stack.dir.path(), "--prometheus", stack.prometheus.url(), "--alertmanager",
                              changed.url(), "--skip", "grafana"});
  CHECK(run.code == 1);
  CHECK(stack.findings(run) ==
        std::vector<std::string>{
            "  error    rules/alertmanager.yml.tmpl:31:24: route 1 {severity=\"critical\"}: repeat_interval 1h in git, "
            "2h "
            "in Alertmanager [doctor/alertmanager-config-drift]",
            "  error    slack notifications are failing for receiver \"slack-ml-alerts\" (serverError): 3 of 4 failed "
            "since Alertmanager started 10m ago [doctor/notifications-failing]"});
  CHECK(run.out.find("           hint: the endpoint answers 5xx: check the receiving service; Alertmanager's log names "
                     "each failure\n") != std::string::npos);
}

TEST_CASE("a component that does not answer, or is not ready; nothing answering is exit 2") {
  Stack stack;
  FakePrometheus starting;
  starting.set("/-/ready", 503, "Service Unavailable", "text/plain");
  starting.start();
  {
    const CliRun run = run_cli({"doctor", stack.dir.path(), "--prometheus", starting.url(), "--alertmanager",
                                stack.alertmanager.url(), "--skip", "grafana", "--retries", "0"});
    CHECK(run.code == 1);
    CHECK(
        stack.findings(run) ==
        std::vector<std::string>{"  error    Prometheus at " + starting.url() +
                                 " is not healthy and ready: /-/ready answers HTTP 503 (starting up, or still loading "
                                 "its data) [doctor/unhealthy]"});
    CHECK(run.out.find("No metrics showing\n  skipped  not checked: Prometheus is unhealthy\n") != std::string::npos);
  }
  starting.stop();
  {
    // Healthy, but /-/ready never answers in time: not a pass.
    FakePrometheus stuck;
    stuck.set_delay("/-/ready", std::chrono::milliseconds(1500));
    stuck.start();
    const CliRun run = run_cli({"doctor", stack.dir.path(), "--prometheus", stuck.url(), "--alertmanager",
                                stack.alertmanager.url(), "--skip", "grafana", "--retries", "0", "--timeout", "0.3"});
    CHECK(run.code == 1);
    const auto lines = stack.findings(run);
    REQUIRE(lines.size() == 1);
    // curl words the rest ("Operation timed out after 30x milliseconds ...").
    CHECK(lines[0].starts_with("  error    Prometheus at " + stuck.url() +
                               " is not healthy and ready: /-/ready did not answer: GET " + stuck.url() +
                               "/-/ready: no complete reply within the timeout ("));
    CHECK(lines[0].ends_with(" [doctor/unhealthy]"));
  }
  {
    const CliRun run = run_cli({"doctor", stack.dir.path(), "--prometheus", starting.url(), "--alertmanager",
                                starting.url() + "/am", "--skip", "grafana", "--retries", "0"});
    CHECK(run.code == 2);
    CHECK(run.err == "mlmon doctor: no component answered (each was skipped or unreachable): nothing to diagnose\n");
    const auto lines = stack.findings(run);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].starts_with("  error    Prometheus at " + starting.url() + " does not answer: GET " +
                               starting.url() + "/-/healthy: "));
    CHECK(lines[0].ends_with(" [doctor/unreachable]"));
  }
}

TEST_CASE("the guide's default address when nothing is configured, and --skip") {
  Stack stack;
  // Nothing listens on this machine's port 1: the default is overridden by PROMETHEUS_URL only.
  ScopedEnvForDoctor env("PROMETHEUS_URL", "http://127.0.0.1:1");
  const CliRun run = run_cli(
      {"doctor", stack.dir.path(), "--alertmanager", stack.alertmanager.url(), "--skip", "grafana", "--retries", "0"});
  CHECK(run.code == 1);
  CHECK(run.out.find("           hint: check that it runs and that this machine reaches http://127.0.0.1:1 (from "
                     "PROMETHEUS_URL; proxies: https_proxy, no_proxy)\n") != std::string::npos);
  const CliRun skipped =
      run_cli({"doctor", stack.dir.path(), "--alertmanager", stack.alertmanager.url(), "--skip", "grafana,prometheus"});
  CHECK(skipped.code == 0);
  CHECK(skipped.out.find("  skipped  Prometheus: --skip prometheus\n") != std::string::npos);
}

TEST_CASE("credentials: sent to each server, never printed, also with --verbose") {
  Stack stack;
  ScopedEnvForDoctor token("PROMETHEUS_TOKEN", "prom-secret-token-123");
  ScopedEnvForDoctor user("ALERTMANAGER_USER", "ops");
  ScopedEnvForDoctor password("ALERTMANAGER_PASSWORD", "am-secret-password");
  stack.prometheus.set("/api/v1/rules", 500,
                       R"({"status":"error","errorType":"internal","error":"token prom-secret-token-123 broke"})");
  const CliRun run = stack.run({"--verbose"});
  for (const Request& r : stack.prometheus.requests()) CHECK(r.authorization == "Bearer prom-secret-token-123");
  for (const Request& r : stack.alertmanager.requests())
    CHECK(r.authorization == "Basic b3BzOmFtLXNlY3JldC1wYXNzd29yZA==");
  for (const std::string& text : {run.out, run.err}) {
    CHECK(text.find("prom-secret-token-123") == std::string::npos);
    CHECK(text.find("am-secret-password") == std::string::npos);
    CHECK(text.find("b3BzOmFtLXNlY3JldC1wYXNzd29yZA") == std::string::npos);
  }
  CHECK(run.err.find(">   Authorization: [redacted]\n") != std::string::npos);
  CHECK(run.err.find("> GET " + stack.prometheus.url() + "/api/v1/rules?exclude_alerts=true\n") != std::string::npos);
  CHECK(stack.findings(run).front() ==
        "  warning  the loaded rule groups not checked: Prometheus GET /api/v1/rules?exclude_alerts=true: HTTP 500: "
        "token [redacted] broke [doctor/api-error]");
}

TEST_CASE("usage errors: exit 2 with the reason") {
  Stack stack;
  CliRun run = run_cli({"doctor", stack.dir.path(), "--prometheus", "localhost:9090"});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "mlmon doctor: --prometheus: the Prometheus URL must start with http:// or https:// (for example "
        "http://localhost:9090)\n");
  run = run_cli({"doctor", stack.dir / "nope"});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "mlmon doctor: " + (stack.dir / "nope") + ": not a directory (give the folder that holds the config)\n");
  run = run_cli({"doctor", stack.dir.path(), "--skip", "loki"});
  CHECK(run.code == 2);
  run = run_cli({"doctor", stack.dir.path(), "--skip", "grafana", "--prometheus", stack.prometheus.url(),
                 "--alertmanager-token-file", stack.dir / "missing-token"});
  CHECK(run.code == 2);
  CHECK(run.err.starts_with("mlmon doctor: cannot read the token file: "));
}

TEST_CASE("--format=json: components, what was verified, and the findings in the diagnostics schema") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/alertmanagers",
                            {{"activeAlertmanagers", json::array()}, {"droppedAlertmanagers", json::array()}});
  const CliRun run = stack.run({"--format=json"});
  CHECK(run.code == 1);
  const json doc = json::parse(run.out);
  CHECK(doc["components"][0] ==
        json{{"name", "prometheus"}, {"url", stack.prometheus.url()}, {"state", "ok"}, {"version", "3.5.3"}});
  CHECK(doc["components"][2] ==
        json{{"name", "grafana"}, {"url", ""}, {"state", "skipped"}, {"detail", "--skip grafana"}});
  CHECK(doc["checks"][0] == json{{"section", "metrics"}, {"state", "ok"}, {"text", "4 scrape targets up"}});
  CHECK(doc["diagnostics"] ==
        json::array({{{"section", "alerts"},
                      {"file", ""},
                      {"line", 0},
                      {"column", 0},
                      {"severity", "error"},
                      {"rule", "doctor/no-alertmanager"},
                      {"message", "Prometheus has no Alertmanager to send alerts to"},
                      {"hint",
                       "alerts fire in Prometheus but reach no one: add alerting.alertmanagers to Prometheus's "
                       "config (the stack's deploy/prometheus.yml sends to alertmanager:9093) and reload it"}}}));
  CHECK(doc["summary"] == json{{"errors", 1}, {"warnings", 0}, {"infos", 0}});
}

TEST_CASE(".mlmon.yml turns doctor's checks off or re-grades them like any other") {
  Stack stack;
  stack.prometheus.set_data("/api/v1/alerts", {{"alerts", {firing_alert()}}});
  stack.alertmanager.set("/api/v2/alerts", 200, json::array({am_alert("active")}).dump());
  stack.dir.file(".mlmon.yml", "checks:\n  doctor/alert-firing: info\n");
  CliRun run = stack.run();
  CHECK(run.code == 0);
  CHECK(stack.findings(run).size() == 1);
  CHECK(stack.findings(run)[0].starts_with("  info     alert \"HighPredictionLatency\""));
  stack.dir.file(".mlmon.yml", "checks:\n  doctor/alert-firing: off\n");
  run = stack.run();
  CHECK(run.code == 0);
  CHECK(stack.findings(run).empty());
  stack.dir.file(".mlmon.yml", "checks:\n  doctor/alert-firng: off\n");
  run = stack.run();
  CHECK(run.code == 2);
  CHECK(run.out.find("did you mean \"doctor/alert-firing\"?") != std::string::npos);
}

TEST_CASE("a Prometheus that started moments ago: what it has not scraped yet is missing, and doctor says why") {
  Stack stack;
  stack.prometheus.set_data(
      "/api/v1/status/runtimeinfo",
      {{"startTime", "2026-12-07T09:09:52Z"}, {"serverTime", "2026-12-07T09:10:00Z"}, {"reloadConfigSuccess", true}});
  stack.prometheus.set_series_names({});
  CliRun run = stack.run();
  REQUIRE(stack.findings(run).size() > 1);
  CHECK(stack.findings(run)[0] ==
        "  info     Prometheus started 8s ago: targets not scraped and rules not evaluated yet are reported as missing "
        "[doctor/starting]");
  // Nothing missing: nothing to explain.
  stack.prometheus.set_series_names(
      {"consumergroup_topic:kafka_consumergroup_lag:sum", "kafka_consumergroup_lag", "model:prediction_errors:rate5m",
       "model:prediction_errors:ratio_rate5m", "model:prediction_latency_seconds:p50_rate5m",
       "model:prediction_latency_seconds:p95_rate5m", "model:prediction_latency_seconds:p99_rate5m",
       "model:predictions:rate5m", "model_drift_score", "prediction_errors_total", "prediction_latency_seconds_bucket",
       "predictions_total", "spark_job_duration_seconds", "spark_job_last_failure_timestamp_seconds",
       "spark_job_last_success_timestamp_seconds", "spark_records_processed_total"});
  run = stack.run();
  CHECK(run.code == 0);
  CHECK(stack.findings(run).empty());
}

TEST_CASE("the Pushgateway's metrics: not pushed, or the Pushgateway itself down") {
  Stack stack;
  stack.prometheus.set_series_names(
      {"consumergroup_topic:kafka_consumergroup_lag:sum", "kafka_consumergroup_lag", "model:prediction_errors:rate5m",
       "model:prediction_errors:ratio_rate5m", "model:prediction_latency_seconds:p50_rate5m",
       "model:prediction_latency_seconds:p95_rate5m", "model:prediction_latency_seconds:p99_rate5m",
       "model:predictions:rate5m", "model_drift_score", "prediction_errors_total", "prediction_latency_seconds_bucket",
       "predictions_total", "spark_job_last_failure_timestamp_seconds", "spark_job_last_success_timestamp_seconds",
       "spark_records_processed_total"});
  stack.prometheus.set_data("/api/v1/targets",
                            {{"activeTargets",
                              {target("prediction-service", "p:8000", "up"), target("drift-monitor", "d:8001", "up"),
                               target("kafka-exporter", "k:9308", "up"),
                               target("pushgateway", "pushgateway:9091", "down", "context deadline exceeded")}}});
  const CliRun run = stack.run();
  CHECK(
      stack.findings(run) ==
      std::vector<std::string>{
          "  error    target pushgateway pushgateway:9091 is down (never up since Prometheus started 10m ago): context "
          "deadline exceeded [doctor/target-down]",
          "  warning  rules/ml-platform.rules.yml:134:15: no series for metric spark_job_duration_seconds in the last "
          "5m; needed by alert \"SparkJobSlow\", panel \"Spark job duration\" [doctor/metric-missing]"});
  CHECK(run.out.find("           hint: job \"pushgateway\", which should export it, has no target up (see above)\n") !=
        std::string::npos);
  // Up over an hour and not up within the last one: the query finds no time it was up.
  stack.prometheus.set_data(
      "/api/v1/status/runtimeinfo",
      {{"startTime", "2026-12-07T06:00:00Z"}, {"serverTime", "2026-12-07T09:10:00Z"}, {"reloadConfigSuccess", true}});
  CHECK(stack.findings(stack.run()).front() ==
        "  error    target pushgateway pushgateway:9091 is down (down for over 1h): context deadline exceeded "
        "[doctor/target-down]");
}

TEST_CASE("replies of another shape are findings that say which call, never a crash") {
  Stack stack;
  stack.prometheus.set("/api/v1/rules", 200, "<html><body>Sign in</body></html>", "text/html");
  stack.prometheus.set("/api/v1/targets", 200, R"({"status": "success", "data": {"activeTargets": [)");
  stack.prometheus.set("/api/v1/alerts", 200, std::string(300, '[') + std::string(300, ']'));
  stack.alertmanager.set("/api/v2/status", 200, R"({"config": {"original": "route: [unclosed"}})");
  CliRun run = stack.run();
  CHECK(run.code == 1);
  const auto lines = stack.findings(run);
  const std::string prometheus = stack.prometheus.url();
  CHECK(lines ==
        std::vector<std::string>{
            "  warning  scrape targets not checked: Prometheus GET /api/v1/targets?state=active: the reply is "
            "not JSON (parse error at line 1, column 50: syntax error while parsing value - unexpected end of "
            "input; expected '[', '{', or a literal); is " +
                prometheus + " really Prometheus? [doctor/api-error]",
            "  warning  the loaded rule groups not checked: Prometheus GET /api/v1/rules?exclude_alerts=true: "
            "the reply is not JSON (parse error at line 1, column 1: syntax error while parsing value - "
            "invalid literal; last read: '<'); is " +
                prometheus + " really Prometheus? [doctor/api-error]",
            "  warning  pending and firing alerts not checked: Prometheus GET /api/v1/alerts: the reply is not "
            "JSON (JSON nested deeper than 256 levels); is " +
                prometheus +
                " really Prometheus? "
                "[doctor/api-error]",
            "  warning  the config Alertmanager runs not checked: Alertmanager GET /api/v2/status: "
            "config.original does not parse as YAML (end of sequence flow not found) [doctor/api-error]"});
  // Every run ends with a verdict.
  CHECK(run.out.ends_with(" warnings\n"));
}

TEST_CASE("every component skipped: nothing to diagnose, exit 2") {
  Stack stack;
  const CliRun run = run_cli({"doctor", stack.dir.path(), "--skip", "prometheus,alertmanager,grafana"});
  CHECK(run.code == 2);
  CHECK(run.err == "mlmon doctor: no component answered (each was skipped or unreachable): nothing to diagnose\n");
}
