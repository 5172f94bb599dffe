#!/usr/bin/env python3
"""The machine-readable output formats, read back by what reads them: SARIF through a JSON-schema
validator (Debian's python3-jsonschema) against what GitHub code scanning requires, plus the rule
indexes; JUnit through an XML parser; Code Climate as GitLab's required keys. Each on the findings
of a fixture with errors, warnings and a whole-file finding, from every checking command.
Exit 0 valid, 1 invalid, 77 skipped (python3-jsonschema missing)."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:
    # Debian's python3-jsonschema belongs to Debian's python3, which may not be the first in PATH.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("SKIP: python3-jsonschema is not installed (scripts/install-deps.sh --with-test-tools installs it)")
    sys.exit(77)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MLMON = os.environ.get("MLMON", os.path.join(REPO, "build", "apps", "mlmon"))
SCHEMA = json.load(open(os.path.join(os.path.dirname(__file__), "sarif-code-scanning.schema.json")))
FIXTURES = os.path.join(REPO, "tests", "cli", "fixtures", "rules")
RUNS = [
    ["check-rules", os.path.join(FIXTURES, "schema.yml"), os.path.join(FIXTURES, "lint.yml")],
    ["check-dashboards", os.path.join(REPO, "dashboards", "ml_metrics.json"), os.path.join(REPO, "README.md")],
    ["check", REPO, "--no-thresholds"],
    ["test-rules", os.path.join(REPO, "tests", "ruletest", "promtool-cases", "alert-states", "test.yml")],
]
failures = []


def output(args, fmt):
    p = subprocess.run([MLMON, *args, f"--format={fmt}"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        failures.append(f"{args} --format={fmt}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


for args in RUNS:
    sarif = json.loads(output(args, "sarif"))
    try:
        jsonschema.validate(sarif, SCHEMA)
    except jsonschema.ValidationError as e:
        failures.append(f"{args} sarif: {e.message} at {list(e.absolute_path)}")
    for run in sarif["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for result in run["results"]:
            if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                failures.append(f"{args} sarif: ruleIndex {result['ruleIndex']} is not {result['ruleId']}")
    junit = ET.fromstring(output(args, "junit"))
    # promtool's JUnit (test-rules) counts per testsuite only; mlmon's also on the root.
    declared = int(junit.get("tests")) if junit.get("tests") is not None else \
        sum(int(suite.get("tests")) for suite in junit.iter("testsuite"))
    if junit.tag != "testsuites" or declared != sum(1 for _ in junit.iter("testcase")):
        failures.append(f"{args} junit: the tests count does not match the testcases")
    for issue in json.loads(output(args, "codeclimate")):
        for key in ("description", "check_name", "fingerprint", "severity", "location"):
            if key not in issue:
                failures.append(f"{args} codeclimate: an issue without {key}")
        if issue["severity"] not in ("info", "minor", "major", "critical", "blocker"):
            failures.append(f"{args} codeclimate: severity {issue['severity']}")

for f in failures:
    print("FAIL:", f)
print(f"{len(RUNS)} commands x 3 formats: {'ok' if not failures else str(len(failures)) + ' problems'}")
sys.exit(1 if failures else 0)
