#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml through Debian's pre-commit: `pre-commit try-repo` on a
# scratch git repository with a broken rule file fails, and passes once the file is fixed.
# Exit: 0 pass, 1 failure, 77 pre-commit, git or the mlmon binary missing.
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_tool pre-commit "install the Debian package 'pre-commit'"
require_tool git "install the Debian package 'git'"
mlmon_bin=${MLMON:-$repo_root/build/apps/mlmon}
[ -x "$mlmon_bin" ] || skip "mlmon not built at $mlmon_bin (make build, or set MLMON)"

work=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
# The hooks run `mlmon` from PATH (language: system), as after `make install`.
mkdir -p "$work/bin"
ln -s "$(cd "$(dirname "$mlmon_bin")" && pwd)/$(basename "$mlmon_bin")" "$work/bin/mlmon"
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/pre-commit-home" GIT_CONFIG_NOSYSTEM=1 HOME="$work"
git config --global user.email test@example.invalid
git config --global user.name test
git config --global init.defaultBranch main

repo="$work/project"
mkdir -p "$repo/rules"
git -C "$repo" init -q
cat >"$repo/rules/api.yml" <<'YAML'
groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == (
        for: 5m
        labels: {severity: critical}
        annotations: {summary: down, description: the api is down}
YAML
echo 'services: {web: {image: nginx}}' >"$repo/docker-compose.yml"
git -C "$repo" add -A

status=0
run_hook() { # run_hook HOOK: prints pre-commit's output, returns its exit status
  (cd "$repo" && pre-commit try-repo "$repo_root" "$1" --all-files --color never) >"$work/out" 2>&1
  local rc=$?
  cat "$work/out"
  return $rc
}
echo "== broken rule file: mlmon-check-rules must fail"
if run_hook mlmon-check-rules; then
  echo "FAIL: the hook passed on a broken rule file" >&2
  status=1
elif ! grep -q 'rules/api.yml:5:33: error: group "api", rule 1, "ApiDown": could not parse expression: parse error: unclosed left parenthesis' "$work/out"; then
  echo "FAIL: the hook failed without mlmon's finding" >&2
  status=1
fi
echo "== fixed: it passes (and the compose file is skipped, not checked as a rule file)"
sed -i 's/== (/== 0/' "$repo/rules/api.yml"
git -C "$repo" add -A
run_hook mlmon-check-rules || { echo "FAIL: the hook failed on a valid rule file" >&2; status=1; }
echo "== the whole-project hook"
run_hook mlmon-check || { echo "FAIL: mlmon-check failed on a valid project" >&2; status=1; }
[ $status -eq 0 ] && echo "PASS: pre-commit hooks"
exit $status
