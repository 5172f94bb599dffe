#!/usr/bin/env python3
"""Differential testing of mlmon's PromQL engine against promtool's rule unit tests.

Generates random small data sets and random queries, evaluates them with `promtool test rules`
(Prometheus's engine, immediate __name__ removal unless --delayed) and with engine_eval_tool, and
reports every query whose results differ. A developer tool, not part of `make test`: it needs a
promtool (3.x; ../shared/tools/reference-tools.sh fetches one) and is only as authoritative as
that promtool's version.

  tests/engine/differential.py --promtool /work/reftools/bin/promtool \
      --tool build/tests/engine/engine_eval_tool --rounds 20 --seed 1
"""
import argparse
import math
import os
import random
import re
import subprocess
import sys
import tempfile

NAMES = ["a_total", "b", "c_bucket"]
FUNCS_1 = ["abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "timestamp", "sort",
           "sort_desc", "deg", "rad", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
           "asinh", "acosh", "atanh", "absent", "day_of_month", "day_of_week", "hour", "minute", "month",
           "year", "days_in_month", "day_of_year"]
RANGE_FUNCS = ["rate", "irate", "increase", "delta", "idelta", "deriv", "resets", "changes", "avg_over_time",
               "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "stddev_over_time",
               "stdvar_over_time", "last_over_time", "present_over_time",
               "absent_over_time"]
AGGS = ["sum", "avg", "min", "max", "count", "group", "stddev", "stdvar"]
ARITH = ["+", "-", "*", "/", "%", "^", "atan2"]
CMP = ["==", "!=", ">", "<", ">=", "<="]
SETS = ["and", "or", "unless"]
LABELS = ["job", "inst", "le"]


def rand_value(r):
    x = r.random()
    if x < 0.04:
        return "NaN"
    if x < 0.06:
        return r.choice(["Inf", "-Inf"])
    if x < 0.10:
        return "_"
    if x < 0.13:
        return "stale"
    if x < 0.5:
        return str(r.randint(-5, 40))
    return repr(round(r.uniform(-100, 1000), r.randint(0, 4)))


def gen_data(r, points):
    lines = []
    for name in NAMES:
        for job in ["x", "y"]:
            for inst in ["1", "2"]:
                if r.random() < 0.25:
                    continue
                labels = 'job="%s", inst="%s"' % (job, inst)
                if name == "c_bucket":
                    for le in ["0.5", "1", "+Inf"]:
                        vals = " ".join(str(max(0, r.randint(0, 20) + points * 0)) for _ in range(points))
                        lines.append('%s{%s, le="%s"} %s' % (name, labels, le, vals))
                    continue
                if r.random() < 0.5:
                    start = r.randint(0, 50)
                    inc = r.randint(0, 9)
                    vals = "%d+%dx%d" % (start, inc, points - 1)
                else:
                    vals = " ".join(rand_value(r) for _ in range(points))
                lines.append("%s{%s} %s" % (name, labels, vals))
    return lines


