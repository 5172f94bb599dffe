#!/usr/bin/env python3
"""Seed corpora for the fuzzers, one file per seed in DIR, named by content (as libFuzzer names its
own), so reruns add nothing twice; existing files (earlier findings) are kept.

  fuzz-seeds.py VALID_EXPRESSIONS_JSONL DIR       each expression of the corpus's jsonl (PromQL)
  fuzz-seeds.py --files EXTS DIR PATH...          each file under PATH ending in one of EXTS
                                                  (comma-separated, e.g. .yml,.yaml), up to 64 KB
  fuzz-seeds.py --matchers DIR PATH...            each label matcher of the Alertmanager configs
                                                  under PATH (matchers, source_/target_matchers)
  fuzz-seeds.py --templates DIR PATH...           each value holding a Go template ({{ ... }}) in
                                                  the YAML files under PATH, and each *.tmpl file
  fuzz-seeds.py --rule-files DIR PATH...          each rule file (YAML with `groups:`) under PATH,
                                                  up to 64 KB, after a byte set-threshold's target
                                                  reads as its choice of value and threshold
"""
import hashlib
import json
import pathlib
import re
import sys

MAX_SEED_BYTES = 64 * 1024


def write_seeds(out, seeds):
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for data in seeds:
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        written += 1
    return written


def files_under(paths, exts):
    for path in map(pathlib.Path, paths):
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in candidates:
            if file.name.endswith(tuple(exts)):
                yield file


def expressions(source):
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
            yield expr.encode("utf-8")


def unquote(item):
    item = item.strip()
    if len(item) >= 2 and item[0] == item[-1] and item[0] in "'\"":
        inner = item[1:-1]
        return inner.replace("''", "'") if item[0] == "'" else inner.replace('\\"', '"').replace("\\\\", "\\")
    return item


MATCHER_KEY = re.compile(r"^(\s*-?\s*)(?:source_|target_)?matchers:\s*(.*)$")


def matchers(paths):
    """Items of `matchers:` lists, flow (`[a="b", 'c=~"d"']`) or block (`- a="b"`)."""
    for file in files_under(paths, (".yml", ".yaml")):
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        for i, line in enumerate(lines):
            m = MATCHER_KEY.match(line)
            if not m:
                continue
            rest = m.group(2).split(" #")[0].strip()
            if rest.startswith("[") and rest.endswith("]"):
                # Split on commas outside quotes.
                for item in re.findall(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^,\[\]]+""", rest[1:-1]):
                    if item.strip():
                        yield unquote(item).encode("utf-8")
            elif not rest:
                for item_line in lines[i + 1:]:
                    item = re.match(r"^\s*-\s+(.*)$", item_line)
                    if not item:
                        break
                    yield unquote(item.group(1).split(" #")[0]).encode("utf-8")


TEMPLATE_VALUE = re.compile(r"^\s*(?:-\s+)?[\w.-]+:\s+(.*\{\{.*)$")


def templates(paths):
    for file in files_under(paths, (".yml", ".yaml", ".tmpl")):
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.name.endswith(".tmpl"):
            if len(text.encode("utf-8")) <= MAX_SEED_BYTES:
                yield text.encode("utf-8")
            continue
        for line in text.splitlines():
            m = TEMPLATE_VALUE.match(line)
            if m:
                yield unquote(m.group(1)).encode("utf-8")


def rule_files(paths):
    for file in files_under(paths, (".yml", ".yaml")):
        data = file.read_bytes()
        if len(data) < MAX_SEED_BYTES and re.search(rb"^\s*groups:", data, re.MULTILINE):
            for choice in (0, 1, 17):
                yield bytes([choice]) + data


def main(argv):
    if len(argv) == 2 and not argv[0].startswith("--"):
        source, out = pathlib.Path(argv[0]), pathlib.Path(argv[1])
        n = write_seeds(out, expressions(source))
        print(f"{n} seed expressions in {out}")
    elif len(argv) >= 3 and argv[0] == "--files" and len(argv) >= 4:
        exts = argv[1].split(",")
        out = pathlib.Path(argv[2])
        seeds = (f.read_bytes() for f in files_under(argv[3:], exts) if f.stat().st_size <= MAX_SEED_BYTES)
        print(f"{write_seeds(out, seeds)} seed files in {out}")
    elif len(argv) >= 3 and argv[0] == "--matchers":
        out = pathlib.Path(argv[1])
        print(f"{write_seeds(out, matchers(argv[2:]))} seed matchers in {out}")
    elif len(argv) >= 3 and argv[0] == "--templates":
        out = pathlib.Path(argv[1])
        print(f"{write_seeds(out, templates(argv[2:]))} seed templates in {out}")
    elif len(argv) >= 3 and argv[0] == "--rule-files":
        out = pathlib.Path(argv[1])
        print(f"{write_seeds(out, rule_files(argv[2:]))} seed rule files in {out}")
    else:
        sys.exit(__doc__.strip())


if __name__ == "__main__":
    main(sys.argv[1:])
