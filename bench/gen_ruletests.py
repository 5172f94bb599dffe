#!/usr/bin/env python3
"""Writes a promtool rule-test suite for `bench/run`: DIR/rules.yml and DIR/tests.yml.

  bench/gen_ruletests.py DIR [GROUPS]

GROUPS test groups (default 100), each with 2 h of 1-minute samples for 200 series (classic
histogram buckets, request counters, queue depths, up) and alert and PromQL tests up to 2 h; 20
rules: recording chains (rates, ratios, histogram_quantile over recorded bucket rates) and alerts
with `for`, `keep_firing_for` and templated annotations. Deterministic: the same files every time.
"""
import os
import random
import sys

JOBS = ["api", "auth", "billing", "search", "feed"]
INSTANCES = ["0", "1", "2", "3"]
LE = ["0.05", "0.1", "0.25", "0.5", "1", "+Inf"]
MINUTES = 120

RULES = """groups:
  - name: requests
    rules:
      - record: job_instance:requests:rate5m
        expr: sum by (job, instance) (rate(requests_total[5m]))
      - record: job:requests:rate5m
        expr: sum by (job) (job_instance:requests:rate5m)
      - record: job:errors:rate5m
        expr: sum by (job) (rate(requests_total{code="500"}[5m]))
      - record: job:errors:ratio_rate5m
        expr: job:errors:rate5m / job:requests:rate5m
  - name: latency
    rules:
      - record: job_le:request_duration_seconds_bucket:rate5m
        expr: sum by (job, le) (rate(request_duration_seconds_bucket[5m]))
      - record: job:request_duration_seconds:p50
        expr: histogram_quantile(0.5, job_le:request_duration_seconds_bucket:rate5m)
      - record: job:request_duration_seconds:p90
        expr: histogram_quantile(0.9, job_le:request_duration_seconds_bucket:rate5m)
      - record: job:request_duration_seconds:p99
        expr: histogram_quantile(0.99, job_le:request_duration_seconds_bucket:rate5m)
      - record: job:request_duration_seconds:p99_ms
        expr: job:request_duration_seconds:p99 * 1000
  - name: saturation
    rules:
      - record: instance:queue_depth:avg5m
        expr: avg_over_time(queue_depth[5m])
      - record: job:queue_depth:max
        expr: max by (job) (instance:queue_depth:avg5m)
      - record: job:up:ratio
        expr: avg by (job) (up)
  - name: alerts
    rules:
      - alert: HighErrorRatio
        expr: job:errors:ratio_rate5m > 0.05
        for: 5m
        labels: {severity: page}
        annotations: {summary: "{{ $labels.job }}: {{ $value | humanizePercentage }} of requests fail"}
      - alert: SlowP99
        expr: job:request_duration_seconds:p99_ms > 900
        for: 10m
        annotations: {summary: "{{ $labels.job }} p99 is {{ $value | humanize }}ms"}
      - alert: QueueBacklog
        expr: job:queue_depth:max > 80
        for: 5m
        keep_firing_for: 5m
        annotations: {summary: "queue of {{ $labels.job }} at {{ $value }}"}
      - alert: InstanceDown
        expr: up == 0
        for: 2m
        labels: {severity: page}
        annotations: {summary: "{{ $labels.instance }} of {{ $labels.job }} down"}
      - alert: JobDegraded
        expr: job:up:ratio < 0.75
        annotations: {summary: "{{ $value | humanizePercentage }} of {{ $labels.job }} up"}
      - alert: ErrorBudgetBurn
        expr: job:errors:ratio_rate5m > 0.01 and job:requests:rate5m > 1
        for: 15m
      - alert: LatencySpread
        expr: job:request_duration_seconds:p90 > 3 * job:request_duration_seconds:p50
        for: 10m
      - alert: NoTraffic
        expr: job:requests:rate5m == 0
        for: 10m
"""


def series(r):
    out = []
    for job in JOBS:
        for inst in INSTANCES:
            labels = 'job="%s", instance="%s"' % (job, inst)
            # Cumulative buckets: each bucket's rate is at least the one below it.
            rate = 0
            for le in LE:
                rate += r.randint(0, 30)
                out.append(('request_duration_seconds_bucket{%s, le="%s"}' % (labels, le),
                            "0+%dx%d" % (rate, MINUTES)))
            ok = r.randint(50, 200)
            out.append(('requests_total{%s, code="200"}' % labels, "0+%dx%d" % (ok, MINUTES)))
            bad = r.choice([0, 1, 2, 10])
            out.append(('requests_total{%s, code="500"}' % labels, "0+%dx%d" % (bad, MINUTES)))
            q = r.randint(0, 60)
            out.append(('queue_depth{%s}' % labels, "%d+1x60 %d-1x59" % (q, q + 61)))
            down = r.randint(0, MINUTES)
            out.append(('up{%s}' % labels, "1x%d 0x%d" % (down, MINUTES - down) if r.random() < 0.2
                        else "1x%d" % MINUTES))
    return out


def main():
    directory = sys.argv[1]
    groups = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "rules.yml"), "w") as f:
        f.write(RULES)
    r = random.Random(42)
    # Plain block YAML, as promtool's documentation writes test files (no flow `[...]`, `{...}`).
    lines = ["rule_files:", "  - rules.yml", "evaluation_interval: 1m", "group_eval_order:"]
    lines += ["  - " + g for g in ("requests", "latency", "saturation", "alerts")]
    lines.append("tests:")
    for g in range(groups):
        lines.append("  - name: scenario %d" % g)
        lines.append("    interval: 1m")
        lines.append("    input_series:")
        for s, v in series(r):
            lines.append("      - series: '%s'" % s)
            lines.append("        values: '%s'" % v)
        lines.append("    alert_rule_test:")
        for t in ("30m", "1h", "2h"):
            for alert in ("HighErrorRatio", "InstanceDown", "QueueBacklog"):
                lines.append("      - eval_time: %s" % t)
                lines.append("        alertname: %s" % alert)  # no exp_alerts: none expected
        lines.append("    promql_expr_test:")
        for expr in ("job:request_duration_seconds:p99_ms", "job:errors:ratio_rate5m", "count(ALERTS)"):
            lines.append("      - expr: %s" % expr)
            lines.append("        eval_time: 2h")
    with open(os.path.join(directory, "tests.yml"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