class Gen:
    def __init__(self, r, t_ms):
        self.r = r
        self.t_ms = t_ms

    def selector(self):
        r = self.r
        name = r.choice(NAMES + ["{__name__=~\"a_total|b\"}"])
        m = []
        if r.random() < 0.4:
            m.append('job%s"%s"' % (r.choice(["=", "!=", "=~", "!~"]), r.choice(["x", "y", "x|y", ".*"])))
        if name.startswith("{"):
            s = name if not m else name[:-1] + ", " + ", ".join(m) + "}"
        else:
            s = name + ("{" + ", ".join(m) + "}" if m else "")
        return s

    def modifiers(self):
        r = self.r
        out = ""
        if r.random() < 0.2:
            out += " offset %dm" % r.randint(1, 6)
        if r.random() < 0.15:
            out += " @ %d" % r.randint(0, self.t_ms // 1000)
        return out

    def matrix(self, d):
        r = self.r
        if r.random() < 0.25 and d > 0:
            step = r.choice(["", "1m", "2m", "30s"])
            return "(%s)[%dm:%s]%s" % (self.vector(d - 1), r.randint(2, 8), step, self.modifiers())
        return "%s[%dm]%s" % (self.selector(), r.randint(1, 8), self.modifiers())

    def scalar(self, d):
        r = self.r
        x = r.random()
        if x < 0.5 or d <= 0:
            return r.choice(["0", "1", "2", "0.5", "-1", "3.5", "NaN", "Inf", "-0.5", "1e3"])
        if x < 0.7:
            return "scalar(%s)" % self.vector(d - 1)
        if x < 0.8:
            return "time()"
        return "(%s %s %s)" % (self.scalar(d - 1), r.choice(ARITH), self.scalar(d - 1))

    def grouping(self):
        r = self.r
        if r.random() < 0.4:
            return ""
        labels = r.sample(LABELS + ["__name__"], r.randint(0, 2))
        return " %s (%s)" % (r.choice(["by", "without"]), ", ".join(labels))

    def vector(self, d):
        r = self.r
        if d <= 0:
            return self.selector() + self.modifiers()
        x = r.random()
        if x < 0.15:
            return self.selector() + self.modifiers()
        if x < 0.28:
            return "%s(%s)" % (r.choice(FUNCS_1), self.vector(d - 1))
        if x < 0.45:
            f = r.choice(RANGE_FUNCS + ["predict_linear", "quantile_over_time"])
            if f == "predict_linear":
                return "predict_linear(%s, %s)" % (self.matrix(d - 1), self.scalar(d - 1))
            if f == "quantile_over_time":
                return "quantile_over_time(%s, %s)" % (self.scalar(d - 1), self.matrix(d - 1))
            return "%s(%s)" % (f, self.matrix(d - 1))
        if x < 0.60:
            a = r.choice(AGGS + ["topk", "bottomk", "quantile", "count_values"])
            g = self.grouping()
            if a in ("topk", "bottomk"):
                return "%s%s(%s, %s)" % (a, g, r.choice(["1", "2", "5", "0"]), self.vector(d - 1))
            if a == "quantile":
                return "quantile%s(%s, %s)" % (g, self.scalar(0), self.vector(d - 1))
            if a == "count_values":
                return 'count_values%s("v", %s)' % (g, self.vector(d - 1))
            return "%s%s(%s)" % (a, g, self.vector(d - 1))
        if x < 0.75:
            op = r.choice(ARITH + CMP)
            b = " bool" if op in CMP and r.random() < 0.5 else ""
            match = ""
            if r.random() < 0.4:
                match = " %s(%s)" % (r.choice(["on", "ignoring"]), ", ".join(r.sample(LABELS, r.randint(0, 2))))
                if r.random() < 0.3:
                    match += " %s(%s)" % (r.choice(["group_left", "group_right"]), r.choice(["", "le"]))
            return "(%s %s%s%s %s)" % (self.vector(d - 1), op, b, match, self.vector(d - 1))
        if x < 0.83:
            op = r.choice(ARITH + CMP)
            b = " bool" if op in CMP and r.random() < 0.5 else ""
            if r.random() < 0.5:
                return "(%s %s%s %s)" % (self.vector(d - 1), op, b, self.scalar(d - 1))
            return "(%s %s%s %s)" % (self.scalar(d - 1), op, b, self.vector(d - 1))
        if x < 0.90:
            return "(%s %s %s)" % (self.vector(d - 1), r.choice(SETS), self.vector(d - 1))
        if x < 0.94:
            return "histogram_quantile(%s, %s)" % (self.scalar(0), self.vector(d - 1))
        if x < 0.97:
            return 'label_replace(%s, "dst", "$1-x", "job", "(.*)")' % self.vector(d - 1)
        return "clamp(%s, %s, %s)" % (self.vector(d - 1), self.scalar(0), self.scalar(0))


def yaml_quote(s):
    return "'" + s.replace("'", "''") + "'"


def run_promtool(promtool, series, queries, delayed):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.yml")
        with open(path, "w") as f:
            f.write("rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n")
            for line in series:
                m = re.match(r"^(\S+\{[^}]*\}|\S+) (.*)$", line)
                f.write("      - series: %s\n        values: %s\n" % (yaml_quote(m.group(1)), yaml_quote(m.group(2))))
            f.write("    promql_expr_test:\n")
            for t, q in queries:
                f.write("      - expr: %s\n        eval_time: %dms\n        exp_samples: []\n" % (yaml_quote(q), t))
        args = [promtool, "test", "rules", path]
        if delayed:
            args.insert(1, "--enable-feature=promql-delayed-name-removal")
        proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
        out = proc.stdout + proc.stderr
    # Each failing query: `    expr: "...", time: ..., err: ...` or `...,\n exp: nil\n got: ...`.
    results = {}
    blocks = re.split(r"\n    expr: ", "\n" + out)
    for b in blocks[1:]:
        m = re.match(r'("(?:[^"\\]|\\.)*"), time: ([^,\n]+)(.*)', b, re.S)
        if not m:
            continue
        expr = eval(m.group(1))  # a Go-quoted string is a valid Python string literal here
        rest = m.group(3)
        if rest.startswith(", err: "):
            results[expr] = ("error", rest[len(", err: "):].strip())
            continue
        got = re.search(r"got: (.*)", rest)
        text = got.group(1).strip() if got else "nil"
        samples = []
        if text != "nil":
            for lm in re.finditer(r"(\{(?:[^\"}]|\"(?:[^\"\\]|\\.)*\")*\}) (\S+?)(?:, |$)", text):
                samples.append((lm.group(1), float(lm.group(2))))
        results[expr] = ("ok", samples)
    return results


def run_tool(tool, series, queries, delayed):
    text = "load 60000\n" + "\n".join(series) + "\n\n"
    for t, q in queries:
        text += "query %d %s\n" % (t, q)
    args = [tool] + (["--delayed"] if delayed else [])
    out = subprocess.run(args, input=text, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    results = {}
    for block in out.stdout.split("\n\n"):
        lines = [l for l in block.split("\n") if l]
        if not lines:
            continue
        head = lines[0].split(" ", 2)
        expr = head[2]
        if len(lines) > 1 and lines[1].startswith("error "):
            results[expr] = ("error", lines[1][6:])
            continue
        samples = []
        for l in lines[1:]:
            labels, value = l.rsplit(" ", 1)
            samples.append((labels, float(value)))
        results[expr] = ("ok", samples)
    return results


def normalize_error(e):
    # Which two series a duplicate-match error names depends on the storage's series order, which
    # Prometheus does not define (the test loader creates series in map order).
    e = re.sub(r"match group \{.*\} on", "match group {...} on", e)
    return re.sub(r"operation: \[.*\];", "operation: [...];", e)


def same(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "error":
        return normalize_error(a[1]) == normalize_error(b[1])
    if len(a[1]) != len(b[1]):
        return False
    for (la, va), (lb, vb) in zip(a[1], b[1]):
        if la != lb:
            return False
        if math.isnan(va) and math.isnan(vb):
            continue
        if va != vb and not (abs(va - vb) <= 1e-12 * max(abs(va), abs(vb))):
            return False
    return True


def known_difference(p, m):
    # Prometheus 3.5 filtered comparison results before checking one-to-one cardinality; 3.14
    # checks first (operators.test), so mlmon reports the error where promtool 3.5 returns results.
    return m[0] == "error" and m[1].startswith("multiple matches for labels") and (
        p[0] == "ok" or not p[1].startswith("multiple matches"))


def tie_difference(q, p, m):
    # topk/bottomk keep the first of equal values in input order, and promtool loads series in
    # random order: the same values with other labels are a tie, not a difference.
    if "topk" not in q and "bottomk" not in q:
        return False
    if p[0] != "ok" or m[0] != "ok" or len(p[1]) != len(m[1]):
        return False
    key = lambda v: "nan" if math.isnan(v) else repr(v)
    return sorted(key(v) for _, v in p[1]) == sorted(key(v) for _, v in m[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--promtool", required=True)
    ap.add_argument("--tool", required=True)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--delayed", action="store_true")
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--dump", type=int, default=-1, help="print the data and queries of this round")
    args = ap.parse_args()
    r = random.Random(args.seed)
    differences = 0
    known = 0
    total = 0
    for rnd in range(args.rounds):
        points = r.randint(5, 20)
        series = gen_data(r, points)
        queries = []
        seen = set()
        for _ in range(args.queries):
            t = r.randint(0, points + 3) * 60000 + r.choice([0, 0, 0, 15000, 30000, 1])
            q = Gen(r, t).vector(r.randint(1, args.depth))
            if q in seen:
                continue
            seen.add(q)
            queries.append((t, q))
        if rnd == args.dump:
            print("load 60000\n" + "\n".join(series) + "\n")
            for t, q in queries:
                print("query %d %s" % (t, q))
        p = run_promtool(args.promtool, series, queries, args.delayed)
        m = run_tool(args.tool, series, queries, args.delayed)
        for t, q in queries:
            total += 1
            # promtool prints only the queries whose result differs from the (empty) expectation.
            pr = p.get(q, ("ok", []))
            mr = m.get(q, ("missing", ""))
            if known_difference(pr, mr) or tie_difference(q, pr, mr):
                known += 1
                continue
            if not same(pr, mr):
                differences += 1
                print("round %d t=%dms %s\n  promtool: %s\n  mlmon:    %s" % (rnd, t, q, pr, mr))
        if differences and os.environ.get("STOP_EARLY"):
            print("\n".join(series))
            break
    print("%d queries, %d differences, %d known differences of promtool 3.5" % (total, differences, known))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
