#!/usr/bin/env bash
# Drives `mlmon completion bash` as bash does (COMP_WORDS, COMP_CWORD, complete -F); the zsh and
# fish scripts are syntax-checked by their shells where those are installed (a note says when not).
# Exit: 0 pass, 1 failure. MLMON: the binary.
set -uo pipefail
mlmon=${MLMON:?set MLMON to the mlmon binary}
script=$(mktemp)
trap 'rm -f "$script"' EXIT
"$mlmon" completion bash >"$script" || { echo "FAIL: mlmon completion bash"; exit 1; }
# shellcheck disable=SC1090
source "$script"
status=0

# expect "WORDS..." "EXPECTED COMPLETIONS": the last word is the one being completed.
expect() {
  local want=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _mlmon
  local got="${COMPREPLY[*]}"
  if [ "$got" != "$want" ]; then
    echo "FAIL: [$*] completed to [$got], expected [$want]"
    status=1
  else
    echo "ok: [$*] -> [$got]"
  fi
}

[ "$(complete -p mlmon)" = "complete -o filenames -F _mlmon mlmon" ] || { echo "FAIL: complete -p mlmon"; status=1; }
expect "check checks check-alertmanager check-dashboards check-rules" mlmon ch
expect "show test" mlmon routes ""
expect "--format" mlmon check --fo
expect "text json github sarif junit codeclimate" mlmon check --format ""
expect "sarif" mlmon check --format = sa          # bash splits --format=sa at the =
expect "--format=sarif" mlmon check --format=sa   # a shell that does not
expect "alerts/for" mlmon checks alerts/f
expect "promql-duration-expr" mlmon check-rules --enable-feature promql-d
expect "json" mlmon promql check --format j
expect "bash" mlmon completion ba
cd "$(dirname "$0")/../.." || exit 1
expect "rules/ml-platform.recording.yml rules/ml-platform.rules.yml" mlmon check-rules rules/ml
for shell in zsh fish; do
  if command -v "$shell" >/dev/null 2>&1; then
    if "$mlmon" completion "$shell" | "$shell" -n; then echo "ok: $shell -n accepts the $shell script"
    else echo "FAIL: $shell -n rejects the $shell script"; status=1; fi
  else
    echo "NOTE: $shell not installed: its script was not syntax-checked"
  fi
done
exit $status
