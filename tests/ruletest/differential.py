#!/usr/bin/env python3
"""Differential test of `mlmon test-rules` against `promtool test rules` (Prometheus 3.5).

Each seed generates a test file and its rule file: random input series with gaps (`_`, `_xN`) and
stale markers, recording rules in chains (one group feeding the next, in group_eval_order),
histogram_quantile over classic buckets, alerting rules with `for` and `keep_firing_for`, label and
annotation templates (`$labels`, `$value`, humanize, printf), group query_offset and limit; then
alert and PromQL tests that mostly expect nothing, so that promtool prints everything the rules
computed. Both tools run the same files; their stdout, stderr and exit codes must be identical.
(mlmon runs with --compat: its own failures for tests that pass whatever the rules do are wanted
differences.) The generator keeps to what promtool evaluates deterministically: every rule group is
listed in group_eval_order (promtool orders unlisted groups by Go's random map order).

  tests/ruletest/differential.py --mlmon build/apps/mlmon --seeds 1-300
  tests/ruletest/differential.py --mlmon build/apps/mlmon --random 2000   # `make differential`

Exit: 0 identical, 1 differences (each seed and its diff printed), 77 promtool missing (skipped).
"""
import argparse
import difflib
import os
import random
import shutil
import subprocess
import sys
import tempfile

JOBS = ["api", "worker"]
INSTANCES = ["a:9090", "b:9090"]
LE = ["0.05", "0.1", "0.25", "0.5", "1", "+Inf"]


