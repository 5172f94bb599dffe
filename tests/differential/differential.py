#!/usr/bin/env python3
"""mlmon side by side with the tools it targets: promtool 3.x and amtool 0.33 (the newest that
Debian packages; scripts/reference-tools.sh fetches them into a cache folder).

  differential.py rules         every rule file of the corpus and of this repo: verdict, and each
                                error promtool reports is among mlmon's (positions aside)
  differential.py alertmanager  every Alertmanager config of the corpus and of this repo: verdict
  differential.py routes        `routes show` and `routes test` (with and without --tree),
                                byte for byte, on every config with a route tree
  differential.py rule-tests    the repo's rules/tests/ under `promtool test rules`

Exit 0 agreed, 1 a difference (each printed), 77 skipped: the reference tools or the corpus are
missing (named). Known differences are listed in KNOWN below, each with its reason; a known
difference that no longer happens is reported too, so the table stays true.
Environment: MLMON (the binary), MLMON_REFERENCE_TOOLS (the tools' folder), MLMON_CORPUS_DIR.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MLMON = os.environ.get("MLMON", os.path.join(REPO, "build", "apps", "mlmon"))
TOOLS = os.environ.get("MLMON_REFERENCE_TOOLS") or os.path.join(
    os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "mlmon-reference-tools")
CORPUS = os.environ.get("MLMON_CORPUS_DIR", os.path.join(REPO, "..", "shared", "corpus"))

# Where mlmon and the reference tools disagree on purpose, or where the Debian build (3.5) and the
# v3.14 sources mlmon follows differ. Key: (area, file name); value: the reason. When Debian
# uploads a newer promtool, the rows that name 3.5 are the ones to delete.
KNOWN = {
    ("rules", "promtool-unittest/features.yml"):
        "3.5 vs v3.14: v3.14 parses duration expressions by default and names the gated modifiers "
        "(`anchored modifier is experimental and not enabled`, `binop fill modifiers are experimental and not "
        "enabled`) where 3.5's lexer says `unexpected identifier \"anchored\"` and `unknown function with name "
        "\"fill\"`; 3.5's check rules also took sort_by_label without the flag, v3.14's does not",
    ("rules", "tests/cli/fixtures/rules/manifest.yaml"):
        "by design: mlmon reads Kubernetes PrometheusRule manifests (the Prometheus Operator's format), "
        "promtool only plain rule files",
}


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(77)


def tool(name):
    path = os.path.join(TOOLS, "bin", name)
    if not os.access(path, os.X_OK):
        skip(f"{path} not found (scripts/reference-tools.sh fetches the reference tools; "
             "install-deps.sh --with-test-tools runs it)")
    return path


def need_corpus():
    if not os.path.isdir(CORPUS):
        skip(f"needs the conformance corpus at {os.path.normpath(CORPUS)} (not found)")


def need_mlmon():
    if not os.access(MLMON, os.X_OK):
        skip(f"mlmon not built at {MLMON} (make build, or set MLMON)")


def run(argv, cwd=None):
    p = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout, p.stderr


class Differences:
    def __init__(self, area):
        self.area = area
        self.found = []
        self.known_seen = set()
        self.compared = 0

    def check(self, name, same, detail):
        self.compared += 1
        key = (self.area, name)
        if key in KNOWN:
            if same:
                self.found.append(f"{name}: listed as a known difference ({KNOWN[key]}), but it agrees now: "
                                  "delete the row")
            self.known_seen.add(key)
            return
        if not same:
            self.found.append(f"{name}: {detail}")

    def finish(self):
        for line in self.found:
            print(f"DIFF {self.area}: {line}")
        known = len(self.known_seen)
        print(f"{self.area}: {self.compared} compared, {len(self.found)} differences, {known} known differences")
        return 1 if self.found else 0


# --- rule files ---------------------------------------------------------------------------------

def promtool_errors(path, stderr):
    """The messages promtool printed for one file, without its prefixes and positions."""
    messages = []
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith(path + ": "):
            continue
        text = line[len(path) + 2:]
        if text == "yaml: unmarshal errors:":
            for follow in lines[i + 1:]:
                m = re.match(r"  line \d+: (.*)", follow)
                if not m:
                    break
                messages.append(m.group(1))
            continue
        text = re.sub(r"^yaml: line \d+: ", "", text)
        text = re.sub(r"^(\d+:\d+: )+", "", text)
        messages.append(normalize(text))
    return sorted(set(messages))


def normalize(message):
    # PromQL errors carry the position inside the expression; mlmon puts it in file:line:col.
    return re.sub(r"(could not parse expression: )\d+:\d+: ", r"\1", message)


def mlmon_errors(stdout):
    return sorted({normalize(d["message"]) for d in json.loads(stdout)["diagnostics"] if d["severity"] == "error"})


def rule_files():
    files = sorted(glob.glob(os.path.join(CORPUS, "rules", "**", "*.y*ml"), recursive=True))
    files += sorted(glob.glob(os.path.join(CORPUS, "promtool-unittest", "*.yml")))
    files += [os.path.join(REPO, "rules", f) for f in ("ml-platform.rules.yml", "ml-platform.recording.yml")]
    files += sorted(glob.glob(os.path.join(REPO, "tests", "cli", "fixtures", "rules", "*.y*ml")))
    return files


def is_rule_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return re.search(r"^groups:", text, re.M) is not None or "PrometheusRule" in text


def compare_rules():
    need_corpus()
    need_mlmon()
    promtool = tool("promtool")
    diffs = Differences("rules")
    for path in rule_files():
        if not is_rule_file(path):
            continue
        name = os.path.relpath(path, CORPUS) if path.startswith(CORPUS) else os.path.relpath(path, REPO)
        p_rc, _, p_err = run([promtool, "check", "rules", "--lint=none", path])
        m_rc, m_out, m_err = run([MLMON, "check-rules", "--no-lint", "--format=json", path])
        if m_rc not in (0, 1):
            diffs.check(name, False, f"mlmon exit {m_rc}: {m_err.strip()}")
            continue
        if (p_rc == 0) != (m_rc == 0):
            diffs.check(name, False, f"promtool exit {p_rc}, mlmon exit {m_rc}; promtool said: "
                                     f"{' | '.join(promtool_errors(path, p_err)) or p_err.strip()}; "
                                     f"mlmon said: {' | '.join(mlmon_errors(m_out))}")
            continue
        if p_rc == 0:
            diffs.check(name, True, "")
            continue
        # mlmon reports every problem where promtool stops at the first stage: each of promtool's
        # messages must be among mlmon's.
        theirs = promtool_errors(path, p_err)
        ours = mlmon_errors(m_out)
        missing = [m for m in theirs if m not in ours]
        diffs.check(name, not missing, f"promtool's {missing} not among mlmon's {ours}")
    return diffs.finish()


# --- Alertmanager configs -----------------------------------------------------------------------

def alertmanager_files():
    files = sorted(glob.glob(os.path.join(CORPUS, "alertmanager", "**", "*.yml"), recursive=True))
    files += sorted(glob.glob(os.path.join(REPO, "tests", "alertmanager", "testdata", "*.yml")))
    return files


def rendered_shipped_config(scratch):
    """The repo's template, rendered as deploy/ renders it, with dummy secrets."""
    out = os.path.join(scratch, "alertmanager.yml")
    env = dict(os.environ, SLACK_WEBHOOK_URL="https://hooks.slack.com/services/T0/B0/XXXXXXXX",
               SMTP_PASSWORD="dummy", PAGERDUTY_SERVICE_KEY="dummy-key")
    subprocess.run([MLMON, "render-alertmanager", os.path.join(REPO, "rules", "alertmanager.yml.tmpl"), "-o", out],
                   env=env, capture_output=True, check=True)
    return out


