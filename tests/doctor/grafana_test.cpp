// doctor's Grafana half against the fake Grafana of tests/grafana: the repository's dashboards as
// import-dashboard --dry-run would judge them, and the datasources they need.
#include <doctest/doctest.h>

#include "fake_grafana.hpp"
#include "printers.hpp"
#include "stack.hpp"

using namespace mlmon::testing;
using nlohmann::json;

namespace {

struct GrafanaStack {
  TempDir dir;
  FakeGrafana grafana;
  json dashboard;
  std::unique_ptr<ScopedEnvForDoctor> token;

  GrafanaStack() {
    const std::string text = read_text(std::string(MLMON_SOURCE_DIR) + "/dashboards/ml_metrics.json");
    dir.file("dashboards/ml_metrics.json", text);
    dashboard = json::parse(text);
    grafana.start();
    token = std::make_unique<ScopedEnvForDoctor>("GRAFANA_TOKEN", grafana.admin_token());
  }
  CliRun run(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{
        "doctor", dir.path(), "--grafana", grafana.url(), "--skip", "prometheus,alertmanager", "--retries", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  }
  std::vector<std::string> findings(const CliRun& run) {
    std::vector<std::string> out;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("  error ") && !line.starts_with("  warning ") && !line.starts_with("  info ")) continue;
      for (std::size_t at; (at = line.find(dir.path() + "/")) != std::string::npos;)
        line.erase(at, dir.path().size() + 1);
      out.push_back(line);
    }
    return out;
  }
  void add_prometheus(bool healthy = true) {
    FakeDatasource prometheus;
    prometheus.uid = "prometheus";
    prometheus.name = "Prometheus";
    prometheus.is_default = true;
    prometheus.healthy = healthy;
    if (!healthy) {
      prometheus.health_message =
          "Post \"http://prometheus:9090/api/v1/query\": dial tcp: lookup prometheus: no such host";
    }
    grafana.add_datasource(prometheus);
  }
};

}  // namespace

TEST_CASE("Grafana: the dashboard as in git and its datasource healthy; nothing written") {
  GrafanaStack stack;
  stack.grafana.put_dashboard(stack.dashboard, "", "mlmon: dashboards/ml_metrics.json @ 0123abc");
  stack.add_prometheus();
  const CliRun run = stack.run();
  CHECK(run.err == "");
  CHECK(run.code == 0);
  CHECK(run.out.find("Up\n  skipped  Prometheus: --skip prometheus\n  skipped  Alertmanager: --skip alertmanager\n"
                     "  ok       Grafana 12.1.0 at " +
                     stack.grafana.url() + ": healthy and ready\n") == 0);
  CHECK(run.out.find("Grafana\n"
                     "  ok       the 1 dashboard of git is in Grafana as written\n"
                     "  ok       the 1 datasource the dashboards need exists and is healthy\n"
                     "no problems found\n") != std::string::npos);
  CHECK(stack.grafana.write_requests() == 0);
}

TEST_CASE("Grafana: a dashboard missing, or changed since mlmon saved it, or edited in the UI") {
  GrafanaStack stack;
  stack.add_prometheus();
  SUBCASE("missing") {
    const CliRun run = stack.run();
    CHECK(run.code == 1);
    CHECK(stack.findings(run) ==
          std::vector<std::string>{"  warning  dashboards/ml_metrics.json: dashboard \"ML Platform\" (uid "
                                   "ml-platform-metrics) is not in Grafana [doctor/dashboard-missing]"});
  }
  SUBCASE("changed in git since the last import") {
    json older = stack.dashboard;
    older["panels"][0]["title"] = "Latency";
    stack.grafana.put_dashboard(older, "", "mlmon: dashboards/ml_metrics.json @ 0123abc");
    const CliRun run = stack.run();
    CHECK(stack.findings(run) ==
          std::vector<std::string>{
              "  warning  dashboards/ml_metrics.json: dashboard \"ML Platform\" (uid "
              "ml-platform-metrics) in Grafana differs from git: 1 change, first: ~ panel \"Prediction "
              "latency (p50 / p95 / p99)\": title: \"Latency\" → \"Prediction latency (p50 / p95 / "
              "p99)\" [doctor/dashboard-differs]"});
    CHECK(run.out.find("hint: mlmon import-dashboard ") != std::string::npos);
  }
  SUBCASE("edited in Grafana's UI") {
    stack.grafana.put_dashboard(stack.dashboard, "", "mlmon: dashboards/ml_metrics.json @ 0123abc");
    stack.grafana.ui_edit("ml-platform-metrics", [](json& d) { d["title"] = "ML Platform (edited)"; }, "bob");
    const CliRun run = stack.run();
    REQUIRE(stack.findings(run).size() == 1);
    CHECK(run.out.find("           hint: edited in Grafana by bob at ") != std::string::npos);
    CHECK(run.out.find(": mlmon export-dashboard ml-platform-metrics keeps the edit in git, mlmon import-dashboard "
                       "--overwrite ") != std::string::npos);
  }
  CHECK(stack.grafana.write_requests() == 0);
}

