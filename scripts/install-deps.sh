#!/usr/bin/env bash
# Installs the Debian packages mlmon needs, only those missing; does nothing when all are present.
# Runs apt-get as root, or through sudo; otherwise prints the exact command to run.
set -euo pipefail

build_pkgs=(g++ cmake make pkg-config libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev
            doctest-dev libcurl4-openssl-dev libcpp-httplib-dev libre2-dev libssl-dev)
# Oracles and real servers for the integration tests; optional for `make run`.
test_pkgs=(prometheus prometheus-alertmanager curl jq python3 python3-jsonschema zsh fish pre-commit git
           dpkg-dev debootstrap clang-format-19 clang-tidy-19)
# clang 19 (the libraries use std::expected, which bookworm's clang 14 lacks) and libFuzzer in
# libclang-rt; python3 writes the seed corpora.
fuzz_pkgs=(clang-19 libclang-rt-19-dev python3)
# make deb computes the package's dependencies with dpkg-shlibdeps; make deb-test installs it into
# a fresh Debian root.
packaging_pkgs=(dpkg-dev debootstrap)

want=("${build_pkgs[@]}")
for arg in "$@"; do
  case "$arg" in
    --with-test-tools) want+=("${test_pkgs[@]}") ;;
    --with-fuzz-tools) want+=("${fuzz_pkgs[@]}") ;;
    --with-packaging-tools) want+=("${packaging_pkgs[@]}") ;;
    *) echo "install-deps.sh: unknown option '$arg' (expected --with-test-tools, --with-fuzz-tools or --with-packaging-tools)" >&2
       exit 2 ;;
  esac
done

with_test_tools=0
for arg in "$@"; do [ "$arg" = --with-test-tools ] && with_test_tools=1; done

# The newest promtool/prometheus/amtool/alertmanager (Debian unstable) into a cache folder, beside
# bookworm's packages: the targets mlmon is compared with. A failed download is not fatal: the
# tests that need them are reported as skipped.
fetch_reference_tools() {
  [ "$with_test_tools" = 1 ] || return 0
  "$(dirname "$0")/reference-tools.sh" >&2 ||
    echo "install-deps.sh: the reference tools (Prometheus 3.x, Alertmanager 0.33) are not available" >&2
}

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  fetch_reference_tools
  exit 0
fi

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then sudo_cmd=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo)
else
  echo "mlmon needs these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo ${cmd[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >&2
"${sudo_cmd[@]}" "${cmd[@]}" >&2
fetch_reference_tools
