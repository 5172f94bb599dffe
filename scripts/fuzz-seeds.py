#!/usr/bin/env python3
"""Writes each expression of the corpus's valid-expressions.jsonl to a file of its own in DIR,
the seed corpus for the PromQL parser fuzzer. Existing files (earlier findings) are kept."""
import hashlib
import json
import pathlib
import sys

if len(sys.argv) != 3:
    sys.exit("usage: fuzz-seeds.py VALID_EXPRESSIONS_JSONL DIR")
source, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
written = 0
with source.open(encoding="utf-8") as lines:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            expr = json.loads(line).get("expr")
        except (ValueError, AttributeError):
            expr = None
        if not isinstance(expr, str):
            sys.exit(f"{source}:{number}: not a JSON object with an 'expr' string")
        data = expr.encode("utf-8")
        # Named like libFuzzer's own corpus files, so reruns do not duplicate seeds.
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        written += 1
print(f"{written} seed expressions in {out}")
