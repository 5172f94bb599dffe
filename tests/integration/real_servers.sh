#!/usr/bin/env bash
# Starts a real Prometheus with the shipped rules and a real Alertmanager with the rendered
# template (dummy secrets), both on 127.0.0.1 with free ports and temp storage, then checks
# through their HTTP APIs that every rule is loaded and healthy and that the config is served.
# Bounded in time; both servers are always stopped. Exit: 0 pass, 1 failure, 77 binaries missing.
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"

prometheus_bin=$(newest_tool prometheus) || exit $?
alertmanager_bin=$(newest_tool alertmanager prometheus-alertmanager) || exit $?
require_tool curl "needed to query the servers"
require_tool jq "needed to read the API answers"
require_tool python3 "needed to pick free ports"

start_process_scope

status=0
check() { # check DESCRIPTION COMMAND...: runs COMMAND, records a failure without stopping.
  local what=$1
  shift
  if "$@"; then
    echo "ok   $what"
  else
    echo "FAIL $what" >&2
    status=1
  fi
}

# --- Alertmanager -----------------------------------------------------------------------------
am_port=$(free_port) || fail "could not pick a port"
am_config="$work/alertmanager.yml"
render_alertmanager_config "$am_config" || fail "rendering the Alertmanager template failed"
add_reference_templates "$am_config" "$alertmanager_bin"
mkdir -p "$work/alertmanager-data"
"$alertmanager_bin" \
  --config.file="$am_config" \
  --storage.path="$work/alertmanager-data" \
  --web.listen-address="127.0.0.1:$am_port" \
  --cluster.listen-address= \
  >"$work/alertmanager.log" 2>&1 &
pids+=($!)
wait_ready alertmanager "$!" "http://127.0.0.1:$am_port/-/ready" "$work/alertmanager.log"

am_status=$(http_get "http://127.0.0.1:$am_port/api/v2/status") || fail "GET /api/v2/status failed"
am_original=$(jq -r '.config.original // empty' <<<"$am_status")
check "Alertmanager /api/v2/status reports a config" test -n "$am_original"
for receiver in pagerduty-critical slack-ml-alerts ml-team-email; do
  check "Alertmanager config has receiver $receiver" grep -q "name: $receiver\$" <<<"$am_original"
done
check "Alertmanager config has the inhibit rule" grep -q 'severity="critical"' <<<"$am_original"
check "Alertmanager hides the secrets" bash -c '! grep -q -e dummy-smtp-password -e hooks.slack.com <<<"$1"' _ "$am_original"
check "Alertmanager clustering is disabled" test "$(jq -r '.cluster.status' <<<"$am_status")" = disabled

# --- Prometheus -------------------------------------------------------------------------------
prom_port=$(free_port) || fail "could not pick a port"
prom_config="$work/prometheus.yml"
cat >"$prom_config" <<YAML
global:
  scrape_interval: 5s
  evaluation_interval: 1s
rule_files:
  - $rules_dir/ml-platform.recording.yml
  - $rules_dir/ml-platform.rules.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$prom_port']
YAML
mkdir -p "$work/prometheus-data"
"$prometheus_bin" \
  --config.file="$prom_config" \
  --storage.tsdb.path="$work/prometheus-data" \
  --web.listen-address="127.0.0.1:$prom_port" \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)
prom_pid=$!
wait_ready prometheus "$prom_pid" "http://127.0.0.1:$prom_port/-/ready" "$work/prometheus.log"

# Every rule of the shipped files, as "alerting NAME" / "recording NAME" (one line per rule).
expected=$(sed -nE 's/^[[:space:]]*- (alert|record):[[:space:]]*([^[:space:]#]+).*/\1 \2/p' \
  "$rules_dir/ml-platform.recording.yml" "$rules_dir/ml-platform.rules.yml" |
  sed -e 's/^alert /alerting /' -e 's/^record /recording /' | sort)
[ -n "$expected" ] || fail "no rules found in $rules_dir"

# Rules report health "unknown" until their first evaluation: poll until all are evaluated.
deadline=$((SECONDS + startup_timeout))
while :; do
  rules_json=$(http_get "http://127.0.0.1:$prom_port/api/v1/rules") || fail "GET /api/v1/rules failed"
  unknown=$(jq '[.data.groups[].rules[] | select(.health == "unknown")] | length' <<<"$rules_json")
  [ "$unknown" = 0 ] && break
  ((SECONDS < deadline)) || break
  sleep 0.5
done
loaded=$(jq -r '.data.groups[].rules[] | "\(.type) \(.name)"' <<<"$rules_json" | sort)
check "Prometheus loaded exactly the $(wc -l <<<"$expected") shipped rules" test "$loaded" = "$expected"
if [ "$loaded" != "$expected" ]; then
  diff <(echo "$expected") <(echo "$loaded") | sed 's/^/     /' >&2
fi
unhealthy=$(jq -r '.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.health) \(.lastError // "")"' <<<"$rules_json")
check "every rule has health ok" test -z "$unhealthy"
[ -z "$unhealthy" ] || sed 's/^/     /' <<<"$unhealthy" >&2
groups=$(jq -r '[.data.groups[].name] | join(" ")' <<<"$rules_json")
echo "     groups: $groups"

# Prometheus found the Alertmanager it was pointed at.
deadline=$((SECONDS + startup_timeout))
while :; do
  active=$(http_get "http://127.0.0.1:$prom_port/api/v1/alertmanagers" | jq -r '.data.activeAlertmanagers[].url')
  [ -n "$active" ] && break
  ((SECONDS < deadline)) || break
  sleep 0.5
done
check "Prometheus sends alerts to the Alertmanager on port $am_port" grep -q "127.0.0.1:$am_port" <<<"$active"

[ "$status" -eq 0 ] || fail "real-server checks failed (see above)"
echo "PASS: Prometheus and Alertmanager accept the shipped config"
