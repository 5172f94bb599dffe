#include "examples.hpp"

#include <map>

namespace mlmon::cli {

namespace {

const std::map<std::string_view, std::vector<Example>>& table() {
  static const std::map<std::string_view, std::vector<Example>> kExamples = {
      {"",
       {{"mlmon check .", "every check on the config in this repository"},
        {"mlmon check-rules --format=sarif rules/ > mlmon.sarif", "rule files, for GitHub code scanning"},
        {"mlmon help routes test", "the help of one command"}}},
      {"check",
       {{"mlmon check .", "rules, Alertmanager config, dashboards and routing cases under the current folder"},
        {"mlmon check --verbose --no-thresholds deploy/", "also list the files that are not checked, and why"},
        {"mlmon check --format=junit . > mlmon-junit.xml", "a JUnit report for the CI"}}},
      {"checks",
       {{"mlmon checks", "every check id, its default severity and what it finds"},
        {"mlmon checks --format=json", "the same as JSON"}}},
      {"check-rules",
       {{"mlmon check-rules rules/", "every rule file under rules/ (tests and routing cases there are skipped)"},
        {"mlmon check-rules --no-lint --format=github rules/*.yml", "Prometheus's own verdicts, as PR annotations"},
        {"mlmon check-rules --enable-feature=promql-experimental-functions -", "a rule file on stdin"}}},
      {"check-alertmanager",
       {{"mlmon check-alertmanager alertmanager.yml", "Alertmanager's verdict and mlmon's lint"},
        {"mlmon check-alertmanager --placeholders rules/alertmanager.yml.tmpl",
         "a ${VAR} template, rendered in memory"},
        {"mlmon check-alertmanager --rules rules/ alertmanager.yml", "also route every alerting rule through it"}}},
      {"check-dashboards",
       {{"mlmon check-dashboards dashboards/", "every dashboard under dashboards/"},
        {"mlmon check-dashboards --fail-on=warning dashboards/ml_metrics.json", "fail on warnings too"}}},
      {"diff",
       {{"mlmon diff old/rules.yml rules/rules.yml", "what a change to a rule file means"},
        {"mlmon diff --format=json before.json after.json", "two dashboards, panel by panel, as JSON"}}},
      {"doctor",
       {{"mlmon doctor .", "the stack on the guide's addresses (localhost:9090, :9093, :3000) against this repository"},
        {"PROMETHEUS_URL=https://prom.example.com mlmon doctor --skip grafana --format=json .",
         "another Prometheus, no Grafana, as JSON"}}},
      {"export-dashboard",
       {{"GRAFANA_URL=https://grafana.example.com GRAFANA_TOKEN=... mlmon export-dashboard --all -o dashboards/",
         "every dashboard into files for git"},
        {"mlmon export-dashboard ml-platform-metrics -o dashboards/", "one dashboard by uid"}}},
      {"import-dashboard",
       {{"mlmon import-dashboard --dry-run dashboards/", "what would change in Grafana, without saving"},
        {"GRAFANA_URL=https://grafana.example.com GRAFANA_TOKEN=... mlmon import-dashboard dashboards/ --folder \"ML "
         "Platform\"",
         "push the dashboards into a folder"}}},
      {"promql",
       {{"mlmon promql check 'sum(rate(x[5m]))'", "Prometheus's verdict on an expression"},
        {"mlmon promql format 'SUM BY(job)(rate(x[5m]))'", "its canonical form"}}},
      {"promql check",
       {{"mlmon promql check 'rate(x)' 'sum(rate(x[5m]))'", "a verdict per expression, in order"},
        {"cat queries.txt | mlmon promql check --format=json", "one expression per line of stdin, as JSON lines"}}},
      {"promql format",
       {{"mlmon promql format 'SUM BY(job)(rate(x[5m]))'", "prints sum by (job) (rate(x[5m]))"},
        {"mlmon promql format 'a>bool 0.5' 'rate(x[1m*2])'", "several expressions, one canonical form per line"}}},
      {"promql test",
       {{"mlmon promql test tests/*.test", "Prometheus's engine-test scripts on mlmon's engine"},
        {"mlmon promql test --enable-feature=promql-experimental-functions --show-unsupported x.test",
         "with a feature, listing what the engine does not evaluate"}}},
      {"render-alertmanager",
       {{"SLACK_WEBHOOK_URL=... SMTP_PASSWORD=... mlmon render-alertmanager rules/alertmanager.yml.tmpl -o "
         "alertmanager.yml",
         "the config Alertmanager loads, written only when it is valid"},
        {"mlmon render-alertmanager --fail-on=warning rules/alertmanager.yml.tmpl -o "
         "/etc/alertmanager/alertmanager.yml",
         "refuse to write it when mlmon's lint warns too"}}},
      {"routes",
       {{"mlmon routes show alertmanager.yml", "the routing tree"},
        {"mlmon routes test alertmanager.yml severity=critical service=api", "where such an alert goes"}}},
      {"routes show",
       {{"mlmon routes show alertmanager.yml", "the routing tree, as amtool prints it"},
        {"mlmon routes show --placeholders rules/alertmanager.yml.tmpl", "of a template"}}},
      {"routes test",
       {{"mlmon routes test alertmanager.yml severity=critical service=api", "the receivers of such an alert"},
        {"mlmon routes test alertmanager.yml --cases rules/alertmanager-routes.cases.yml", "a list of routing cases"},
        {"mlmon routes test --tree --verify-receivers=pager alertmanager.yml severity=critical",
         "fail unless the alert reaches exactly these receivers"}}},
      {"set-threshold",
       {{"mlmon set-threshold HighPredictionLatency 0.3 rules/", "change one threshold, touching only its bytes"},
        {"mlmon set-threshold --for 10m --dry-run HighPredictionLatency 0.3 rules/", "show the diff, write nothing"},
        {"mlmon set-threshold --check --values thresholds/prod.yml rules/",
         "fail if the files differ from the values"}}},
      {"test-rules",
       {{"mlmon test-rules rules/tests/", "promtool's rule unit tests, promtool's output"},
        {"mlmon test-rules --format=text --coverage rules/tests/*.yml",
         "failures at file:line:col, and untested rules"},
        {"mlmon test-rules --junit=rule-tests.xml --run HighLatency rules/tests/",
         "some test groups, a JUnit report"}}},
      {"thresholds",
       {{"mlmon thresholds", "every alert's thresholds in rules/"},
        {"mlmon thresholds --format=json rules/ml-platform.rules.yml", "as JSON"}}},
      {"version", {{"mlmon version", "prints the version"}, {"mlmon --version", "the same"}}},
      {"help", {{"mlmon help", "the commands"}, {"mlmon help routes test", "the help of one command"}}},
      {"completion",
       {{"mlmon completion bash > /etc/bash_completion.d/mlmon", "install bash completion"},
        {"mlmon completion fish > ~/.config/fish/completions/mlmon.fish", "install fish completion"}}},
  };
  return kExamples;
}

}  // namespace

const std::vector<Example>& examples_for(std::string_view command_path) {
  static const std::vector<Example> kNone;
  auto it = table().find(command_path);
  return it == table().end() ? kNone : it->second;
}

std::string command_path(const CLI::App* sub) {
  std::string path;
  for (; sub != nullptr && sub->get_parent() != nullptr; sub = sub->get_parent()) {
    path = sub->get_name() + (path.empty() ? "" : " " + path);
  }
  return path;
}

namespace {

void add_to(CLI::App& app) {
  const auto& examples = examples_for(command_path(&app));
  if (!examples.empty()) {
    std::string text = app.get_footer();
    text += text.empty() ? "Examples:\n" : "\n\nExamples:\n";
    for (const Example& e : examples) {
      text += "  " + std::string(e.command) + "\n      " + std::string(e.explanation) + "\n";
    }
    text.pop_back();
    app.footer(text);
  }
  for (CLI::App* sub : app.get_subcommands({})) add_to(*sub);
}

}  // namespace

void add_examples_to_help(CLI::App& app) { add_to(app); }

}  // namespace mlmon::cli