def duration(seconds):
    """A Prometheus duration for whole seconds: 90 -> 1m30s."""
    if seconds == 0:
        return "0s"
    out = ""
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            out += "%d%s" % (seconds // size, unit)
            seconds %= size
    return out


def gauge_values(r, steps):
    """Values of a gauge: plain numbers, runs (axN, a+bxN, a-bxN), gaps and stale markers."""
    out, n = [], 0
    while n < steps:
        x = r.random()
        if x < 0.08:
            k = r.randint(1, 4)
            out.append("_x%d" % k)
            n += k
        elif x < 0.12:
            out.append("_")
            n += 1
        elif x < 0.16:
            out.append("stale")
            n += 1
        elif x < 0.45:
            k = r.randint(1, 8)
            out.append("%sx%d" % (r.choice([0, 1, 2, 5, 12, 40, 0.5]), k))
            n += k + 1
        elif x < 0.70:
            k = r.randint(1, 8)
            out.append("%d%s%dx%d" % (r.randint(0, 50), r.choice("+-"), r.randint(1, 6), k))
            n += k + 1
        else:
            out.append(str(r.choice([r.randint(-3, 60), round(r.uniform(0, 100), 1)])))
            n += 1
    return " ".join(out)


def counter_values(r, steps, start=0):
    """A counter: increasing runs, sometimes a reset, sometimes a gap."""
    out, n, v = [], 0, start
    while n < steps:
        x = r.random()
        k = r.randint(1, 10)
        if x < 0.08:
            out.append("_x%d" % k)
            n += k
            continue
        if x < 0.13:
            v = r.randint(0, 3)  # reset
        step = r.choice([0, 1, 2, 5, 10, 30])
        out.append("%d+%dx%d" % (v, step, k))
        v += step * k + step
        n += k + 1
    return " ".join(out)


def bucket_series(r, steps, job):
    """Cumulative classic-histogram buckets: each bucket's counter is at least the one below."""
    lines = []
    prev = None
    base_rates = sorted(r.randint(0, 20) for _ in LE)
    for le, rate in zip(LE, base_rates):
        vals = []
        for i in range(steps + 1):
            v = rate * i
            if prev is not None:
                v = max(v, prev[i])
            vals.append(v)
        prev = vals
        text = " ".join(str(v) for v in vals)
        if r.random() < 0.2:
            cut = r.randint(1, steps)
            text = " ".join(str(v) for v in vals[:cut]) + " stale"
        lines.append(('request_duration_seconds_bucket{job="%s", le="%s"}' % (job, le), text))
    return lines


def rules(r):
    """Rule groups, and the order they are evaluated in (all listed)."""
    threshold = r.choice([0, 1, 5, 10, 20, 40])
    errors = r.choice([0.01, 0.1, 0.5])
    groups = []
    rec = {
        "name": "recording",
        "rules": [
            ("record", "job:requests:rate5m", "sum by (job) (rate(requests_total[5m]))", {}),
            ("record", "job:errors:ratio_rate5m",
             'sum by (job) (rate(requests_total{code="500"}[5m])) / sum by (job) (rate(requests_total[5m]))', {}),
            ("record", "job:request_duration_seconds:p90",
             "histogram_quantile(0.9, sum by (job, le) (rate(request_duration_seconds_bucket[5m])))", {}),
            ("record", "instance:queue_depth:max_over_time2m", "max_over_time(queue_depth[2m])",
             {"source": "queue"}),
        ],
    }
    if r.random() < 0.3:
        rec["query_offset"] = r.choice(["30s", "1m"])
    groups.append(rec)
    groups.append({
        "name": "recording-chain",
        "labels": {"tier": "derived"} if r.random() < 0.5 else None,
        "rules": [
            ("record", "job:request_duration_seconds:p90_ms", "job:request_duration_seconds:p90 * 1000", {}),
            ("record", "job:errors:ratio_rate5m_pct", "job:errors:ratio_rate5m * 100",
             {"unit": "percent"} if r.random() < 0.5 else {}),
        ],
    })
    alert_labels = {"severity": r.choice(["page", "ticket"])}
    if r.random() < 0.5:
        alert_labels["level"] = '{{ if gt $value %d.0 }}high{{ else }}low{{ end }}' % (threshold + 10)
    alerts = {
        "name": "alerts",
        "rules": [
            ("alert", "QueueBacklog", "queue_depth > %d" % threshold, {
                "for": r.choice(["0s", "1m", "2m", "5m"]),
                "keep_firing_for": r.choice([None, "1m", "3m"]),
                "labels": alert_labels,
                "annotations": {
                    "summary": "Queue on {{ $labels.instance }} is {{ $value | humanize }} deep",
                    "detail": '{{ printf "%.2f" $value }} for job {{ $labels.job }}',
                },
            }),
            ("alert", "InstanceDown", "up == 0", {
                "for": r.choice(["0s", "1m", "3m"]),
                "labels": {"severity": "page"},
                "annotations": {"summary": "{{ $labels.instance }} of {{ $labels.job }} is down"},
            }),
            ("alert", "HighErrorRatio", "job:errors:ratio_rate5m > %s" % errors, {
                "for": r.choice(["0s", "2m"]),
                "annotations": {"value": "{{ $value | humanizePercentage }}"},
            }),
            ("alert", "SlowRequests", "job:request_duration_seconds:p90_ms > %d" % r.choice([50, 100, 400]), {
                "keep_firing_for": r.choice([None, "2m"]),
                "annotations": {"p90": "{{ $value }}ms", "since": "{{ humanizeDuration 125 }}"},
            }),
        ],
    }
    if r.random() < 0.25:
        alerts["limit"] = r.choice([2, 3, 10])
    groups.append(alerts)
    r.shuffle(groups)  # the file order; group_eval_order below decides the evaluation order
    order = ["recording", "recording-chain", "alerts"]
    return groups, order


def render_rules(groups):
    out = ["groups:"]
    for g in groups:
        out.append("  - name: %s" % g["name"])
        if g.get("query_offset"):
            out.append("    query_offset: %s" % g["query_offset"])
        if g.get("limit"):
            out.append("    limit: %d" % g["limit"])
        if g.get("labels"):
            out.append("    labels:")
            for k, v in g["labels"].items():
                out.append("      %s: %s" % (k, v))
        out.append("    rules:")
        for kind, name, expr, extra in g["rules"]:
            out.append("      - %s: %s" % (kind, name))
            out.append("        expr: %s" % quote(expr))
            if kind == "record" and extra:
                out.append("        labels:")
                for k, v in extra.items():
                    out.append("          %s: %s" % (k, quote(v)))
            if kind == "alert":
                for key in ("for", "keep_firing_for"):
                    if extra.get(key):
                        out.append("        %s: %s" % (key, extra[key]))
                for key in ("labels", "annotations"):
                    if extra.get(key):
                        out.append("        %s:" % key)
                        for k, v in extra[key].items():
                            out.append("          %s: %s" % (k, quote(v)))
    return "\n".join(out) + "\n"


def quote(s):
    return "'" + str(s).replace("'", "''") + "'"


QUERIES = [
    "job:requests:rate5m", "job:errors:ratio_rate5m", "job:request_duration_seconds:p90",
    "job:request_duration_seconds:p90_ms", "job:errors:ratio_rate5m_pct", "instance:queue_depth:max_over_time2m",
    "ALERTS", "ALERTS_FOR_STATE", "count by (alertname, alertstate) (ALERTS)", "queue_depth", "up",
    "rate(requests_total[2m])", "increase(requests_total[5m])", "sum(queue_depth)", "avg_over_time(queue_depth[3m])",
    "count_over_time(job:requests:rate5m[10m])", "timestamp(queue_depth)", "changes(up[10m])",
    "histogram_quantile(0.5, rate(request_duration_seconds_bucket[5m]))", "absent(up{job=\"none\"})",
    "max_over_time(job:request_duration_seconds:p90_ms[5m:1m])", "deriv(queue_depth[5m])",
]


def test_file(r, seed):
    eval_interval = r.choice([30, 60, 60, 120])
    groups_out = []
    for t in range(r.randint(1, 3)):
        interval = r.choice([15, 30, 60, 60])
        minutes = r.randint(10, 40)
        steps = minutes * 60 // interval
        series = []
        for job in JOBS:
            for inst in INSTANCES:
                if r.random() < 0.85:
                    series.append(('queue_depth{job="%s", instance="%s"}' % (job, inst), gauge_values(r, steps)))
                if r.random() < 0.85:
                    up = " ".join(r.choice(["1x%d" % r.randint(1, 6), "0x%d" % r.randint(1, 6), "1", "0", "_"])
                                  for _ in range(r.randint(2, 8)))
                    series.append(('up{job="%s", instance="%s"}' % (job, inst), up))
                for code in ("200", "500"):
                    if r.random() < 0.8:
                        series.append(('requests_total{job="%s", instance="%s", code="%s"}' % (job, inst, code),
                                       counter_values(r, steps)))
            if r.random() < 0.8:
                series.extend(bucket_series(r, steps, job))
        horizon = minutes * 60 + r.choice([0, 0, 300, 900])
        group = ["  - name: group %d of seed %d" % (t, seed)]
        if interval != eval_interval or r.random() < 0.5:
            group.append("    interval: %s" % duration(interval))
        if r.random() < 0.3:
            group.append("    external_labels: {cluster: c%d}" % r.randint(1, 3))
        group.append("    input_series:")
        for s, v in series:
            group.append("      - series: %s" % quote(s))
            group.append("        values: %s" % quote(v))
        group.append("    alert_rule_test:")
        for _ in range(r.randint(2, 6)):
            at = r.randint(0, horizon)
            if r.random() < 0.7:
                at -= at % 60
            group.append("      - eval_time: %s" % duration(at))
            group.append("        alertname: %s" % r.choice(["QueueBacklog", "InstanceDown", "HighErrorRatio",
                                                             "SlowRequests"]))
            if r.random() < 0.1:
                group.append("        exp_alerts:")
                group.append("          - exp_labels: {severity: page}")
            else:
                group.append("        exp_alerts: []")
        group.append("    promql_expr_test:")
        for _ in range(r.randint(2, 6)):
            at = r.randint(0, horizon)
            if r.random() < 0.6:
                at -= at % 60
            group.append("      - expr: %s" % quote(r.choice(QUERIES)))
            group.append("        eval_time: %s" % duration(at))
            if r.random() < 0.1:
                group.append("        exp_samples: [{labels: 'up{job=\"api\", instance=\"a:9090\"}', value: 1}]")
        groups_out.append("\n".join(group))
    return eval_interval, groups_out


def generate(seed, directory):
    r = random.Random(seed)
    groups, order = rules(r)
    eval_interval, tests = test_file(r, seed)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "rules.yml"), "w") as f:
        f.write(render_rules(groups))
    with open(os.path.join(directory, "test.yml"), "w") as f:
        f.write("# Generated by tests/ruletest/differential.py, seed %d.\n" % seed)
        f.write("rule_files: [rules.yml]\n")
        f.write("evaluation_interval: %s\n" % duration(eval_interval))
        f.write("group_eval_order: [%s]\n" % ", ".join(order))
        f.write("tests:\n")
        f.write("\n".join(tests) + "\n")


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def compare(mlmon, promtool, work, seeds):
    """Runs both tools on the seeds' files at once; on a difference, seed by seed."""
    files = ["seed_%d/test.yml" % s for s in seeds]
    a = run([mlmon, "test-rules", "--compat", "-j", "2"] + files, work)
    b = run([promtool, "test", "rules"] + files, work)
    if a == b:
        return []
    bad = []
    for s in seeds:
        f = "seed_%d/test.yml" % s
        a = run([mlmon, "test-rules", "--compat", f], work)
        b = run([promtool, "test", "rules", f], work)
        if a != b:
            bad.append((s, a, b))
    return bad


