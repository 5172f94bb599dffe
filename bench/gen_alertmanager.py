#!/usr/bin/env python3
"""Writes a large, valid Alertmanager config: ROUTES routes (teams, each with child routes by
service and severity) whose matchers and group_by are flow lists, RECEIVERS receivers (Slack,
webhook, email, PagerDuty, OpsGenie, with templated text) and INHIBIT inhibit rules. The default
sizes (2,000, 500, 200) give about 320 KB."""
import sys

routes = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
receivers = int(sys.argv[2]) if len(sys.argv) > 2 else 500
inhibits = int(sys.argv[3]) if len(sys.argv) > 3 else 200
out = sys.stdout
w = out.write

w("global:\n  resolve_timeout: 5m\n  smtp_smarthost: 'smtp.example.com:587'\n"
  "  smtp_from: 'alertmanager@example.com'\n  smtp_require_tls: true\n"
  "  slack_api_url: 'https://hooks.slack.example.com/services/T000/B000/XXXX'\n"
  "  pagerduty_url: 'https://events.pagerduty.example.com/v2/enqueue'\n\n")
w("templates:\n  - '/etc/alertmanager/templates/*.tmpl'\n\n")
w("route:\n  receiver: receiver-0\n  group_by: [alertname, cluster, service]\n"
  "  group_wait: 30s\n  group_interval: 5m\n  repeat_interval: 4h\n  routes:\n")
children = 9  # one route in ten is a team's, the others its children by service and severity
teams = max(1, routes // (children + 1))
made = 0
for t in range(teams):
    if made >= routes:
        break
    w(f"  - matchers: [team=\"team-{t}\"]\n")
    w(f"    receiver: receiver-{t % receivers}\n")
    w("    group_by: [alertname, cluster, service, namespace]\n")
    if t % 7 == 0:
        w("    continue: true\n")
    made += 1
    kids = min(children, routes - made)
    if kids <= 0:
        continue
    w("    routes:\n")
    for c in range(kids):
        sev = ("critical", "warning", "info")[c % 3]
        w(f"    - matchers: ['service=~\"svc-{t}-{c}.*\"', severity=\"{sev}\"]\n")
        w(f"      receiver: receiver-{(t * children + c) % receivers}\n")
        if c % 3 == 0:
            w("      repeat_interval: 1h\n")
        if c % 4 == 1:
            w("      group_by: ['...']\n")
        made += 1

w("\ninhibit_rules:\n")
for i in range(inhibits):
    w(f"  - source_matchers: [ severity=\"critical\", 'team=\"team-{i % teams}\"' ]\n")
    w(f"    target_matchers: [ 'severity=~\"warning|info\"', 'team=\"team-{i % teams}\"' ]\n")
    w("    equal: [alertname, cluster, service]\n")

w("\nreceivers:\n")
for r in range(receivers):
    w(f"  - name: receiver-{r}\n")
    kind = r % 5
    if kind == 0:
        w("    slack_configs:\n")
        w(f"      - channel: '#alerts-{r}'\n")
        w("        text: '{{ range .Alerts }}{{ .Annotations.summary }}\\n{{ end }}'\n")
    elif kind == 1:
        w("    webhook_configs:\n")
        w(f"      - url: 'http://hooks.example:8080/alerts/{r}'\n        max_alerts: 20\n")
    elif kind == 2:
        w("    email_configs:\n")
        w(f"      - to: 'team-{r}@example.com'\n"
          "        headers: {Subject: '[{{ .Status }}] {{ .GroupLabels.alertname }}'}\n")
    elif kind == 3:
        w("    pagerduty_configs:\n")
        w(f"      - routing_key: 'key-{r:032d}'\n        severity: '{{{{ .CommonLabels.severity }}}}'\n"
          "        description: '{{ .CommonAnnotations.summary }}'\n")
    else:
        w("    opsgenie_configs:\n")
        w(f"      - api_key: 'opsgenie-{r:016d}'\n        api_url: 'https://api.opsgenie.example.com/'\n"
          "        message: '{{ .CommonLabels.alertname }}'\n")