def compare_alertmanager():
    need_corpus()
    need_mlmon()
    amtool = tool("amtool")
    diffs = Differences("alertmanager")
    with tempfile.TemporaryDirectory() as scratch:
        for path in alertmanager_files() + [rendered_shipped_config(scratch)]:
            name = os.path.relpath(path, CORPUS) if path.startswith(CORPUS) else os.path.basename(path)
            a_rc, a_out, a_err = run([amtool, "check-config", path])
            m_rc, _, m_err = run([MLMON, "check-alertmanager", "--no-lint", "--format=json", path])
            if m_rc not in (0, 1):
                diffs.check(name, False, f"mlmon exit {m_rc}: {m_err.strip()}")
                continue
            same = (a_rc == 0) == (m_rc == 0)
            diffs.check(name, same, f"amtool exit {a_rc} ({(a_out + a_err).strip().splitlines()[-1:]}), mlmon exit {m_rc}")
    return diffs.finish()


# --- routes -------------------------------------------------------------------------------------

# Label sets every config is asked about, plus one per `name=value` its matchers mention.
FIXED_LABEL_SETS = [
    [],
    ["severity=critical"],
    ["severity=warning"],
    ["alertname=Watchdog", "severity=none"],
    ["alertname=HighPredictionLatency", "severity=warning", "service=prediction-service"],
    ["service=foo", "severity=critical", "team=db"],
]


