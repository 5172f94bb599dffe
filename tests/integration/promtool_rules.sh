#!/usr/bin/env bash
# Checks the shipped rule files, runs their unit tests and checks deploy/prometheus.yml with promtool;
# runs the unit tests with mlmon test-rules too, whose output must be promtool 3.5's byte for byte
# where that promtool is installed (scripts/reference-tools.sh).
# Exit: 0 pass, 1 failure, 77 promtool missing. MLMON: the mlmon binary (default build/apps/mlmon).
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
promtool=$(newest_tool promtool) || exit $?

cd "$rules_dir" || fail "no rules directory at $rules_dir"
rule_files=(ml-platform.recording.yml ml-platform.rules.yml)
test_files=(tests/*.yml)
[ -e "${test_files[0]}" ] || fail "no unit tests in $rules_dir/tests"

status=0
tmp=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
echo "== promtool check rules ${rule_files[*]}"
timeout 60 "$promtool" check rules "${rule_files[@]}" || status=1
echo "== promtool test rules ${test_files[*]}"
timeout 120 "$promtool" test rules "${test_files[@]}" || status=1
mlmon_bin=${MLMON:-$repo_root/build/apps/mlmon}
if [ -x "$mlmon_bin" ]; then
  echo "== mlmon test-rules ${test_files[*]}"
  timeout 120 "$mlmon_bin" test-rules "${test_files[@]}" >"$tmp/mlmon.out" 2>"$tmp/mlmon.err" || status=1
  cat "$tmp/mlmon.out" "$tmp/mlmon.err"
  promtool3=$reference_tools/bin/promtool
  if [ -x "$promtool3" ]; then
    echo "== mlmon's output against $promtool3 test rules"
    timeout 120 "$promtool3" test rules "${test_files[@]}" >"$tmp/promtool.out" 2>"$tmp/promtool.err"
    cmp -s "$tmp/mlmon.out" "$tmp/promtool.out" && cmp -s "$tmp/mlmon.err" "$tmp/promtool.err" ||
      { echo "mlmon test-rules and promtool 3 differ"; diff "$tmp/promtool.out" "$tmp/mlmon.out"; status=1; }
  else
    echo "(no promtool 3 at $promtool3: mlmon's output not compared byte for byte)"
  fi
else
  echo "(mlmon not built at $mlmon_bin: its test-rules not run)"
fi
# The stack's Prometheus config loads the same rule files through ../rules.
echo "== promtool check config deploy/prometheus.yml"
timeout 60 "$promtool" check config "$repo_root/deploy/prometheus.yml" || status=1

if [ "$status" -ne 0 ]; then
  fail "promtool reported errors (see above)"
fi
echo "PASS: rules check and unit tests"
