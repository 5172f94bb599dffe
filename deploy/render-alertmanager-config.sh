#!/bin/sh
# Render an Alertmanager config template: Alertmanager itself never expands environment variables.
#   ${VAR}            required: fails when VAR is unset or empty
#   ${VAR:-default}   optional: default when VAR is unset or empty
# Usage: render-alertmanager-config.sh TEMPLATE OUTPUT
# POSIX sh and sed only, so it also runs inside the busybox-based prom/alertmanager image.
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: $0 TEMPLATE OUTPUT" >&2
  exit 2
fi
template=$1
output=$2
[ -r "$template" ] || { echo "$0: cannot read template '$template'" >&2; exit 1; }

# Escape a value for the replacement side of a sed s||| command.
sed_escape() {
  printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

script=$(mktemp)
trap 'rm -f "$script" "$output.tmp"' EXIT
: >"$script"
missing=""
# Every ${NAME} and ${NAME:-...} reference in the template (comments included, which is harmless).
for name in $(grep -o '\${[A-Za-z_][A-Za-z0-9_]*' "$template" | sed 's/^\${//' | sort -u); do
  eval "value=\${$name-}"
  case $value in
    *'
'*) echo "$0: $name contains a newline, which a config value cannot hold" >&2; exit 1 ;;
  esac
  if [ -n "$value" ]; then
    escaped=$(sed_escape "$value")
    printf 's|\\${%s}|%s|g\ns|\\${%s:-[^}]*}|%s|g\n' "$name" "$escaped" "$name" "$escaped" >>"$script"
  else
    printf 's|\\${%s:-\\([^}]*\\)}|\\1|g\n' "$name" >>"$script"
    # A required reference without a value is an error (checked after substitution).
    if grep -v '^[[:space:]]*#' "$template" | grep -q "\${$name}"; then
      missing="$missing $name"
    fi
  fi
done
if [ -n "$missing" ]; then
  echo "$0: required variables not set:$missing" >&2
  exit 1
fi

# Comment lines keep their ${...} text; only values are substituted.
sed -e '/^[[:space:]]*#/b' -f "$script" "$template" >"$output.tmp"
if grep -v '^[[:space:]]*#' "$output.tmp" | grep -q '\${'; then
  echo "$0: unsubstituted reference left in $output:" >&2
  grep -n '\${' "$output.tmp" | grep -v '^[0-9]*:[[:space:]]*#' >&2
  exit 1
fi
mv "$output.tmp" "$output"
