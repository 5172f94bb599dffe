#!/usr/bin/env bash
# clang-format (Debian's clang-format-19, pinned: another version formats some lines otherwise)
# with .clang-format, over every C++ file in git. usage: scripts/format.sh [--check]
# Without --check the files are rewritten in place; with it nothing is written, the files that
# differ are listed, and the exit code is 1 when there is one. Exit 2: clang-format-19 is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  "" | --check) ;;
  *) echo "format.sh: unknown option '$1' (usage: scripts/format.sh [--check])" >&2; exit 2 ;;
esac
format=$(command -v clang-format-19 || true)
[ -n "$format" ] || { echo "format.sh: clang-format-19 not found (scripts/install-deps.sh --with-test-tools installs it)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
[ ${#files[@]} -gt 0 ] || { echo "format.sh: no C++ files in git here" >&2; exit 2; }
if [ "${1:-}" != --check ]; then
  printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 16 "$format" -i --style=file
  exit 0
fi
# Each file formatted to a pipe and compared, in parallel; the ones that differ are printed.
export format
mapfile -t unformatted < <(printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -I{} sh -c '"$format" --style=file "$1" | cmp -s - "$1" || echo "$1"' sh {} | sort)
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "format.sh: ${#unformatted[@]} of ${#files[@]} files are not formatted as .clang-format says (run: make format):"
  printf '  %s\n' "${unformatted[@]}"
  exit 1
fi
echo "format.sh: ${#files[@]} files formatted"
