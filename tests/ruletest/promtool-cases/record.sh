#!/usr/bin/env bash
# Records what promtool printed for each case here: promtool.stdout, promtool.stderr, promtool.rc,
# and its JUnit report, promtool.junit.xml.
# Run with promtool 3.5 (scripts/reference-tools.sh fetches it): record.sh [PROMTOOL].
# `args` holds mlmon test-rules' flags for the case; --compat (mlmon only) is left out for promtool.
set -euo pipefail
promtool=${1:-${MLMON_REFERENCE_TOOLS:-$HOME/.cache/mlmon-reference-tools}/bin/promtool}
cd "$(dirname "$0")"
for dir in */; do
  dir=${dir%/}
  read -r -a args < <(sed 's/--compat//' "$dir/args")
  (cd "$dir" && { "$promtool" test --junit=promtool.junit.xml rules "${args[@]}" test.yml >promtool.stdout 2>promtool.stderr; echo $? >promtool.rc; } || true)
  echo "$dir: exit $(cat "$dir/promtool.rc")"
done
