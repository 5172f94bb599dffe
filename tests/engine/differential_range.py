#!/usr/bin/env python3
"""Differential testing of mlmon's range queries against a Prometheus server.

Like differential.py, but each round writes random data as OpenMetrics, turns it into a TSDB block
with `promtool tsdb create-blocks-from openmetrics`, starts a Prometheus server on loopback over it,
and compares /api/v1/query_range with engine_eval_tool's range queries (server defaults:
immediate __name__ removal, 5m lookback, 1m default subquery step). A developer tool, not part of
`make test`.

  tests/engine/differential_range.py --prometheus /work/reftools/bin/prometheus \
      --promtool /work/reftools/bin/promtool --tool build/tests/engine/engine_eval_tool --rounds 5
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import Gen, gen_data, known_difference, normalize_error  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def to_openmetrics(series, base_s):
    out = []
    types = set()
    for line in series:
        m = re.match(r"^(\w+)(\{[^}]*\})? (.*)$", line)
        name, labels, values = m.group(1), re.sub(r",\s+", ",", m.group(2) or ""), m.group(3)
        if name not in types:
            out.append("# TYPE %s unknown" % name)
            types.add(name)
        expanded = []
        for item in values.split():
            r = re.match(r"^(-?\d+)\+(\d+)x(\d+)$", item)
            if r:
                v, inc, n = int(r.group(1)), int(r.group(2)), int(r.group(3))
                expanded += [str(v + k * inc) for k in range(n + 1)]
            else:
                expanded.append(item)
        for k, v in enumerate(expanded):
            if v in ("_", "stale"):
                continue
            v = {"Inf": "+Inf", "-Inf": "-Inf", "NaN": "NaN"}.get(v, v)
            out.append("%s%s %s %d" % (name, labels, v, base_s + k * 60))
    out.append("# EOF")
    return "\n".join(out) + "\n"


def mlmon_series(series):
    # The tool's notation cannot hold what OpenMetrics cannot: stale markers become gaps.
    return [line.replace(" stale", " _") for line in series]


def query_range(port, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/v1/query_range?%s" % (port, params), timeout=60) as r:
            doc = json.load(r)
    except urllib.error.HTTPError as e:
        doc = json.load(e)
    if doc["status"] != "success":
        # Parse errors come back from the API with its prefix.
        return ("error", doc["error"].removeprefix('invalid parameter "query": '))
    out = []
    for s in doc["data"]["result"]:
        labels = "{" + ", ".join('%s=%s' % (k if re.match(r"^[A-Za-z_]\w*$", k) else json.dumps(k), json.dumps(v))
                                 for k, v in sorted(s["metric"].items())) + "}"
        out.append((labels, [(int(round(float(t) * 1000)), float(v)) for t, v in s["values"]]))
    return ("ok", sorted(out))


class AbsoluteGen(Gen):
    """@ timestamps between the data's start and the query's end (absolute times)."""

    def __init__(self, r, base_s, end_ms):
        super().__init__(r, end_ms)
        self.base_s = base_s

    def modifiers(self):
        r = self.r
        out = ""
        if r.random() < 0.2:
            out += " offset %dm" % r.randint(1, 6)
        if r.random() < 0.15:
            out += " @ %d" % r.randint(self.base_s, self.t_ms // 1000)
        return out


def run_tool(tool, series, queries, base_ms):
    text = "load 60000 %d\n" % base_ms + "\n".join(series) + "\n\n"
    for start, end, step, q in queries:
        text += "range %d %d %d %s\n" % (start, end, step, q)
    out = subprocess.run([tool], input=text, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    results = []
    for block in out.stdout.split("\n\n"):
        lines = [l for l in block.split("\n") if l]
        if not lines:
            continue
        if len(lines) > 1 and lines[1].startswith("error "):
            results.append(("error", lines[1][6:]))
            continue
        series_out = []
        for l in lines[1:]:
            m = re.match(r"^(\{.*\})((?: -?\d+:\S+)*)$", l)
            pts = [(int(p.split(":")[0]), float(p.split(":", 1)[1])) for p in m.group(2).split()]
            series_out.append((m.group(1), pts))
        results.append(("ok", sorted(series_out)))
    return results


def same(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "error":
        return normalize_error(a[1]) == normalize_error(b[1])
    if len(a[1]) != len(b[1]):
        return False
    for (la, pa), (lb, pb) in zip(a[1], b[1]):
        if la != lb or len(pa) != len(pb):
            return False
        for (ta, va), (tb, vb) in zip(pa, pb):
            if ta != tb:
                return False
            if math.isnan(va) and math.isnan(vb):
                continue
            if va != vb and not abs(va - vb) <= 1e-12 * max(abs(va), abs(vb)):
                return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prometheus", required=True)
    ap.add_argument("--promtool", required=True)
    ap.add_argument("--tool", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--depth", type=int, default=3)
    args = ap.parse_args()
    r = random.Random(args.seed)
    base_s = (int(time.time()) // 7200) * 7200 - 4 * 3600
    base_ms = base_s * 1000
    total = differences = known = 0
    for rnd in range(args.rounds):
        points = r.randint(5, 30)
        series = gen_data(r, points)
        queries = []
        for _ in range(args.queries):
            start = base_ms + r.randint(0, points + 3) * 60000 + r.choice([0, 0, 15000, 30000, 1])
            step = r.choice([15000, 30000, 60000, 90000, 120000])
            end = start + r.randint(0, 20) * step + r.choice([0, 0, 7000])
            q = AbsoluteGen(r, base_s, end).vector(r.randint(1, args.depth))
            queries.append((start, end, step, q))
        tmp = tempfile.mkdtemp()
        proc = None
        try:
            with open(os.path.join(tmp, "data.om"), "w") as f:
                f.write(to_openmetrics(series, base_s))
            subprocess.run([args.promtool, "tsdb", "create-blocks-from", "openmetrics", os.path.join(tmp, "data.om"),
                            os.path.join(tmp, "tsdb")], check=True, capture_output=True)
            with open(os.path.join(tmp, "prom.yml"), "w") as f:
                f.write("global:\n  evaluation_interval: 1m\n")
            port = free_port()
            proc = subprocess.Popen([args.prometheus, "--config.file=" + os.path.join(tmp, "prom.yml"),
                                     "--storage.tsdb.path=" + os.path.join(tmp, "tsdb"),
                                     "--storage.tsdb.retention.time=100y",
                                     "--web.listen-address=127.0.0.1:%d" % port],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                try:
                    urllib.request.urlopen("http://127.0.0.1:%d/-/ready" % port, timeout=1)
                    break
                except Exception:
                    time.sleep(0.2)
            mine = run_tool(args.tool, mlmon_series(series), queries, base_ms)
            for (start, end, step, q), m in zip(queries, mine):
                total += 1
                p = query_range(port, q, start / 1000, end / 1000, step / 1000)
                if known_difference(p, m):
                    known += 1
                    continue
                if not same(p, m):
                    differences += 1
                    print("round %d [%d, %d] step %dms %s\n  prometheus: %s\n  mlmon:      %s" %
                          (rnd, start - base_ms, end - base_ms, step, q, str(p)[:600], str(m)[:600]))
        finally:
            if proc:
                proc.terminate()
                proc.wait()
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d range queries, %d differences, %d known differences of Prometheus 3.5" % (total, differences, known))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
