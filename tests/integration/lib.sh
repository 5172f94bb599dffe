# shellcheck shell=bash
# Shared helpers for the integration scripts (sourced, not run).
# Exit status 77 means "skipped" to ctest (SKIP_RETURN_CODE) and to automake-style runners.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rules_dir="$repo_root/rules"

skip() {
  echo "SKIP: $*"
  exit 77
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || skip "$1 not found in PATH ($2)"
}

# The tools mlmon targets: the newest promtool/prometheus/amtool/alertmanager Debian packages
# (Prometheus 3.x, Alertmanager 0.33), which scripts/reference-tools.sh unpacks into a cache folder.
reference_tools=${MLMON_REFERENCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/mlmon-reference-tools}

# newest_tool NAME [PATH NAMES...]: the reference build of NAME when it was fetched, else the first
# of the PATH names found (bookworm's packages: Prometheus 2.42, Alertmanager 0.25); prints the
# path, and which version runs on stderr; skips when there is none.
newest_tool() {
  local name=$1 path=""
  shift
  if [ -x "$reference_tools/bin/$name" ]; then
    path="$reference_tools/bin/$name"
  else
    local candidate
    for candidate in "$name" "$@"; do
      path=$(command -v "$candidate" 2>/dev/null) && break
      path=""
    done
    [ -n "$path" ] || skip "$name not found: neither in $reference_tools/bin (scripts/reference-tools.sh) nor in PATH" >&2
    echo "NOTE: $name from PATH, not the reference build (run scripts/reference-tools.sh for Prometheus 3.x / Alertmanager 0.33)" >&2
  fi
  echo "using $("$path" --version 2>&1 | head -1)" >&2
  echo "$path"
}

# A TCP port that was free a moment ago on 127.0.0.1 (the kernel picks it).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Render rules/alertmanager.yml.tmpl with dummy secrets into $1; $2 is the PagerDuty key
# (empty: leave it unset and use the template's default).
render_alertmanager_config() {
  SLACK_WEBHOOK_URL='https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' \
  SMTP_PASSWORD='dummy-smtp-password' \
  PAGERDUTY_SERVICE_KEY="${2:-}" \
    "$repo_root/deploy/render-alertmanager-config.sh" "$rules_dir/alertmanager.yml.tmpl" "$1"
}

# --- Processes on loopback -----------------------------------------------------------------------
readonly startup_timeout=30 # seconds, per process
pids=()

# A scratch directory in $work; on exit every pid in $pids is stopped (TERM, KILL after 5 s) and
# $work removed. Proxy variables are unset: the traffic stays on 127.0.0.1, unseen and unrouted.
start_process_scope() {
  unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY no_proxy NO_PROXY
  work=$(mktemp -d) || fail "cannot create a temporary directory"
  trap stop_processes EXIT
  trap 'exit 1' INT TERM
}

stop_processes() {
  local pid i
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}

# add_reference_templates CONFIG ALERTMANAGER_BIN: Debian's alertmanager reads its default
# notification templates from /usr/share/prometheus/alertmanager, where bookworm has 0.25's; the
# reference 0.33 binary needs its own (0.25's lack slack.default.color, and a Slack message then
# goes out without channel or username). Loads them through the config's `templates:`.
add_reference_templates() {
  local config=$1 bin=$2
  case "$bin" in "$reference_tools"/*) ;; *) return 0 ;; esac
  [ -f "$reference_tools/share/alertmanager/default.tmpl" ] ||
    fail "$reference_tools/share/alertmanager/default.tmpl missing: run scripts/reference-tools.sh with REFRESH=1"
  grep -q '^templates:' "$config" && fail "$config has templates: already; add_reference_templates would clash"
  printf "templates:\n  - '%s'\n" "$reference_tools/share/alertmanager/default.tmpl" >>"$config"
}

# GET a URL quietly; prints the body.
http_get() {
  curl --silent --show-error --fail --noproxy '*' --max-time 5 "$1"
}

# wait_ready NAME PID URL LOG: polls URL until it answers 200, the process dies, or the timeout.
wait_ready() {
  local name=$1 pid=$2 url=$3 log=$4 deadline=$((SECONDS + startup_timeout))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "--- $name log ---" >&2
      tail -n 30 "$log" >&2
      fail "$name exited during startup"
    fi
    if curl --silent --fail --noproxy '*' --max-time 2 --output /dev/null "$url"; then
      echo "$name ready at ${url%/-/ready}"
      return 0
    fi
    sleep 0.5
  done
  echo "--- $name log ---" >&2
  tail -n 30 "$log" >&2
  fail "$name not ready after ${startup_timeout}s"
}
