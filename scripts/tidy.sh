#!/usr/bin/env bash
# clang-tidy with the checks of .clang-tidy, on the C++ files changed since BASE (default: all
# files with --all; else since the merge base with origin/main when there is one, else HEAD~1).
# clang-tidy 19 (Debian's clang-tidy-19): bookworm's clang-tidy 14 cannot read libstdc++ 12's
# <expected>. The compilation database is the Release build's, with GCC-only flags left out.
# usage: scripts/tidy.sh [--all | BASE] (BUILD_DIR, default build). Exit 0 clean, 1 findings,
# 2 tool or compilation database missing.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
tidy=$(command -v clang-tidy-19 || true)
[ -n "$tidy" ] || { echo "tidy.sh: clang-tidy-19 not found (scripts/install-deps.sh --with-test-tools installs it)" >&2; exit 2; }
[ -f "$build_dir/compile_commands.json" ] || { echo "tidy.sh: no $build_dir/compile_commands.json (configure first: make build)" >&2; exit 2; }

if [ "${1:-}" = --all ]; then
  mapfile -t files < <(git ls-files 'lib/*.cpp' 'apps/*.cpp')
else
  base=${1:-$(git merge-base HEAD origin/main 2>/dev/null || git rev-parse HEAD~1 2>/dev/null || echo HEAD)}
  git rev-parse --verify -q "$base^{commit}" >/dev/null ||
    { echo "tidy.sh: '$base' is not a revision (usage: scripts/tidy.sh [--all | BASE])" >&2; exit 2; }
  mapfile -t files < <(git diff --name-only --diff-filter=d "$base" -- 'lib/*.cpp' 'apps/*.cpp')
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "tidy.sh: no C++ file of lib/ or apps/ changed"
  exit 0
fi
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
sed -e 's/-Wno-restrict//g' "$build_dir/compile_commands.json" >"$db/compile_commands.json"
echo "tidy.sh: ${#files[@]} files"
# libstdc++ 12 calls get_temporary_buffer in C++23 mode, which clang marks deprecated: not ours.
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 "$tidy" -p "$db" --quiet --extra-arg=-Wno-deprecated-declarations ||
  { echo "tidy.sh: clang-tidy found the problems above (checks: .clang-tidy)"; exit 1; }