def label_sets_for(path):
    sets = [list(s) for s in FIXED_LABEL_SETS]
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    seen = set()
    for name, value in re.findall(r"""\b([a-zA-Z_][a-zA-Z0-9_]*)\s*[:=]\s*["']?([a-zA-Z0-9_.-]+)["']?""", text):
        if name in ("receiver", "group_wait", "group_interval", "repeat_interval", "url", "continue", "name",
                    "send_resolved", "smarthost", "api_url", "resolve_timeout", "to", "from", "html", "text",
                    "title", "channel", "service_key", "routing_key", "group_by", "matchers", "source_match",
                    "target_match", "equal", "templates", "global", "route", "routes", "receivers",
                    "inhibit_rules", "times", "weekdays", "start_time", "end_time", "location", "months",
                    "days_of_month", "years", "time_intervals", "mute_time_intervals", "active_time_intervals"):
            continue
        if (name, value) not in seen and len(seen) < 12:
            seen.add((name, value))
            sets.append([f"{name}={value}"])
    return sets


def compare_routes():
    need_corpus()
    need_mlmon()
    amtool = tool("amtool")
    diffs = Differences("routes")
    with tempfile.TemporaryDirectory() as scratch:
        for path in alertmanager_files() + [rendered_shipped_config(scratch)]:
            name = os.path.relpath(path, CORPUS) if path.startswith(CORPUS) else os.path.basename(path)
            a_rc, a_show, _ = run([amtool, "config", "routes", "show", f"--config.file={path}"])
            if a_rc != 0:
                continue  # no valid route tree: check-config's verdict covers it
            m_rc, m_show, m_err = run([MLMON, "routes", "show", path])
            diffs.check(f"{name}: routes show", (a_rc, a_show) == (m_rc, m_show),
                        f"amtool:\n{a_show}\nmlmon (exit {m_rc}):\n{m_show}{m_err}")
            for labels in label_sets_for(path):
                for tree in ([], ["--tree"]):
                    a = run([amtool, "config", "routes", "test", f"--config.file={path}", *tree, *labels])
                    m = run([MLMON, "routes", "test", path, *tree, *labels])
                    what = f"{name}: routes test {' '.join(tree + labels)}"
                    diffs.check(what, (a[0], a[1]) == (m[0], m[1]),
                                f"amtool (exit {a[0]}): {a[1]!r}; mlmon (exit {m[0]}): {m[1]!r} {m[2].strip()}")
    return diffs.finish()


# --- the shipped rule tests ---------------------------------------------------------------------

def compare_rule_tests():
    promtool = tool("promtool")
    tests = sorted(glob.glob(os.path.join(REPO, "rules", "tests", "*.yml")))
    diffs = Differences("rule-tests")
    for path in tests:
        rc, out, err = run([promtool, "test", "rules", path])
        diffs.check(os.path.relpath(path, REPO), rc == 0, f"promtool test rules failed (exit {rc}):\n{out}{err}")
    return diffs.finish()


AREAS = {"rules": compare_rules, "alertmanager": compare_alertmanager, "routes": compare_routes,
         "rule-tests": compare_rule_tests}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in AREAS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(AREAS[sys.argv[1]]())
