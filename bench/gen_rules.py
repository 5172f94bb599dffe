#!/usr/bin/env python3
"""Writes a realistic rule file: GROUPS groups of RULES alerting rules with histogram_quantile,
rate and sum-by expressions, labels and templated annotations (about 340 bytes a rule)."""
import sys

groups = int(sys.argv[1]) if len(sys.argv) > 1 else 100
rules = int(sys.argv[2]) if len(sys.argv) > 2 else 100
out = sys.stdout
out.write("groups:\n")
for g in range(groups):
    out.write(f"  - name: service-{g}\n    interval: 30s\n    rules:\n")
    for r in range(rules):
        n = g * rules + r
        if r % 3 == 0:
            expr = (f"histogram_quantile(0.99, sum by (le, service, model) "
                    f"(rate(http_request_duration_seconds_bucket{{job=\"svc-{g}\", handler=~\"/api/v{r % 4}/.*\"}}[5m]))) > 0.{r % 9 + 1}")
        elif r % 3 == 1:
            expr = (f"sum by (service, instance) (rate(http_requests_total{{job=\"svc-{g}\", code=~\"5..\"}}[5m])) "
                    f"/ sum by (service, instance) (rate(http_requests_total{{job=\"svc-{g}\"}}[5m])) > 0.0{r % 9 + 1}")
        else:
            expr = f"avg_over_time(queue_depth{{job=\"svc-{g}\", queue=\"q{r}\"}}[10m]) > {1000 + n}"
        out.write(f"      - alert: Alert{n}\n")
        out.write(f"        expr: {expr}\n")
        out.write(f"        for: {r % 10 + 1}m\n")
        out.write(f"        labels:\n          severity: {'critical' if r % 5 == 0 else 'warning'}\n")
        out.write(f"        annotations:\n")
        out.write(f"          summary: \"{{{{ $labels.service }}}} alert {n} is {{{{ $value | humanize }}}}\"\n")
        out.write(f"          description: \"See runbook {n}.\"\n")