TEST_CASE("Grafana: the datasource a dashboard needs is missing, or fails its health check") {
  GrafanaStack stack;
  stack.grafana.put_dashboard(stack.dashboard, "", "mlmon: dashboards/ml_metrics.json @ 0123abc");
  SUBCASE("missing") {
    FakeDatasource loki;
    loki.uid = "loki";
    loki.name = "Loki";
    loki.type = "loki";
    loki.is_default = true;
    stack.grafana.add_datasource(loki);
    const CliRun run = stack.run();
    CHECK(run.code == 1);
    CHECK(
        stack.findings(run) ==
        std::vector<std::string>{
            "  error    dashboards/ml_metrics.json: dashboard \"ML Platform\" needs a prometheus datasource for panel "
            "\"Prediction latency (p50 / p95 / p99)\" (variable $datasource), and Grafana has none "
            "[doctor/datasource-missing]"});
  }
  SUBCASE("unhealthy") {
    stack.add_prometheus(false);
    const CliRun run = stack.run();
    CHECK(stack.findings(run) ==
          std::vector<std::string>{
              "  error    datasource \"Prometheus\" (uid prometheus, prometheus) fails its health check: Post "
              "\"http://prometheus:9090/api/v1/query\": dial tcp: lookup prometheus: no such host "
              "[doctor/datasource-unhealthy]"});
  }
}

TEST_CASE("Grafana without credentials: health answers, the rest says what to set") {
  GrafanaStack stack;
  stack.token.reset();
  ScopedEnvForDoctor none("GRAFANA_TOKEN", "");
  const CliRun run = stack.run();
  CHECK(run.code == 1);
  const auto lines = stack.findings(run);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "  warning  the dashboards in Grafana not checked: GET /api/dashboards/uid/ml-platform-metrics: "
        "Grafana at " +
            stack.grafana.url() +
            " requires authentication (401 Unauthorized: Unauthorized); "
            "set GRAFANA_TOKEN or --grafana-token-file (a service-account token), or GRAFANA_USER and "
            "GRAFANA_PASSWORD [doctor/api-error]");
}

TEST_CASE("TLS: verified by default, --ca-cert trusts a CA, --insecure skips verification with a warning") {
  SelfSignedCertificate certificate = make_self_signed_certificate();
  FakeGrafanaOptions options;
  options.tls_cert_pem = certificate.cert_pem;
  options.tls_key_pem = certificate.key_pem;
  TempDir dir;
  dir.file("dashboards/ml_metrics.json", read_text(std::string(MLMON_SOURCE_DIR) + "/dashboards/ml_metrics.json"));
  FakeGrafana grafana(options);
  grafana.start();
  ScopedEnvForDoctor token("GRAFANA_TOKEN", grafana.admin_token());
  const std::vector<std::string> args{
      "doctor", dir.path(), "--grafana", grafana.url(), "--skip", "prometheus,alertmanager", "--retries", "0"};
  CliRun run = run_cli(args);
  CHECK(run.code == 2);  // nothing answered
  CHECK(run.out.find("  error    Grafana at " + grafana.url() + " does not answer: GET " + grafana.url() +
                     "/api/health: TLS certificate verification failed: ") != std::string::npos);
  CHECK(grafana.requests().empty());

  std::vector<std::string> with_ca = args;
  with_ca.insert(with_ca.end(), {"--ca-cert", dir.file("ca.pem", certificate.cert_pem)});
  run = run_cli(with_ca);
  CHECK(run.out.find("  ok       Grafana 12.1.0 at " + grafana.url() + ": healthy and ready\n") != std::string::npos);
  CHECK(run.err == "");

  std::vector<std::string> insecure = args;
  insecure.push_back("--insecure");
  run = run_cli(insecure);
  CHECK(run.out.find("  ok       Grafana 12.1.0 at " + grafana.url() + ": healthy and ready\n") != std::string::npos);
  CHECK(run.err == "warning: --insecure: TLS certificates are not verified\n");
}
