#!/usr/bin/env bash
# The reference tools mlmon is checked against: the newest promtool, prometheus, amtool and
# alertmanager that Debian packages (its unstable suite has Prometheus 3.x and the newest
# Alertmanager; bookworm's own are 2.42 and 0.25). They are Go binaries linked to libc only, so
# they run on bookworm. They are unpacked into a cache folder; nothing is installed and the
# machine's apt configuration is not touched (a private apt state under the cache is used).
#
# usage: scripts/reference-tools.sh [DIR]   (default: $MLMON_REFERENCE_TOOLS, else
#        ${XDG_CACHE_HOME:-~/.cache}/mlmon-reference-tools); REFRESH=1 fetches again.
# Prints each tool's version. Exit 0 when all four are there, 1 when they could not be fetched.
set -euo pipefail

dir=${1:-${MLMON_REFERENCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/mlmon-reference-tools}}
tools=(promtool prometheus amtool alertmanager)

have_all() {
  local t
  for t in "${tools[@]}"; do [ -x "$dir/bin/$t" ] || return 1; done
  [ -f "$dir/share/alertmanager/default.tmpl" ]
}

print_versions() {
  local t
  for t in "${tools[@]}"; do
    printf '%s: %s\n' "$t" "$("$dir/bin/$t" --version 2>&1 | head -1)"
  done
}

if [ "${REFRESH:-0}" != 1 ] && have_all; then
  print_versions
  exit 0
fi

# The Debian mirror this machine already uses (deb822 sources, or the classic list).
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 || true)
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
fi
if [ -z "$mirror" ]; then
  echo "reference-tools: no Debian mirror in this machine's apt sources; cannot fetch the reference tools" >&2
  exit 1
fi

state="$dir/apt-state"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" "$state"' EXIT
mkdir -p "$dir/bin" "$state/lists/partial" "$state/cache/archives/partial"
echo "deb $mirror sid main" > "$state/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$state/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o "APT::Sandbox::User=root"
          -o "Debug::NoLocking=1")

echo "reference-tools: fetching promtool, prometheus, prometheus-alertmanager from Debian unstable into $dir" >&2
if ! apt-get "${apt_opts[@]}" -qq update >&2 ||
   ! (cd "$scratch" && apt-get "${apt_opts[@]}" -qq download promtool prometheus prometheus-alertmanager >&2); then
  echo "reference-tools: the download failed; the tests that need these tools will be skipped" >&2
  exit 1
fi
for deb in "$scratch"/*.deb; do dpkg-deb -x "$deb" "$scratch/root"; done
install -m 0755 "$scratch/root/usr/bin/promtool" "$scratch/root/usr/bin/prometheus" "$scratch/root/usr/bin/amtool" "$dir/bin/"
# Debian names the server prometheus-alertmanager.
install -m 0755 "$scratch/root/usr/bin/prometheus-alertmanager" "$dir/bin/alertmanager"
# Debian's alertmanager reads its default notification templates from /usr/share, where bookworm's
# package has 0.25's; the 0.33 ones are kept here for a config to load (see the live test).
mkdir -p "$dir/share/alertmanager"
install -m 0644 "$scratch/root/usr/share/prometheus/alertmanager/"*.tmpl "$dir/share/alertmanager/"
print_versions