def seed_list(spec):
    seeds = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mlmon", required=True)
    default_tools = os.environ.get("MLMON_REFERENCE_TOOLS", os.path.expanduser("~/.cache/mlmon-reference-tools"))
    ap.add_argument("--promtool", default=os.path.join(default_tools, "bin", "promtool"))
    ap.add_argument("--seeds", default="1-300", help="seeds, e.g. 1-300 or 5,9,40-50")
    ap.add_argument("--random", type=int, metavar="N", help="N random seeds instead (printed)")
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--keep", metavar="DIR", help="write the generated files here and keep them")
    args = ap.parse_args()

    if not (os.path.isfile(args.promtool) and os.access(args.promtool, os.X_OK)):
        print("SKIPPED: needs promtool 3.5 at %s (scripts/install-deps.sh --with-test-tools fetches it; "
              "MLMON_REFERENCE_TOOLS sets its folder)" % args.promtool)
        return 77
    if args.random:
        start = random.SystemRandom().randint(10_000, 10_000_000)
        seeds = list(range(start, start + args.random))
        print("seeds %d-%d" % (seeds[0], seeds[-1]))
    else:
        seeds = seed_list(args.seeds)

    work = args.keep or tempfile.mkdtemp(prefix="mlmon-ruletest-diff-")
    try:
        for s in seeds:
            generate(s, os.path.join(work, "seed_%d" % s))
        bad = []
        for i in range(0, len(seeds), args.batch):
            bad.extend(compare(os.path.abspath(args.mlmon), args.promtool, work, seeds[i:i + args.batch]))
        for s, a, b in bad:
            print("== seed %d: mlmon exit %d, promtool exit %d" % (s, a[0], b[0]))
            for name, x, y in (("stdout", a[1], b[1]), ("stderr", a[2], b[2])):
                if x != y:
                    sys.stdout.writelines(difflib.unified_diff(y.splitlines(True), x.splitlines(True),
                                                               "promtool " + name, "mlmon " + name, n=2))
        print("%d seeds: %d identical, %d different" % (len(seeds), len(seeds) - len(bad), len(bad)))
        return 1 if bad else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
