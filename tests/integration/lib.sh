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
