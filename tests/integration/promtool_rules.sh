#!/usr/bin/env bash
# Checks the shipped rule files, runs their unit tests and checks deploy/prometheus.yml with promtool.
# Exit: 0 pass, 1 failure, 77 promtool missing.
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
promtool=$(newest_tool promtool) || exit $?

cd "$rules_dir" || fail "no rules directory at $rules_dir"
rule_files=(ml-platform.recording.yml ml-platform.rules.yml)
test_files=(tests/*.yml)
[ -e "${test_files[0]}" ] || fail "no unit tests in $rules_dir/tests"

status=0
echo "== promtool check rules ${rule_files[*]}"
timeout 60 "$promtool" check rules "${rule_files[@]}" || status=1
echo "== promtool test rules ${test_files[*]}"
timeout 120 "$promtool" test rules "${test_files[@]}" || status=1
# The stack's Prometheus config loads the same rule files through ../rules.
echo "== promtool check config deploy/prometheus.yml"
timeout 60 "$promtool" check config "$repo_root/deploy/prometheus.yml" || status=1

if [ "$status" -ne 0 ]; then
  fail "promtool reported errors (see above)"
fi
echo "PASS: rules check and unit tests"
