#!/usr/bin/env bash
# The style gates as tests: `format` (every C++ file as .clang-format says) and `tidy` (the
# curated .clang-tidy checks on every C++ file of lib/ and apps/). Skipped (77) where the pinned
# clang tools or git are missing, e.g. a machine set up with `make deps` only.
# usage: tests/style/run.sh format|tidy BUILD_DIR
set -uo pipefail
cd "$(dirname "$0")/../.."
what=$1
build_dir=$2
tool=clang-format-19
[ "$what" = tidy ] && tool=clang-tidy-19
command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (scripts/install-deps.sh --with-test-tools)"; exit 77; }
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "SKIP: not a git checkout"; exit 77; }
case "$what" in
  format) exec scripts/format.sh --check ;;
  tidy) BUILD_DIR=$build_dir exec scripts/tidy.sh --all ;;
  *) echo "run.sh: unknown gate '$what' (format or tidy)" >&2; exit 2 ;;
esac
