#!/usr/bin/env python3
"""Runs the commands of docs/ci.md's recipes (GitHub Actions `run:` steps, GitLab `script:` lines,
the plain shell script) in a copy of this repository's config, with mlmon on PATH: on the shipped
config they pass and write reports that parse; with a broken rule file they fail, and the reports
are still written. Installation steps (apt-get) are left out: the binary under test is used.
Exit 0 pass, 1 failure, 77 mlmon not built."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MLMON = os.environ.get("MLMON", os.path.join(REPO, "build", "apps", "mlmon"))
if not os.access(MLMON, os.X_OK):
    print(f"SKIP: mlmon not built at {MLMON}")
    sys.exit(77)

doc = open(os.path.join(REPO, "docs", "ci.md")).read()
blocks = re.findall(r"^## (.+?)\n.*?```(\w+)\n(.*?)```", doc, re.S | re.M)
recipes = {}
for title, lang, body in blocks:
    if title.startswith("GitHub"):
        # Each step: (command, runs after a failed step?), as `if: always()` says.
        steps = []
        for step in re.split(r"\n      - ", body):
            m = re.search(r"^\s*run: (.*)$", step, re.M)
            if m and "apt-get" not in m.group(1):
                steps.append((m.group(1), "if: always()" in step))
        recipes["github"] = steps
    elif title.startswith("GitLab"):
        script = body.split("  script:\n", 1)[1].split("\n  artifacts:", 1)[0]
        recipes["gitlab"] = "\n".join(re.findall(r"^    - (.*)$", script, re.M))
    elif title.startswith("Plain shell"):
        recipes["shell"] = body
assert set(recipes) == {"github", "gitlab", "shell"}, f"docs/ci.md lost a recipe: {sorted(recipes)}"

failures = []


def project(broken):
    root = tempfile.mkdtemp()
    for sub in ("rules", "dashboards", "deploy"):
        shutil.copytree(os.path.join(REPO, sub), os.path.join(root, sub))
    shutil.copy(os.path.join(REPO, ".mlmon.yml"), root)
    if broken:
        path = os.path.join(root, "rules", "ml-platform.rules.yml")
        text = open(path).read().replace("for: 5m", "for: 5 minutes", 1)
        open(path, "w").write(text)
    return root


def run(name, script, broken):
    root = project(broken)
    bindir = tempfile.mkdtemp()
    os.symlink(os.path.abspath(MLMON), os.path.join(bindir, "mlmon"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
    # GitHub runs each `run:` step in its own `bash -e`, the later ones only after success unless
    # `if: always()`; the other CIs run one script.
    steps = script if isinstance(script, list) else [(script, False)]
    returncode, output = 0, ""
    for command, always in steps:
        if returncode != 0 and not always:
            continue
        p = subprocess.run(["bash", "-e", "-c", command], cwd=root, env=env, capture_output=True, text=True,
                           timeout=120)
        output += p.stdout + p.stderr
        returncode = returncode or p.returncode
    ok = (returncode != 0) if broken else (returncode == 0)
    if not ok:
        failures.append(f"{name} ({'broken' if broken else 'shipped'} config): exit {returncode}\n{output}")
    script = "\n".join(c for c, _ in steps)
    for report, check in (("mlmon.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
                          (".reports/gl-code-quality.json", lambda t: isinstance(json.loads(t), list)),
                          (".reports/mlmon-junit.xml", lambda t: ET.fromstring(t).tag == "testsuites")):
        path = os.path.join(root, report)
        if report in script and not (os.path.exists(path) and check(open(path).read())):
            failures.append(f"{name}: {report} missing or unreadable ({'broken' if broken else 'shipped'} config)")
    if broken and name == "gitlab":
        issues = json.load(open(os.path.join(root, ".reports", "gl-code-quality.json")))
        if not any(i["check_name"] == "rules/duration" for i in issues):
            failures.append("gitlab: the Code Quality report lacks the broken duration")
    print(f"{name}: {'broken' if broken else 'shipped'} config -> exit {returncode}")
    shutil.rmtree(root)
    shutil.rmtree(bindir)


for name, script in sorted(recipes.items()):
    run(name, script, broken=False)
    run(name, script, broken=True)
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
