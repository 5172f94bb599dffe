#!/usr/bin/env bash
# Installs the .deb `make deb` built into a fresh Debian 12 root (debootstrap, minbase), with apt
# resolving its dependencies from the machine's own Debian mirror, then runs `mlmon --version` and
# `mlmon check` on a copy of the shipped config inside it. Needs root (chroot).
# usage: scripts/deb-test.sh BUILD_DIR. Exit: 0 pass, 1 failure, 77 cannot build a root here.
set -uo pipefail
build_dir=${1:?usage: deb-test.sh BUILD_DIR}
repo_root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls -t "$build_dir"/mlmon_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL: no mlmon_*.deb in $build_dir (run make deb)"; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root for debootstrap and chroot"; exit 77; }
command -v debootstrap >/dev/null || { echo "SKIP: debootstrap not installed (install-deps.sh --with-packaging-tools)"; exit 77; }

mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
root=$(mktemp -d)
cleanup() {
  for m in proc dev/pts dev; do umount "$root/$m" 2>/dev/null; done
  rm -rf "$root"
}
trap cleanup EXIT

echo "== debootstrap bookworm (minbase) from $mirror into $root"
if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1; then
  tail -5 "$root.log"
  rm -f "$root.log"
  echo "SKIP: debootstrap could not build a Debian 12 root here (mirror unreachable?)"
  exit 77
fi
rm -f "$root.log"
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/mlmon.deb"
mkdir -p "$root/tmp/project"
cp -r "$repo_root/rules" "$repo_root/dashboards" "$repo_root/deploy" "$repo_root/.mlmon.yml" "$root/tmp/project/"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
echo "== apt install ./mlmon.deb (its dependencies from the mirror)"
in_root apt-get update -qq || { echo "SKIP: apt in the new root cannot reach the mirror"; exit 77; }
in_root apt-get install -y -qq --no-install-recommends /tmp/mlmon.deb || { echo "FAIL: the .deb does not install"; exit 1; }
echo "== Depends/Recommends"
in_root dpkg-query -W -f='Depends: ${Depends}\nRecommends: ${Recommends}\n' mlmon

status=0
echo "== mlmon --version"
version=$(in_root mlmon --version) || status=1
echo "$version"
[[ $version == "mlmon "* ]] || { echo "FAIL: mlmon --version printed '$version'"; status=1; }
echo "== mlmon check (the shipped config)"
(cd "$root/tmp/project" && chroot "$root" /bin/sh -c 'cd /tmp/project && mlmon check --no-thresholds .') || {
  echo "FAIL: mlmon check on the shipped config"
  status=1
}
echo "== man page and completion installed"
for f in /usr/share/man/man1/mlmon.1.gz /usr/share/man/man1/mlmon-check.1.gz \
         /usr/share/bash-completion/completions/mlmon /usr/share/fish/vendor_completions.d/mlmon.fish; do
  [ -e "$root$f" ] || { echo "FAIL: $f missing"; status=1; }
done
[ $status -eq 0 ] && echo "PASS: the .deb installs on a fresh Debian 12 root and mlmon runs"
exit $status
